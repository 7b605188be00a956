// The demo data set's fixed content: action fields, programme areas, the four seed projects from
// docs/domain.md ("The seed projects"), their partners, activity types, milestones, targets and money,
// plus name lists for the generated people and businesses. Everything is fictional but realistic;
// area facts are only the ones the domain notes give (unknown facts stay empty).
// Pure data: the generator (generate.ts) turns it into rows, seed.server.ts writes them.

export const DEMO_PASSWORD = "biwaq-demo-2026";

export type DemoRole = "admin" | "lead" | "coordinator" | "manager" | "accountant";

export interface DemoUserSpec {
  role: DemoRole;
  email: string;
  name: string;
  /** Project codes and the role held there (admins need none). */
  projects: string[];
}

const ALL_PROJECTS = ["FORST-2019", "LEIPZIG-AIQ-2019", "LEIPZIG-MWQ-2015", "WEISSWASSER"];
const CURRENT_PROJECTS = ["FORST-2019", "LEIPZIG-AIQ-2019"];

export const DEMO_USERS: DemoUserSpec[] = [
  { role: "admin", email: "admin@demo.biwaq.de", name: "Ada Albrecht", projects: [] },
  { role: "lead", email: "lead@demo.biwaq.de", name: "Lena Lehmann", projects: CURRENT_PROJECTS },
  { role: "coordinator", email: "coordinator@demo.biwaq.de", name: "Karl Krause", projects: CURRENT_PROJECTS },
  { role: "manager", email: "manager@demo.biwaq.de", name: "Martin Meier", projects: ALL_PROJECTS },
  { role: "accountant", email: "accountant@demo.biwaq.de", name: "Birgit Brandt", projects: ALL_PROJECTS },
];

export type ActionFieldCode = "HF1" | "HF2" | "HF3";

export const DEMO_ACTION_FIELDS: { code: ActionFieldCode; name: string; nameEn: string; description: string; sortOrder: number }[] = [
  {
    code: "HF1",
    name: "Nachhaltige Integration in Beschäftigung",
    nameEn: "Sustainable integration into employment",
    description: "Coaching, Qualifizierung und Vermittlung (langzeit-)arbeitsloser Menschen, von Menschen mit Migrationshintergrund und Geflüchteten.",
    sortOrder: 1,
  },
  {
    code: "HF2",
    name: "Stärkung der lokalen Ökonomie",
    nameEn: "Strengthening the local economy",
    description: "Beratung, Veranstaltungen und Vernetzung für Klein- und Kleinstunternehmen sowie Solo-Selbstständige; Leerstand und Schaufenster.",
    sortOrder: 2,
  },
  {
    code: "HF3",
    name: "Stadtentwicklung / sozialer Zusammenhalt",
    nameEn: "Urban development / social cohesion",
    description: "Querschnittsmaßnahmen früherer Förderrunden: Stadtteiltreff, Quartierstische, Stadtteilfeste.",
    sortOrder: 3,
  },
];

export type AreaKey = "forst" | "gruenau" | "osten" | "paunsdorf" | "weisswasser";

export interface DemoAreaSpec {
  key: AreaKey;
  name: string;
  municipality: string;
  federalState: string;
  regionCategory: "less_developed" | "transition" | "more_developed";
  sizeHectares: number | null;
  inhabitants: number | null;
  sgb2Rate: number | null;
  unemploymentRate: number | null;
  migrantShare: number | null;
  factsSource: string | null;
  /** Where the area's participants live (identity data). */
  postcode: string;
  city: string;
  streets: string[];
}

