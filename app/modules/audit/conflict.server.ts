// Optimistic concurrency for records with a `version` column (partners, targets): a save names the
// version it read; when someone saved in between, nothing is written and the audit trail tells what
// changed since. why the audit trail: every saved change bumps the version by exactly one and writes
// exactly one "update" entry with the changed field names, so the newest (current − read) entries are
// precisely the changes the editor has not seen — no second copy of the values is kept.
import { data } from "@remix-run/node";
import type { Tx } from "~/utils/db.server";
import { echoValues, type FormValues } from "~/utils/form-values";
import { badRequest } from "~/utils/http.server";
import type { MessageKey } from "~/utils/i18n";
import { ValidationError, type FieldErrors } from "~/utils/validation";

/** One save the editor missed: when, by whom (null when the account is gone), which fields. */
export interface VersionChange {
  at: Date;
  by: string | null;
  fields: string[];
}

/** What the form needs to show a conflict: the version stored now, the missed saves (newest first), their fields. */
export interface VersionConflict {
  currentVersion: number;
  changes: VersionChange[];
  /** Every field changed by the missed saves, in the order they first appear (newest save first). */
  fields: string[];
}

/** A save against a version that is no longer current; a form error ("error.conflict") with the details. */
export class VersionConflictError extends ValidationError {
  constructor(public readonly conflict: VersionConflict) {
    super({}, ["error.conflict"]);
    this.name = "VersionConflictError";
  }
}

function parseFields(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((f): f is string => typeof f === "string") : [];
  } catch {
    return [];
  }
}

/**
 * The conflict of a save that read `readVersion` of `entity` `entityId` while `currentVersion` is stored:
 * reads the missed "update" entries of the project's audit trail. Returns the error to throw.
 */
export async function versionConflict(
  tx: Tx,
  params: { projectId: string; entity: string; entityId: string; readVersion: number; currentVersion: number },
): Promise<VersionConflictError> {
  // why: bounded, a form left open for weeks lists at most the 50 newest missed saves.
  const missed = Math.max(0, Math.min(params.currentVersion - params.readVersion, 50));
  const events = missed
    ? await tx.auditEvent.findMany({
        where: { projectId: params.projectId, entity: params.entity, entityId: params.entityId, action: "update" },
        orderBy: [{ at: "desc" }, { id: "desc" }],
        take: missed,
        select: { at: true, fields: true, user: { select: { name: true } } },
      })
    : [];
  const changes = events.map((event) => ({ at: event.at, by: event.user?.name ?? null, fields: parseFields(event.fields) }));
  const fields = [...new Set(changes.flatMap((change) => change.fields))];
  return new VersionConflictError({ currentVersion: params.currentVersion, changes, fields });
}

/**
 * A route action's answer to a refused save: 409 with the conflict (what changed since) for a stale
 * version, 400 with field errors for bad input; both with what the user typed. Rethrows anything else.
 */
export function saveFailure(error: unknown, values: FormValues) {
  if (!(error instanceof ValidationError)) throw error;
  // why: a wrong intent or version is no mistake a form on the page could show: a plain 400 (see validationFailure).
  if (error.fieldErrors.intent || error.fieldErrors.version) badRequest();
  const conflict = error instanceof VersionConflictError ? error.conflict : null;
  return data(
    {
      ok: false as const,
      intent: typeof values.intent === "string" ? values.intent : null,
      fieldErrors: error.fieldErrors as FieldErrors,
      formErrors: error.formErrors as MessageKey[],
      values: echoValues(values),
      conflict,
    },
    { status: conflict ? 409 : 400 },
  );
}
