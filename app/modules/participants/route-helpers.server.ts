// Small shared steps of the participant routes: reading a form body without ever failing with a 500,
// the permission flags the pages need, and the page title.
import { badRequest } from "~/utils/http.server";
import { can } from "~/utils/permissions";
import type { ProjectAccess } from "~/utils/session.server";

/** The request's form body; a body that is not a form answers 400. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    badRequest("Invalid form data");
  }
}

/** What the current user may do with participants in this project. */
export function participantRights(access: ProjectAccess) {
  const subject = { isAdmin: access.user.isAdmin, role: access.role };
  return {
    canWrite: can(subject, "participant:write"),
    canReadSensitive: can(subject, "participant:readSensitive"),
    canGdprExport: can(subject, "participant:gdprExport"),
    canImport: can(subject, "participant:import"),
    canExport: can(subject, "participant:export"),
  };
}