export const DEMO_AREAS: DemoAreaSpec[] = [
  {
    key: "forst",
    name: "Forster Innenstadt",
    municipality: "Forst (Lausitz)",
    federalState: "Brandenburg",
    regionCategory: "transition",
    sizeHectares: 303,
    inhabitants: 6638,
    sgb2Rate: 18.3,
    unemploymentRate: 10.6,
    migrantShare: 9.63,
    factsSource: "Projektbeschreibung BIWAQ 2019–2022 (SGB-II- und Arbeitslosenquote: Gesamtstadt mit 18.996 Einwohnern; Migrantenanteil Gesamtstadt 4,72 %)",
    postcode: "03149",
    city: "Forst (Lausitz)",
    streets: ["Berliner Straße", "Cottbuser Straße", "Sorauer Straße", "Lindenstraße", "Mühlenstraße", "Spremberger Straße", "Frankfurter Straße", "Promenade", "Max-Fritz-Hammer-Straße", "Karl-Marx-Straße"],
  },
  {
    key: "gruenau",
    name: "Leipzig-Grünau",
    municipality: "Leipzig",
    federalState: "Sachsen",
    regionCategory: "transition",
    sizeHectares: null, inhabitants: null, sgb2Rate: null, unemploymentRate: null, migrantShare: null, factsSource: null,
    postcode: "04209",
    city: "Leipzig",
    streets: ["Stuttgarter Allee", "Lützner Straße", "Ratzelstraße", "Alte Salzstraße", "Kiewer Straße", "Brünner Straße", "Jupiterstraße", "Breisgaustraße"],
  },
  {
    key: "osten",
    name: "Leipziger Osten",
    municipality: "Leipzig",
    federalState: "Sachsen",
    regionCategory: "transition",
    sizeHectares: null, inhabitants: null, sgb2Rate: null, unemploymentRate: null, migrantShare: null, factsSource: null,
    postcode: "04315",
    city: "Leipzig",
    streets: ["Eisenbahnstraße", "Hermann-Liebmann-Straße", "Konradstraße", "Ludwigstraße", "Hildegardstraße", "Wurzner Straße", "Mariannenstraße", "Elisabethstraße", "Neustädter Straße"],
  },
  {
    key: "paunsdorf",
    name: "Paunsdorf",
    municipality: "Leipzig",
    federalState: "Sachsen",
    regionCategory: "transition",
    sizeHectares: null, inhabitants: null, sgb2Rate: null, unemploymentRate: null, migrantShare: null, factsSource: null,
    postcode: "04319",
    city: "Leipzig",
    streets: ["Riesaer Straße", "Sommerfelder Straße", "Zweinaundorfer Straße", "Mölkauer Straße", "Hans-Weigel-Straße", "Althener Straße"],
  },
  {
    key: "weisswasser",
    name: "Weißwasser Soziale Stadt",
    municipality: "Weißwasser/O.L.",
    federalState: "Sachsen",
    regionCategory: "transition",
    sizeHectares: null, inhabitants: null, sgb2Rate: null, unemploymentRate: null, migrantShare: null, factsSource: null,
    postcode: "02943",
    city: "Weißwasser/O.L.",
    streets: ["Muskauer Straße", "Berliner Straße", "Karl-Liebknecht-Straße", "Straße des Friedens", "Jahnstraße", "Bautzener Straße", "Lutherstraße", "Goethestraße"],
  },
];

export type PartnerKind = "sub_project_partner" | "cooperation_partner" | "jobcenter" | "municipality" | "association" | "company" | "education_provider" | "other";

export interface DemoPartnerSpec {
  name: string;
  type: PartnerKind;
  hasBudget: boolean;
  roleInProject: string;
  agreementType: string | null;
  agreementDate: string | null;
  postcode: string | null;
  city: string | null;
  /** Delivers some of the HF 1 group courses (links activities to the partner). */
  deliversCourses?: boolean;
  /** Annual staff budget in cents (only partners with a budget). */
  annualStaffCents?: number;
  contact?: { name: string; function: string; email: string };
}

export interface DemoActivityTypeSpec {
  name: string;
  actionField: ActionFieldCode;
  format: "group" | "individual";
  /** HF 2 only: what a support in this type counts as. */
  support?: "advice" | "event" | "networking" | "other";
}

export interface DemoMilestoneSpec {
  title: string;
  due: string;
  status: "planned" | "in_progress" | "done" | "delayed";
  actionField?: ActionFieldCode;
  description?: string;
  evidenceNote?: string;
}

export interface DemoProjectSpec {
  code: string;
  title: string;
  description: string;
  sponsor: string;
  fundingRound: string;
  start: string;
  end: string;
  status: "planned" | "active" | "closed";
  flatRateModel: "none" | "staff_costs_remaining" | "indirect_on_staff" | "indirect_on_direct";
  flatRateBp: number;
  finalStatementDate: string | null;
  areas: { key: AreaKey; isCore: boolean }[];
  actionFields: ActionFieldCode[];
  partners: DemoPartnerSpec[];
  activityTypes: DemoActivityTypeSpec[];
  counts: {
    participants: number;
    courseSeries: number;
    individualSessions: number;
    organisations: number;
    followUpAdvice: number;
    businessEvents: number;
    neighbourhoodEvents: number;
  };
  /** Share of participants with a foreign background (drives names and third-country nationality). */
  foreignShare: number;
  milestones: DemoMilestoneSpec[];
  targets: { indicator: string; value: number }[];
  /** Financing shares in basis points of the total budget; ESF Plus + federal ≤ 9000, own share ≥ 1000. */
  financing: { esfPlusBp: number; federalBp: number; ownShareBp: number; municipalBp: number; ownShareName: string; municipalName?: string };
  /** The sponsor's own annual budget in cents (partners' budgets are on the partners). */
  annualBudget: { staff: number; fees: number; material: number };
  /** Staff paid from the sponsor's budget: name, function, monthly employer cost (cents) and FTE. */
  staff: { name: string; function: string; monthlyCents: number; fte: number }[];
  expenseCount: number;
}

