// Message catalogues. German is the source of keys; every other language must cover each key
// (enforced by the types in en/*.ts). Add a domain's texts as de/<domain>.ts + en/<domain>.ts and
// spread them below.
import { common as deCommon } from "./de/common";
import { common as enCommon } from "./en/common";
import { participants as deParticipants } from "./de/participants";
import { participants as enParticipants } from "./en/participants";
import { participantsIo as deParticipantsIo } from "./de/participants-io";
import { participantsIo as enParticipantsIo } from "./en/participants-io";
import { reports as deReports } from "./de/reports";
import { reports as enReports } from "./en/reports";
import { admin as deAdmin } from "./de/admin";
import { admin as enAdmin } from "./en/admin";
import { forms as deForms } from "./de/forms";
import { forms as enForms } from "./en/forms";
import { steering as deSteering } from "./de/steering";
import { steering as enSteering } from "./en/steering";
import { activities as deActivities } from "./de/activities";
import { activities as enActivities } from "./en/activities";
import { organisations as deOrganisations } from "./de/organisations";
import { organisations as enOrganisations } from "./en/organisations";
import { finance as deFinance } from "./de/finance";
import { finance as enFinance } from "./en/finance";
import { periods as dePeriods } from "./de/periods";
import { periods as enPeriods } from "./en/periods";
import { progress as deProgress } from "./de/progress";
import { progress as enProgress } from "./en/progress";
import { exports as deExports } from "./de/exports";
import { exports as enExports } from "./en/exports";
import { conflicts as deConflicts } from "./de/conflicts";
import { conflicts as enConflicts } from "./en/conflicts";
import { security as deSecurity } from "./de/security";
import { security as enSecurity } from "./en/security";
import { dashboards as deDashboards } from "./de/dashboards";
import { dashboards as enDashboards } from "./en/dashboards";

export const catalogues = {
  de: { ...deCommon, ...deParticipants, ...deParticipantsIo, ...deReports, ...deAdmin, ...deForms, ...deSteering, ...deActivities, ...deOrganisations, ...deFinance, ...dePeriods, ...deProgress, ...deExports, ...deConflicts, ...deSecurity, ...deDashboards },
  en: { ...enCommon, ...enParticipants, ...enParticipantsIo, ...enReports, ...enAdmin, ...enForms, ...enSteering, ...enActivities, ...enOrganisations, ...enFinance, ...enPeriods, ...enProgress, ...enExports, ...enConflicts, ...enSecurity, ...enDashboards },
};

export type MessageKey = keyof (typeof catalogues)["de"];
