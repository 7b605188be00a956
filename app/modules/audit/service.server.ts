// The audit trail: who did what, when, to which record, which fields. Append-only by construction:
// this module offers no update or delete. Values are never written, only field names.
import type { Db, Tx } from "~/utils/db.server";
import { db } from "~/utils/db.server";

export type AuditAction =
  | "create"
  | "update"
  | "delete"
  | "read_sensitive"
  | "login"
  | "logout"
  | "login_failed"
  | "import"
  | "export"
  | "anonymise"
  | "lock"
  | "reopen"
  | "password_reset";

export interface AuditEntry {
  userId: string | null;
  projectId?: string | null;
  action: AuditAction;
  entity: string;
  entityId?: string | null;
  fields?: string[];
  note?: string;
}

/** Writes one audit event; pass the transaction that makes the change so both commit together. */
export async function recordAudit(client: Tx | Db, entry: AuditEntry): Promise<void> {
  await client.auditEvent.create({
    data: {
      userId: entry.userId,
      projectId: entry.projectId ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      fields: JSON.stringify(entry.fields ?? []),
      note: entry.note ?? null,
    },
  });
}

/** Names of the fields whose values differ between `before` and `after` (only keys present in `after`). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const normalise = (value: unknown) => (value instanceof Date ? value.toISOString() : value ?? null);
  return Object.keys(after).filter((key) => after[key] !== undefined && normalise(before[key]) !== normalise(after[key]));
}

/** The change history of one record, newest first (project-scoped). */
export async function listAuditEvents(params: { projectId: string; entity: string; entityId: string; take?: number }) {
  return db.auditEvent.findMany({
    where: { projectId: params.projectId, entity: params.entity, entityId: params.entityId },
    orderBy: { at: "desc" },
    take: params.take ?? 100,
    select: { id: true, at: true, action: true, fields: true, note: true, user: { select: { name: true } } },
  });
}