const HF1_COMMON: DemoActivityTypeSpec[] = [
  { name: "Individuelle Kompetenzfeststellung", actionField: "HF1", format: "individual" },
  { name: "Bewerbungstraining", actionField: "HF1", format: "group" },
  { name: "Berufswegeplanung", actionField: "HF1", format: "individual" },
  { name: "Vermittlung in Praktikum, Ausbildung und Arbeit mit Nachbetreuung", actionField: "HF1", format: "individual" },
  { name: "Digitalkompetenz-Kurs", actionField: "HF1", format: "group" },
];

export const DEMO_PROJECTS: DemoProjectSpec[] = [
  {
    code: "FORST-2019",
    title: "Mittendrin statt Außen vor",
    description:
      "Coaching, Qualifizierung und Vermittlung für langzeitarbeitslose Menschen und Menschen mit Migrationshintergrund in der Forster Innenstadt; Beratung, Vernetzung und Leerstandsaktivierung für die lokalen Gewerbetreibenden.",
    sponsor: "Stadt Forst (Lausitz)",
    fundingRound: "BIWAQ 2019–2022",
    start: "2019-01-01",
    end: "2022-12-31",
    status: "active",
    flatRateModel: "indirect_on_staff",
    flatRateBp: 1500,
    finalStatementDate: null,
    areas: [{ key: "forst", isCore: true }],
    actionFields: ["HF1", "HF2"],
    partners: [
      {
        name: "Kompetenzzentrum Forst/L. e. V.", type: "sub_project_partner", hasBudget: true,
        roleInProject: "Teilvorhaben HF 1: Kompetenzfeststellung, Coaching und Kurse", agreementType: "Kooperationsvertrag Teilvorhaben",
        agreementDate: "2018-10-15", postcode: "03149", city: "Forst (Lausitz)", deliversCourses: true, annualStaffCents: 4_500_000,
        contact: { name: "Petra Zimmermann", function: "Geschäftsführung", email: "p.zimmermann@example.org" },
      },
      {
        name: "BQS GmbH Döbern", type: "sub_project_partner", hasBudget: true,
        roleInProject: "Teilvorhaben HF 1: Qualifizierung, Schnuppertrainings und Vermittlung", agreementType: "Kooperationsvertrag Teilvorhaben",
        agreementDate: "2018-10-15", postcode: "03159", city: "Döbern", deliversCourses: true, annualStaffCents: 3_500_000,
        contact: { name: "Frank Lorenz", function: "Bereichsleitung Qualifizierung", email: "f.lorenz@example.org" },
      },
      {
        name: "Jobcenter Landkreis Spree-Neiße", type: "jobcenter", hasBudget: false,
        roleInProject: "Zuweisung und Abstimmung der Teilnehmenden, gemeinsame Fallbesprechungen", agreementType: "Letter of Intent",
        agreementDate: "2018-09-20", postcode: null, city: "Forst (Lausitz)",
        contact: { name: "Andrea Schubert", function: "Teamleitung Markt und Integration", email: "a.schubert@example.org" },
      },
      {
        name: "Stadt Forst (Lausitz), Fachbereich Stadtentwicklung", type: "municipality", hasBudget: false,
        roleInProject: "Abstimmung mit dem Integrierten Stadtentwicklungskonzept, Leerstandskataster", agreementType: "Kooperationsvereinbarung",
        agreementDate: "2018-11-05", postcode: "03149", city: "Forst (Lausitz)",
      },
      {
        name: "Gewerbeverein Forst (Lausitz) e. V.", type: "association", hasBudget: false,
        roleInProject: "Zugang zu den Gewerbetreibenden, Unternehmerfrühstück", agreementType: "Kooperationsvereinbarung",
        agreementDate: "2018-11-20", postcode: "03149", city: "Forst (Lausitz)",
      },
      {
        name: "FlüNet Forst", type: "association", hasBudget: false,
        roleInProject: "Netzwerk für Geflüchtete: Zugang, Sprachmittlung, Begleitung", agreementType: "Absichtserklärung",
        agreementDate: "2018-12-03", postcode: "03149", city: "Forst (Lausitz)",
      },
      {
        name: "Wohnungsbaugesellschaft Forst mbH", type: "company", hasBudget: false,
        roleInProject: "Räume für den Stadtteilladen, Zwischennutzung leerstehender Läden", agreementType: "Kooperationsvereinbarung",
        agreementDate: "2019-02-12", postcode: "03149", city: "Forst (Lausitz)",
      },
    ],
    activityTypes: [
      ...HF1_COMMON,
      { name: "Soft-Skill-Training", actionField: "HF1", format: "group" },
      { name: "Mobilitätstraining", actionField: "HF1", format: "group" },
      { name: "Suchtprävention", actionField: "HF1", format: "group" },
      { name: "Anerkennung ausländischer Berufsabschlüsse", actionField: "HF1", format: "individual" },
      { name: "Schnuppertraining", actionField: "HF1", format: "group" },
      { name: "Beratung lokaler Unternehmen", actionField: "HF2", format: "individual", support: "advice" },
      { name: "Beratung von Solo-Selbstständigen", actionField: "HF2", format: "individual", support: "advice" },
      { name: "Unternehmerfrühstück", actionField: "HF2", format: "group", support: "networking" },
      { name: "Workshop Online-Marktplatz", actionField: "HF2", format: "group", support: "event" },
    ],
    counts: { participants: 120, courseSeries: 8, individualSessions: 40, organisations: 36, followUpAdvice: 10, businessEvents: 6, neighbourhoodEvents: 0 },
    foreignShare: 0.22,
    milestones: [
      { title: "Auftaktveranstaltung mit den Kooperationspartnern", due: "2019-02-28", status: "done", evidenceNote: "Protokoll der Auftaktveranstaltung" },
      { title: "Stadtteilladen in der Innenstadt eröffnet", due: "2019-04-30", status: "done", actionField: "HF2", evidenceNote: "Mietvertrag und Pressemitteilung" },
      { title: "Erste Kursreihe Digitalkompetenz gestartet", due: "2019-09-30", status: "done", actionField: "HF1" },
      { title: "Zwischennachweis 2019 eingereicht", due: "2020-04-30", status: "done" },
      { title: "Online-Marktplatz der Forster Händler freigeschaltet", due: "2020-06-30", status: "delayed", actionField: "HF2", description: "Verzögert durch die Schließungen im Frühjahr 2020." },
      { title: "Zwischenbilanz Teilnehmendenziel (60 Eintritte)", due: "2021-06-30", status: "in_progress", actionField: "HF1" },
      { title: "Leerstandsbörse mit 10 vermittelten Ladenlokalen", due: "2022-03-31", status: "in_progress", actionField: "HF2" },
      { title: "Abschlussveranstaltung im Quartier", due: "2022-11-30", status: "planned" },
      { title: "Verwendungsnachweis eingereicht", due: "2023-06-30", status: "planned" },
    ],
    targets: [
      { indicator: "EECO01", value: 130 },
      { indicator: "EECR04", value: 30 },
      { indicator: "businesses_supported", value: 35 },
      { indicator: "activities_held", value: 150 },
      { indicator: "employability_improved", value: 60 },
    ],
    financing: { esfPlusBp: 5500, federalBp: 3500, ownShareBp: 1000, municipalBp: 0, ownShareName: "Eigenanteil Stadt Forst (Lausitz)" },
    annualBudget: { staff: 11_000_000, fees: 1_500_000, material: 1_200_000 },
    staff: [
      { name: "Lena Lehmann", function: "Projektleitung", monthlyCents: 520_000, fte: 0.5 },
      { name: "Karl Krause", function: "Koordination und Coaching", monthlyCents: 460_000, fte: 1 },
      { name: "Sabine Schröder", function: "Quartiersökonomie (HF 2)", monthlyCents: 450_000, fte: 0.75 },
    ],
    expenseCount: 70,
  },
  {
    code: "LEIPZIG-AIQ-2019",
    title: "Arbeit im Quartier",
    description:
      "Quartiersnahe Beschäftigungsförderung in Grünau, im Leipziger Osten und in Paunsdorf: Lernraum „Lerneck“, Coaching und Bewerbungstraining; Beratung und Vernetzung der lokalen Unternehmen.",
    sponsor: "Stadt Leipzig",
    fundingRound: "BIWAQ 2019–2022",
    start: "2019-01-01",
    end: "2022-12-31",
    status: "active",
    flatRateModel: "indirect_on_staff",
    flatRateBp: 1500,
    finalStatementDate: null,
    areas: [
      { key: "osten", isCore: true },
      { key: "gruenau", isCore: false },
      { key: "paunsdorf", isCore: false },
    ],
    actionFields: ["HF1", "HF2"],
    partners: [
      {
        name: "Stadt Leipzig, Amt für Wohnungsbau und Stadterneuerung (AWS)", type: "municipality", hasBudget: false,
        roleInProject: "Gesamtsteuerung, Verbindung zur Stadterneuerung und zum Quartiersmanagement", agreementType: "Kooperationsvereinbarung",
        agreementDate: "2018-10-01", postcode: null, city: "Leipzig",
        contact: { name: "Christian Neumann", function: "Sachgebiet Stadterneuerung Ost", email: "c.neumann@example.org" },
      },
      {
        name: "DAA Leipzig", type: "sub_project_partner", hasBudget: true,
        roleInProject: "Teilvorhaben HF 1: Lernraum „Lerneck“, Coaching und Bewerbungstraining", agreementType: "Kooperationsvertrag Teilvorhaben",
        agreementDate: "2018-10-22", postcode: null, city: "Leipzig", deliversCourses: true, annualStaffCents: 7_000_000,
        contact: { name: "Katrin Seidel", function: "Standortleitung", email: "k.seidel@example.org" },
      },
      {
        name: "Jobcenter Leipzig", type: "jobcenter", hasBudget: false,
        roleInProject: "Zuweisung und Abstimmung der Teilnehmenden", agreementType: "Letter of Intent",
        agreementDate: "2018-09-28", postcode: null, city: "Leipzig",
      },
    ],
    activityTypes: [
      ...HF1_COMMON,
      { name: "Lernraum „Lerneck“", actionField: "HF1", format: "group" },
      { name: "Grundbildungskurs", actionField: "HF1", format: "group" },
      { name: "Peer-to-Peer-Mentoring", actionField: "HF1", format: "group" },
      { name: "Anerkennung ausländischer Berufsabschlüsse", actionField: "HF1", format: "individual" },
      { name: "Beratung lokaler Unternehmen", actionField: "HF2", format: "individual", support: "advice" },
      { name: "Beratung von Solo-Selbstständigen", actionField: "HF2", format: "individual", support: "advice" },
      { name: "Netzwerktreffen lokale Ökonomie", actionField: "HF2", format: "group", support: "networking" },
      { name: "Schaufenster- und Leerstandsaktion", actionField: "HF2", format: "group", support: "event" },
    ],
    counts: { participants: 120, courseSeries: 8, individualSessions: 40, organisations: 34, followUpAdvice: 10, businessEvents: 6, neighbourhoodEvents: 0 },
    foreignShare: 0.4,
    milestones: [
      { title: "Lernraum „Lerneck“ eröffnet", due: "2019-03-31", status: "done", actionField: "HF1", evidenceNote: "Eröffnungsbericht" },
      { title: "Kooperationsvereinbarung mit dem Jobcenter Leipzig unterzeichnet", due: "2019-03-31", status: "done" },
      { title: "Unternehmensbefragung Eisenbahnstraße ausgewertet", due: "2019-10-31", status: "done", actionField: "HF2" },
      { title: "Zwischennachweis 2019 eingereicht", due: "2020-04-30", status: "done" },
      { title: "Ausweitung der Angebote nach Paunsdorf", due: "2020-09-30", status: "delayed", actionField: "HF1" },
      { title: "Netzwerk lokale Ökonomie Grünau gegründet", due: "2021-05-31", status: "in_progress", actionField: "HF2" },
      { title: "Abschlussbericht an den Stadtrat", due: "2022-12-15", status: "planned" },
    ],
    targets: [
      { indicator: "EECO01", value: 140 },
      { indicator: "EECR04", value: 35 },
      { indicator: "businesses_supported", value: 30 },
      { indicator: "activities_held", value: 160 },
      { indicator: "employability_improved", value: 70 },
    ],
    financing: { esfPlusBp: 5000, federalBp: 3500, ownShareBp: 1000, municipalBp: 500, ownShareName: "Eigenanteil Stadt Leipzig", municipalName: "Kofinanzierung Städtebauförderung" },
    annualBudget: { staff: 13_000_000, fees: 1_800_000, material: 1_500_000 },
    staff: [
      { name: "Lena Lehmann", function: "Projektleitung", monthlyCents: 520_000, fte: 0.5 },
      { name: "Karl Krause", function: "Koordination", monthlyCents: 460_000, fte: 0.5 },
      { name: "Jana Vogel", function: "Quartiersökonomie (HF 2)", monthlyCents: 450_000, fte: 1 },
      { name: "Mehmet Aydın", function: "Coaching und Sprachmittlung", monthlyCents: 430_000, fte: 1 },
    ],
    expenseCount: 75,
  },
  {
    code: "LEIPZIG-MWQ-2015",
    title: "MehrWertQuartier / Arbeitsladen Plus",
    description:
      "Arbeitsladen Plus im Leipziger Osten und in Grünau: offene Beratung, Coaching und Vermittlung arbeitsloser Menschen; Beratung kleiner Unternehmen zur Fachkräftesicherung.",
    sponsor: "Stadt Leipzig",
    fundingRound: "BIWAQ 2015–2018",
    start: "2015-04-01",
    end: "2018-12-31",
    status: "closed",
    flatRateModel: "staff_costs_remaining",
    flatRateBp: 2600,
    finalStatementDate: "2019-06-28",
    areas: [
      { key: "osten", isCore: true },
      { key: "gruenau", isCore: true },
    ],
    actionFields: ["HF1", "HF2"],
    partners: [
      {
        name: "DAA Leipzig", type: "sub_project_partner", hasBudget: true,
        roleInProject: "Teilvorhaben HF 1: Arbeitsladen Plus, Coaching und Vermittlung", agreementType: "Kooperationsvertrag Teilvorhaben",
        agreementDate: "2015-02-16", postcode: null, city: "Leipzig", deliversCourses: true, annualStaffCents: 6_000_000,
      },
      {
        name: "Behling-Consult Halle", type: "sub_project_partner", hasBudget: true,
        roleInProject: "Teilvorhaben HF 2: Beratung kleiner Unternehmen", agreementType: "Kooperationsvertrag Teilvorhaben",
        agreementDate: "2015-02-16", postcode: null, city: "Halle (Saale)", annualStaffCents: 3_000_000,
      },
      {
        name: "Jobcenter Leipzig", type: "jobcenter", hasBudget: false,
        roleInProject: "Zuweisung und Abstimmung der Teilnehmenden", agreementType: "Letter of Intent",
        agreementDate: "2014-11-20", postcode: null, city: "Leipzig",
      },
    ],
    activityTypes: [
      ...HF1_COMMON,
      { name: "Arbeitsladen – offene Sprechstunde", actionField: "HF1", format: "individual" },
      { name: "Kreativwerkstatt", actionField: "HF1", format: "group" },
      { name: "Beratung lokaler Unternehmen", actionField: "HF2", format: "individual", support: "advice" },
      { name: "Unternehmensstammtisch", actionField: "HF2", format: "group", support: "networking" },
    ],
    counts: { participants: 60, courseSeries: 4, individualSessions: 25, organisations: 30, followUpAdvice: 6, businessEvents: 4, neighbourhoodEvents: 0 },
    foreignShare: 0.35,
    milestones: [
      { title: "Arbeitsladen Plus eröffnet", due: "2015-06-30", status: "done", actionField: "HF1" },
      { title: "Beratungsangebot für Unternehmen gestartet", due: "2015-09-30", status: "done", actionField: "HF2" },
      { title: "Zwischennachweis 2016 eingereicht", due: "2017-04-30", status: "done" },
      { title: "Fachkräftetag im Leipziger Osten", due: "2017-10-31", status: "done", actionField: "HF2" },
      { title: "Verstetigung des Arbeitsladens geklärt", due: "2018-09-30", status: "delayed", description: "Anschlussfinanzierung erst mit der Förderrunde 2019 gesichert." },
      { title: "Verwendungsnachweis eingereicht", due: "2019-06-30", status: "done" },
    ],
    targets: [
      { indicator: "EECO01", value: 60 },
      { indicator: "EECR04", value: 15 },
      { indicator: "businesses_supported", value: 30 },
      { indicator: "activities_held", value: 90 },
      { indicator: "employability_improved", value: 30 },
    ],
    financing: { esfPlusBp: 5000, federalBp: 4000, ownShareBp: 1000, municipalBp: 0, ownShareName: "Eigenanteil Stadt Leipzig" },
    annualBudget: { staff: 9_000_000, fees: 0, material: 0 },
    staff: [
      { name: "Thomas Weber", function: "Projektleitung", monthlyCents: 480_000, fte: 0.75 },
      { name: "Ines Hartmann", function: "Coaching", monthlyCents: 420_000, fte: 1 },
    ],
    expenseCount: 50,
  },
  {
    code: "WEISSWASSER",
    title: "Perspektiven Weißwasser",
    description:
      "Perspektiven für arbeitslose Menschen im Soziale-Stadt-Gebiet Weißwasser: Coaching und Kurse, Stadtteiltreff und Quartierstische, Unterstützung kleiner Betriebe.",
    sponsor: "Stadt Weißwasser/O.L.",
    fundingRound: "BIWAQ 2015–2018",
    start: "2015-01-01",
    end: "2018-12-31",
    status: "closed",
    flatRateModel: "staff_costs_remaining",
    flatRateBp: 2600,
    finalStatementDate: "2019-06-14",
    areas: [{ key: "weisswasser", isCore: true }],
    actionFields: ["HF1", "HF2", "HF3"],
    partners: [
      {
        name: "Wertewandel e.V.", type: "sub_project_partner", hasBudget: true,
        roleInProject: "Teilvorhaben HF 1 und Stadtteiltreff", agreementType: "Kooperationsvertrag Teilvorhaben",
        agreementDate: "2014-11-03", postcode: "02943", city: "Weißwasser/O.L.", deliversCourses: true, annualStaffCents: 3_800_000,
        contact: { name: "Doreen Hahn", function: "Vorstand", email: "d.hahn@example.org" },
      },
      {
        name: "Jobcenter Landkreis Görlitz", type: "jobcenter", hasBudget: false,
        roleInProject: "Zuweisung und Abstimmung der Teilnehmenden", agreementType: "Letter of Intent",
        agreementDate: "2014-10-30", postcode: null, city: "Weißwasser/O.L.",
      },
    ],
    activityTypes: [
      ...HF1_COMMON,
      { name: "Grundbildungskurs", actionField: "HF1", format: "group" },
      { name: "Mobilitätstraining", actionField: "HF1", format: "group" },
      { name: "Beratung lokaler Unternehmen", actionField: "HF2", format: "individual", support: "advice" },
      { name: "Beratung von Solo-Selbstständigen", actionField: "HF2", format: "individual", support: "advice" },
      { name: "Händlertreffen Innenstadt", actionField: "HF2", format: "group", support: "networking" },
      { name: "Stadtteiltreff", actionField: "HF3", format: "group" },
      { name: "Quartierstisch", actionField: "HF3", format: "group" },
      { name: "Stadtteilfest", actionField: "HF3", format: "group" },
    ],
    counts: { participants: 40, courseSeries: 3, individualSessions: 20, organisations: 30, followUpAdvice: 4, businessEvents: 3, neighbourhoodEvents: 10 },
    foreignShare: 0.1,
    milestones: [
      { title: "Stadtteiltreff eröffnet", due: "2015-04-30", status: "done", actionField: "HF3" },
      { title: "Erster Quartierstisch", due: "2015-06-30", status: "done", actionField: "HF3" },
      { title: "Händlertreffen Innenstadt etabliert", due: "2016-03-31", status: "done", actionField: "HF2" },
      { title: "Zwischennachweis 2016 eingereicht", due: "2017-04-30", status: "done" },
      { title: "Übergabe des Stadtteiltreffs an einen Trägerverein", due: "2018-10-31", status: "delayed", actionField: "HF3" },
      { title: "Verwendungsnachweis eingereicht", due: "2019-06-30", status: "done" },
    ],
    targets: [
      { indicator: "EECO01", value: 45 },
      { indicator: "EECR04", value: 10 },
      { indicator: "businesses_supported", value: 30 },
      { indicator: "activities_held", value: 80 },
      { indicator: "employability_improved", value: 25 },
    ],
    financing: { esfPlusBp: 5000, federalBp: 4000, ownShareBp: 1000, municipalBp: 0, ownShareName: "Eigenanteil Stadt Weißwasser/O.L." },
    annualBudget: { staff: 6_500_000, fees: 0, material: 0 },
    staff: [
      { name: "Uwe Richter", function: "Projektleitung", monthlyCents: 450_000, fte: 0.5 },
      { name: "Kerstin Fuchs", function: "Coaching und Stadtteilarbeit", monthlyCents: 400_000, fte: 1 },
    ],
    expenseCount: 45,
  },
];

