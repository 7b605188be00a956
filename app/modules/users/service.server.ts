// User administration: accounts, admin flag, activation, passwords, project roles. Every change is
// audited in the same transaction (field names only; passwords and hashes never leave this module).
import { randomInt } from "node:crypto";
import { recordAudit, changedFields } from "~/modules/audit/service.server";
import { db, type Tx } from "~/utils/db.server";
import { parseInput } from "~/utils/form-values";
import { notFound } from "~/utils/http.server";
import type { ProjectRole } from "~/utils/permissions";
import { isUniqueConstraintError } from "~/utils/prisma-errors";
import { ValidationError } from "~/utils/validation";
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "./password.server";
import {
  PasswordChangeSchema,
  ProjectMemberRefSchema,
  ProjectRoleSchema,
  UserCreateSchema,
  UserUpdateSchema,
  type PasswordChangeValues,
  type ProjectRoleValues,
  type UserUpdateValues,
} from "./schema";

export const USERS_PAGE_SIZE = 25;

// why: no 0/O, 1/l/I — the password is read off a screen and typed or dictated.
const PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A readable random password: four groups of five characters (23 characters, ~115 bits). */
export function generatePassword(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 5 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join(""),
  );
  const password = groups.join("-");
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error("generated password too short");
  return password;
}

const duplicateEmail = () => new ValidationError({ email: ["admin.users.emailTaken"] });

/** Active admins other than `exceptUserId`, counted in the transaction that is about to change one. */
async function otherActiveAdmins(tx: Tx, exceptUserId: string): Promise<number> {
  return tx.user.count({ where: { isAdmin: true, active: true, id: { not: exceptUserId } } });
}

export interface CreateUserInput {
  email: string;
  name: string;
  password?: string;
  isAdmin?: boolean;
  locale?: "de" | "en";
}

export interface CreatedUser {
  user: { id: string; email: string; name: string; isAdmin: boolean };
  /** Only when no password was given: the generated one, to show once. Never stored in clear. */
  generatedPassword: string | null;
}

/**
 * Creates an account. Email is trimmed and lower-cased; a taken email, a missing name or a too short
 * password throw a ValidationError and write nothing. Without a password a readable one is generated,
 * returned once, and must be changed at first login. Used by the admin screen and `biwaq user create`.
 */
export async function createUser(input: CreateUserInput, actorId: string | null): Promise<CreatedUser> {
  const values = parseInput(UserCreateSchema, input);
  const generatedPassword = values.password ? null : generatePassword();
  const passwordHash = await hashPassword(values.password ?? generatedPassword!);
  try {
    const user = await db.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: values.email }, select: { id: true } })) throw duplicateEmail();
      const created = await tx.user.create({
        data: {
          email: values.email,
          name: values.name,
          passwordHash,
          isAdmin: values.isAdmin,
          locale: values.locale,
          mustChangePassword: generatedPassword !== null,
        },
        select: { id: true, email: true, name: true, isAdmin: true },
      });
      await recordAudit(tx, {
        userId: actorId,
        action: "create",
        entity: "User",
        entityId: created.id,
        fields: ["email", "name", "isAdmin", "locale", "password", ...(generatedPassword ? ["mustChangePassword"] : [])],
      });
      return created;
    });
    return { user, generatedPassword };
  } catch (error) {
    if (isUniqueConstraintError(error)) throw duplicateEmail();
    throw error;
  }
}

