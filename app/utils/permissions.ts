// The one table of who may do what. Server guards (requirePermission) and the UI (can) both read it.
// Roles are per project (ProjectMembership.role); admins hold every permission in every project.

export const PROJECT_ROLES = ["lead", "coordinator", "manager", "accountant"] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export const PERMISSIONS = {
  "project:read": ["lead", "coordinator", "manager", "accountant"],
  "project:update": ["lead"],
  "participant:read": ["lead", "coordinator"],
  "participant:readPseudonymous": ["lead", "coordinator", "manager", "accountant"],
  "participant:write": ["lead", "coordinator"],
  "participant:import": ["lead", "coordinator"],
  "participant:readSensitive": ["lead", "coordinator"],
  "participant:export": ["lead", "coordinator", "manager", "accountant"],
  "participant:gdprExport": ["lead", "coordinator"],
  "activity:read": ["lead", "coordinator", "manager"],
  "activity:write": ["lead", "coordinator"],
  "activityType:manage": ["lead"],
  "organisation:read": ["lead", "coordinator", "manager"],
  "organisation:write": ["lead", "coordinator"],
  "milestone:read": ["lead", "coordinator", "manager", "accountant"],
  "milestone:write": ["lead"],
  "partner:read": ["lead", "coordinator", "manager", "accountant"],
  "partner:write": ["lead"],
  "target:read": ["lead", "coordinator", "manager", "accountant"],
  "target:write": ["lead"],
  "finance:read": ["lead", "manager", "accountant"],
  "finance:write": ["accountant", "lead"],
  "report:read": ["lead", "coordinator", "manager", "accountant"],
  "report:esf": ["lead", "manager", "accountant"],
  "report:narrative": ["lead"],
  "period:lock": ["lead"],
  "audit:read": ["lead"],
  /** The portfolio (/portfolio): key figures of all one's projects side by side; admins always. */
  "portfolio:read": ["manager"],
} as const satisfies Record<string, readonly ProjectRole[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Global permissions that only the admin flag grants. */
export const ADMIN_PERMISSIONS = ["admin:users", "admin:areas", "admin:projects", "admin:actionFields", "period:reopen", "participant:anonymise"] as const;
export type AdminPermission = (typeof ADMIN_PERMISSIONS)[number];

export interface AccessSubject {
  isAdmin: boolean;
  /** The user's role in the project at hand; null when not a member. */
  role: ProjectRole | null;
}

/** True when the subject may do `permission` (admins may do everything). */
export function can(subject: AccessSubject, permission: Permission | AdminPermission): boolean {
  if (subject.isAdmin) return true;
  if (!subject.role) return false;
  const allowed = (PERMISSIONS as Record<string, readonly ProjectRole[]>)[permission];
  return allowed ? allowed.includes(subject.role) : false;
}

export function isProjectRole(value: unknown): value is ProjectRole {
  return typeof value === "string" && (PROJECT_ROLES as readonly string[]).includes(value);
}