// ---------------------------------------------------------------- names

export const FIRST_NAMES_FEMALE = [
  "Anja", "Andrea", "Birgit", "Claudia", "Daniela", "Doreen", "Franziska", "Heike", "Ines", "Jana", "Jennifer", "Julia",
  "Katrin", "Kerstin", "Laura", "Manuela", "Maria", "Melanie", "Nadine", "Nicole", "Peggy", "Petra", "Ramona", "Sabine",
  "Sandra", "Silke", "Stefanie", "Susanne", "Tanja", "Ute", "Yvonne", "Christin", "Mandy", "Sarah", "Lisa", "Annett",
];
export const FIRST_NAMES_MALE = [
  "Andreas", "Christian", "Daniel", "Dirk", "Enrico", "Frank", "Heiko", "Jens", "Jörg", "Kevin", "Lars", "Marcel",
  "Marco", "Mario", "Martin", "Matthias", "Michael", "Mike", "Nico", "Patrick", "Ralf", "René", "Ronny", "Sebastian",
  "Sven", "Steffen", "Thomas", "Tino", "Torsten", "Uwe", "Maik", "Stefan", "Tobias", "Dennis", "Robert", "Olaf",
];
export const FIRST_NAMES_NEUTRAL = ["Alex", "Kim", "Robin", "Charlie", "Sascha", "Luca"];
export const LAST_NAMES = [
  "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch",
  "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann",
  "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann",
  "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn",
  "Schubert", "Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann",
  "Kowalczyk", "Noack", "Kschenka", "Rattei", "Domaschke",
];
export const FOREIGN_FIRST_NAMES_FEMALE = [
  "Aylin", "Fatma", "Amira", "Olena", "Natalia", "Zeynep", "Mariam", "Huda", "Agnieszka", "Iryna", "Leyla", "Samira",
  "Noor", "Ewa", "Svetlana", "Rania", "Tetiana", "Hevin",
];
export const FOREIGN_FIRST_NAMES_MALE = [
  "Ahmad", "Mohammed", "Omar", "Yusuf", "Mehmet", "Ali", "Tariq", "Dmytro", "Piotr", "Andrii", "Hassan", "Karim",
  "Samir", "Ibrahim", "Bilal", "Mustafa", "Serhii", "Abdullah",
];
export const FOREIGN_LAST_NAMES = [
  "Yılmaz", "Kaya", "Al-Hassan", "Haddad", "Nowak", "Kowalski", "Shevchenko", "Kovalenko", "Ahmadi", "Rahimi", "Demir",
  "Öztürk", "Ibrahim", "Saleh", "Popescu", "Hussein", "Abdi", "Bondarenko", "Wiśniewski", "Khalil", "Osman", "Nasser",
];