/** One page of users, optionally filtered by a case-insensitive search in name and email. */
export async function listUsers(params: { search?: string; page?: number }) {
  const search = (params.search ?? "").trim().toLowerCase();
  let where: { id?: { in: string[] } } = {};
  if (search) {
    // why: case-insensitive `contains` is not portable (SQLite vs PostgreSQL, no `mode: insensitive`);
    // the user table is small (staff of a few projects), so the filter runs here.
    const all = await db.user.findMany({ select: { id: true, name: true, email: true } });
    where = { id: { in: all.filter((u) => u.name.toLowerCase().includes(search) || u.email.includes(search)).map((u) => u.id) } };
  }
  const total = await db.user.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const page = Math.min(Math.max(1, params.page ?? 1), pageCount);
  const users = await db.user.findMany({
    where,
    orderBy: [{ active: "desc" }, { name: "asc" }],
    skip: (page - 1) * USERS_PAGE_SIZE,
    take: USERS_PAGE_SIZE,
    select: {
      id: true, email: true, name: true, isAdmin: true, active: true, mustChangePassword: true, lastLoginAt: true,
      _count: { select: { memberships: true } },
    },
  });
  return {
    users: users.map(({ _count, ...user }) => ({ ...user, projectCount: _count.memberships })),
    total,
    page,
    pageCount,
    search,
  };
}

/** One user with their project roles; 404 when unknown. */
export async function getUser(userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true, email: true, name: true, isAdmin: true, active: true, locale: true, mustChangePassword: true,
      lastLoginAt: true, createdAt: true,
      memberships: {
        select: { role: true, project: { select: { id: true, code: true, title: true, status: true } } },
        orderBy: { project: { code: "asc" } },
      },
    },
  });
  if (!user) notFound();
  return user;
}

/** Active users for a "add member" select, by name. */
export async function listUserOptions() {
  return db.user.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true, email: true } });
}

/**
 * Changes name, email, admin flag and language. A taken email is a field error; an admin cannot take
 * away their own admin flag, and the last active admin keeps theirs.
 */
export async function updateUser(userId: string, input: UserUpdateValues, actorId: string | null): Promise<void> {
  const values = parseInput(UserUpdateSchema, input);
  try {
    await db.$transaction(async (tx) => {
      const before = await tx.user.findUnique({ where: { id: userId }, select: { email: true, name: true, isAdmin: true, locale: true, active: true } });
      if (!before) notFound();
      if (values.email !== before.email && (await tx.user.findUnique({ where: { email: values.email }, select: { id: true } }))) {
        throw duplicateEmail();
      }
      if (before.isAdmin && !values.isAdmin) {
        if (userId === actorId) throw new ValidationError({ isAdmin: ["admin.users.cannotRemoveOwnAdmin"] });
        if (before.active && (await otherActiveAdmins(tx, userId)) === 0) throw new ValidationError({ isAdmin: ["admin.users.lastAdmin"] });
      }
      const fields = changedFields(before, values);
      if (fields.length === 0) return;
      await tx.user.update({ where: { id: userId }, data: values });
      await recordAudit(tx, { userId: actorId, action: "update", entity: "User", entityId: userId, fields });
    });
  } catch (error) {
    if (isUniqueConstraintError(error)) throw duplicateEmail();
    throw error;
  }
}

/**
 * Deactivates (logs out everywhere: all sessions deleted) or reactivates an account. Nobody can
 * deactivate themselves, and the last active admin cannot be deactivated.
 */
export async function setUserActive(userId: string, active: boolean, actorId: string | null): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { active: true, isAdmin: true } });
    if (!user) notFound();
    if (!active) {
      if (userId === actorId) throw new ValidationError({}, ["admin.users.cannotDeactivateSelf"]);
      if (user.isAdmin && (await otherActiveAdmins(tx, userId)) === 0) throw new ValidationError({}, ["admin.users.lastAdmin"]);
      await tx.session.deleteMany({ where: { userId } });
    }
    if (user.active === active) return;
    await tx.user.update({ where: { id: userId }, data: { active } });
    await recordAudit(tx, { userId: actorId, action: "update", entity: "User", entityId: userId, fields: ["active"], note: active ? "reactivated" : "deactivated" });
  });
}

/**
 * Sets a new generated password, returned once for the admin to hand over; the user must change it
 * at the next login and is logged out everywhere. Admins change their own password on /account/password.
 */
