// Small shared steps of the participant routes: the permission flags the pages need, and the page title.
import { data } from "@remix-run/node";
import type { MessageKey } from "~/utils/i18n";
import { ValidationError, type FieldErrors } from "~/utils/validation";
import { ConflictError } from "./service.server";
import type { ConflictView } from "./ui";
import { can } from "~/utils/permissions";
import type { ProjectAccess } from "~/utils/session.server";

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

/** The shape of a participant form's action answer (a route may add its own keys). */
export interface SaveFailure {
  values: unknown;
  errors?: FieldErrors;
  formError?: MessageKey | null;
  conflict?: ConflictView | null;
}

/**
 * The answer to a refused save: a concurrent change (409, with what changed) or invalid input (400),
 * always with the user's values so nothing typed is lost. Null for any other error (the caller rethrows).
 */
export function saveFailureResponse<Result extends SaveFailure>(error: unknown, values: Result["values"]) {
  if (error instanceof ConflictError) {
    const conflict: ConflictView = { version: error.currentVersion, current: error.current, changedFields: error.changedFields };
    return data<Result>({ values, conflict } as Result, { status: 409 });
  }
  if (error instanceof ValidationError) {
    return data<Result>({ values, errors: error.fieldErrors, formError: error.formErrors[0] ?? null } as Result, { status: 400 });
  }
  return null;
}