// ---------------------------------------------------------------- supported organisations

export const BUSINESS_TEMPLATES: { pattern: string; sector: string; solo?: boolean }[] = [
  { pattern: "Bäckerei {name}", sector: "Lebensmittelhandwerk" },
  { pattern: "Fleischerei {name}", sector: "Lebensmittelhandwerk" },
  { pattern: "Friseursalon {name}", sector: "Dienstleistungen" },
  { pattern: "Blumenladen {name}", sector: "Einzelhandel" },
  { pattern: "Malerbetrieb {name} GmbH", sector: "Handwerk" },
  { pattern: "Elektro {name}", sector: "Handwerk" },
  { pattern: "Kfz-Werkstatt {name}", sector: "Handwerk" },
  { pattern: "Café {name}", sector: "Gastronomie" },
  { pattern: "Imbiss {name}", sector: "Gastronomie" },
  { pattern: "Schuhhaus {name}", sector: "Einzelhandel" },
  { pattern: "Optik {name}", sector: "Einzelhandel" },
  { pattern: "Reinigungsservice {name}", sector: "Dienstleistungen" },
  { pattern: "Pflegedienst {name} GmbH", sector: "Gesundheit und Pflege" },
  { pattern: "Physiotherapie {name}", sector: "Gesundheit und Pflege" },
  { pattern: "Steuerbüro {name}", sector: "Unternehmensnahe Dienstleistungen" },
  { pattern: "Tischlerei {name}", sector: "Handwerk" },
  { pattern: "Sanitär- und Heizungsbau {name}", sector: "Handwerk" },
  { pattern: "Fahrradladen {name}", sector: "Einzelhandel" },
  { pattern: "Änderungsschneiderei {name}", sector: "Dienstleistungen", solo: true },
  { pattern: "Grafikdesign {name}", sector: "Kreativwirtschaft", solo: true },
  { pattern: "Fotostudio {name}", sector: "Kreativwirtschaft", solo: true },
  { pattern: "Nachhilfe {name}", sector: "Bildung", solo: true },
  { pattern: "Hausmeisterservice {name}", sector: "Dienstleistungen", solo: true },
  { pattern: "Kosmetikstudio {name}", sector: "Dienstleistungen", solo: true },
  { pattern: "Lebensmittelmarkt {name}", sector: "Einzelhandel" },
  { pattern: "Spätverkauf {name}", sector: "Einzelhandel" },
];

export const SOCIAL_ENTERPRISES = ["Stadtteilwerkstatt {city} gGmbH", "Sozialkaufhaus {city}", "Inklusionscafé {city} gGmbH"];
export const COOPERATIVES = ["Wohnungsgenossenschaft {city} eG", "Energiegenossenschaft {city} eG"];
export const PUBLIC_BODIES = [
  "Stadtbibliothek {city}",
  "Oberschule {city}-Mitte",
  "Städtische Kita „Sonnenschein“ {city}",
  "Bürgerbüro {city}",
  "Volkshochschule {city}",
  "Musikschule {city}",
];