export async function resetPassword(userId: string, actorId: string | null): Promise<{ password: string }> {
  if (userId === actorId) throw new ValidationError({}, ["admin.users.cannotResetOwn"]);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) notFound();
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: true } });
    await tx.session.deleteMany({ where: { userId } });
    // why: a user locked out by failed attempts should be able to use the new password right away.
    await tx.loginThrottle.deleteMany({ where: { key: `account:${user.email}` } });
    await recordAudit(tx, { userId: actorId, action: "password_reset", entity: "User", entityId: userId, fields: ["password", "mustChangePassword"] });
  });
  return { password };
}

/** True when the user still has to replace a generated password (checked right after login). */
export async function needsPasswordChange(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { mustChangePassword: true } });
  return user?.mustChangePassword ?? false;
}

/**
 * The user changes their own password (current one required). All their sessions are deleted; the
 * caller starts a fresh one for the current browser.
 */
export async function changeOwnPassword(userId: string, input: PasswordChangeValues): Promise<void> {
  const values = parseInput(PasswordChangeSchema, input);
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user) notFound();
  if (!(await verifyPassword(values.currentPassword, user.passwordHash))) {
    throw new ValidationError({ currentPassword: ["admin.account.currentWrong"] });
  }
  if (values.newPassword === values.currentPassword) throw new ValidationError({ newPassword: ["admin.account.samePassword"] });
  const passwordHash = await hashPassword(values.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: false } });
    await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, { userId, action: "update", entity: "User", entityId: userId, fields: ["password", "mustChangePassword"] });
  });
}

/**
 * Gives the user `role` in the project (adds the membership or changes its role). Unknown user or
 * project ids are field errors; an unchanged role writes nothing.
 */
export async function setProjectRole(input: ProjectRoleValues, actorId: string | null): Promise<void> {
  const values = parseInput(ProjectRoleSchema, input);
  await db.$transaction(async (tx) => {
    const [user, project] = await Promise.all([
      tx.user.findUnique({ where: { id: values.userId }, select: { id: true } }),
      tx.project.findUnique({ where: { id: values.projectId }, select: { id: true } }),
    ]);
    if (!user || !project) {
      throw new ValidationError({ ...(user ? {} : { userId: ["validation.invalid"] }), ...(project ? {} : { projectId: ["validation.invalid"] }) });
    }
    const existing = await tx.projectMembership.findUnique({
      where: { projectId_userId: { projectId: values.projectId, userId: values.userId } },
      select: { id: true, role: true },
    });
    if (existing?.role === values.role) return;
    const membership = existing
      ? await tx.projectMembership.update({ where: { id: existing.id }, data: { role: values.role as ProjectRole }, select: { id: true } })
      : await tx.projectMembership.create({ data: { projectId: values.projectId, userId: values.userId, role: values.role as ProjectRole }, select: { id: true } });
    await recordAudit(tx, {
      userId: actorId,
      projectId: values.projectId,
      action: existing ? "update" : "create",
      entity: "ProjectMembership",
      entityId: membership.id,
      fields: existing ? ["role"] : ["userId", "role"],
    });
  });
}

/** Removes the user from the project; 404 when they are not a member of it. */
export async function removeProjectRole(input: { userId: string; projectId: string }, actorId: string | null): Promise<void> {
  const values = parseInput(ProjectMemberRefSchema, input);
  await db.$transaction(async (tx) => {
    const membership = await tx.projectMembership.findUnique({
      where: { projectId_userId: { projectId: values.projectId, userId: values.userId } },
      select: { id: true },
    });
    if (!membership) notFound();
    await tx.projectMembership.delete({ where: { id: membership.id } });
    await recordAudit(tx, { userId: actorId, projectId: values.projectId, action: "delete", entity: "ProjectMembership", entityId: membership.id, fields: ["userId", "role"] });
  });
}
