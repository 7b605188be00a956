import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { ValidationError } from "~/utils/validation";
import { MIN_PASSWORD_LENGTH, verifyPassword } from "./password.server";
import { PASSWORD_MIN_LENGTH } from "./schema";
import {
  changeOwnPassword,
  createUser,
  generatePassword,
  getUser,
  listUsers,
  needsPasswordChange,
  removeProjectRole,
  resetPassword,
  setProjectRole,
  setUserActive,
  updateUser,
} from "./service.server";

let counter = 0;
const uniqueEmail = (label: string) => `${label}-${++counter}@example.org`;

async function makeUser(overrides: { isAdmin?: boolean; password?: string } = {}) {
  const { user } = await createUser({ email: uniqueEmail("user"), name: "Test Person", password: overrides.password ?? "secret-password-1", isAdmin: overrides.isAdmin }, null);
  return user;
}

async function makeSession(userId: string) {
  const id = `sess${Math.random().toString(36).slice(2)}${Date.now()}`;
  await db.session.create({ data: { id, userId, expiresAt: new Date(Date.now() + 3_600_000) } });
  return id;
}

async function auditFor(entityId: string) {
  return db.auditEvent.findMany({ where: { entityId }, orderBy: { at: "asc" } });
}

async function expectValidationError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

async function counts() {
  return { users: await db.user.count(), audit: await db.auditEvent.count(), memberships: await db.projectMembership.count() };
}

let project: { id: string };
let otherProject: { id: string };
let rootAdmin: { id: string };

beforeAll(async () => {
  project = await db.project.create({ data: { code: "USR-TEST", title: "User test project", startDate: new Date("2024-01-01"), endDate: new Date("2026-12-31") } });
  otherProject = await db.project.create({ data: { code: "USR-OTHER", title: "Other project", startDate: new Date("2024-01-01"), endDate: new Date("2026-12-31") } });
  rootAdmin = await makeUser({ isAdmin: true });
});

describe("createUser", () => {
  it("normalises the email, stores a hash of the given password and audits field names only", async () => {
    const result = await createUser({ email: "  Anna.Schmidt@Example.ORG ", name: " Anna Schmidt ", password: "correct-horse-1", locale: "en" }, rootAdmin.id);
    expect(result.generatedPassword).toBeNull();
    expect(result.user).toMatchObject({ email: "anna.schmidt@example.org", name: "Anna Schmidt", isAdmin: false });
    const stored = await db.user.findUniqueOrThrow({ where: { id: result.user.id } });
    expect(stored.locale).toBe("en");
    expect(stored.mustChangePassword).toBe(false);
    expect(stored.passwordHash).not.toContain("correct-horse-1");
    expect(await verifyPassword("correct-horse-1", stored.passwordHash)).toBe(true);

    const [event] = await auditFor(result.user.id);
    expect(event).toMatchObject({ action: "create", entity: "User", userId: rootAdmin.id, projectId: null });
    expect(JSON.parse(event.fields)).toEqual(expect.arrayContaining(["email", "name", "isAdmin"]));
    expect(event.fields).not.toContain("correct-horse-1");
    expect(event.fields).not.toContain("anna.schmidt");
  });

  it("generates a readable one-time password when none is given and requires a change", async () => {
    const result = await createUser({ email: uniqueEmail("gen"), name: "Generated" }, null);
    expect(result.generatedPassword).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    expect(result.generatedPassword!.length).toBeGreaterThanOrEqual(16);
    const stored = await db.user.findUniqueOrThrow({ where: { id: result.user.id } });
    expect(stored.mustChangePassword).toBe(true);
    expect(await verifyPassword(result.generatedPassword!, stored.passwordHash)).toBe(true);
    expect(await needsPasswordChange(result.user.id)).toBe(true);
    const [event] = await auditFor(result.user.id);
    expect(event.fields).not.toContain(result.generatedPassword!);
  });

  it("treats an empty password from the form as 'generate one'", async () => {
    const result = await createUser({ email: uniqueEmail("empty"), name: "Empty", password: "" }, null);
    expect(result.generatedPassword).not.toBeNull();
  });

  it("refuses a taken email (any case) with a field error and writes nothing", async () => {
    const email = uniqueEmail("dup");
    await createUser({ email, name: "First", password: "secret-password-1" }, null);
    const before = await counts();
    const error = await expectValidationError(createUser({ email: email.toUpperCase(), name: "Second", password: "secret-password-2" }, null));
    expect(error.fieldErrors.email).toEqual(["admin.users.emailTaken"]);
    expect(await counts()).toEqual(before);
  });

  it("refuses a bad email, a missing name and a too short password, writing nothing", async () => {
    const before = await counts();
    const error = await expectValidationError(createUser({ email: "not-an-email", name: "  ", password: "short" }, null));
    expect(error.fieldErrors.email).toEqual(["validation.email"]);
    expect(error.fieldErrors.name).toEqual(["validation.required"]);
    expect(error.fieldErrors.password).toEqual(["validation.passwordTooShort"]);
    expect(await counts()).toEqual(before);
  });

  it("keeps the browser-side minimum in step with the server's", () => {
    expect(PASSWORD_MIN_LENGTH).toBe(MIN_PASSWORD_LENGTH);
    expect(generatePassword()).not.toBe(generatePassword());
  });
});

describe("updateUser", () => {
  it("changes name, email, admin flag and language and audits the changed fields", async () => {
    const user = await makeUser();
    const email = uniqueEmail("renamed");
    await updateUser(user.id, { email, name: "Renamed Person", isAdmin: "on", locale: "en" }, rootAdmin.id);
    const stored = await getUser(user.id);
    expect(stored).toMatchObject({ email, name: "Renamed Person", isAdmin: true, locale: "en" });
    const events = await auditFor(user.id);
    expect(events.at(-1)).toMatchObject({ action: "update", userId: rootAdmin.id });
    expect(JSON.parse(events.at(-1)!.fields).sort()).toEqual(["email", "isAdmin", "locale", "name"]);
  });

  it("writes no audit entry when nothing changed", async () => {
    const user = await makeUser();
    const before = (await auditFor(user.id)).length;
    await updateUser(user.id, { email: user.email, name: user.name, isAdmin: false, locale: "de" }, rootAdmin.id);
    expect((await auditFor(user.id)).length).toBe(before);
  });

  it("refuses an email of another account", async () => {
    const [a, b] = [await makeUser(), await makeUser()];
    const before = await counts();
    const error = await expectValidationError(updateUser(a.id, { email: b.email, name: "A" }, rootAdmin.id));
    expect(error.fieldErrors.email).toEqual(["admin.users.emailTaken"]);
    expect((await getUser(a.id)).email).toBe(a.email);
    expect(await counts()).toEqual(before);
  });

  it("does not let admins drop their own admin flag", async () => {
    const admin = await makeUser({ isAdmin: true });
    const error = await expectValidationError(updateUser(admin.id, { email: admin.email, name: admin.name, isAdmin: false }, admin.id));
    expect(error.fieldErrors.isAdmin).toEqual(["admin.users.cannotRemoveOwnAdmin"]);
    expect((await getUser(admin.id)).isAdmin).toBe(true);
  });

  it("answers 404 for an unknown user", async () => {
    await expect(updateUser("nosuchuser", { email: uniqueEmail("x"), name: "X" }, null)).rejects.toMatchObject({ init: { status: 404 } });
  });
});

describe("last active admin", () => {
  it("cannot be deactivated or lose the admin flag; nothing is written", async () => {
    // Make every other admin inactive so one remains.
    const last = await makeUser({ isAdmin: true });
    await db.user.updateMany({ where: { isAdmin: true, id: { not: last.id } }, data: { active: false } });
    try {
      const before = await counts();
      const deactivate = await expectValidationError(setUserActive(last.id, false, null));
      expect(deactivate.formErrors).toEqual(["admin.users.lastAdmin"]);
      const demote = await expectValidationError(updateUser(last.id, { email: last.email, name: last.name, isAdmin: false }, null));
      expect(demote.fieldErrors.isAdmin).toEqual(["admin.users.lastAdmin"]);
      expect(await counts()).toEqual(before);
      expect(await db.user.findUniqueOrThrow({ where: { id: last.id } })).toMatchObject({ active: true, isAdmin: true });
    } finally {
      await db.user.updateMany({ where: { isAdmin: true }, data: { active: true } });
    }
  });
});

describe("setUserActive", () => {
  it("deactivating deletes the user's sessions, reactivating allows login again; both audited", async () => {
    const user = await makeUser();
    await makeSession(user.id);
    await makeSession(user.id);
    await setUserActive(user.id, false, rootAdmin.id);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect((await getUser(user.id)).active).toBe(false);
    await setUserActive(user.id, true, rootAdmin.id);
    expect((await getUser(user.id)).active).toBe(true);
    const events = (await auditFor(user.id)).filter((e) => e.action === "update");
    expect(events.map((e) => JSON.parse(e.fields))).toEqual([["active"], ["active"]]);
  });

  it("refuses to deactivate yourself", async () => {
    const admin = await makeUser({ isAdmin: true });
    const sessionId = await makeSession(admin.id);
    const error = await expectValidationError(setUserActive(admin.id, false, admin.id));
    expect(error.formErrors).toEqual(["admin.users.cannotDeactivateSelf"]);
    expect(await db.session.count({ where: { id: sessionId } })).toBe(1);
  });
});

describe("resetPassword", () => {
  it("sets a one-time password, requires a change, ends sessions and audits without the value", async () => {
    const user = await makeUser({ password: "old-password-123" });
    await makeSession(user.id);
    await db.loginThrottle.create({ data: { key: `account:${user.email}`, failures: 5, windowStart: new Date(), blockedUntil: new Date(Date.now() + 600_000) } });
    const { password } = await resetPassword(user.id, rootAdmin.id);
    expect(password.length).toBeGreaterThanOrEqual(16);
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(password, stored.passwordHash)).toBe(true);
    expect(await verifyPassword("old-password-123", stored.passwordHash)).toBe(false);
    expect(stored.mustChangePassword).toBe(true);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.loginThrottle.count({ where: { key: `account:${user.email}` } })).toBe(0);
    const event = (await auditFor(user.id)).at(-1)!;
    expect(event).toMatchObject({ action: "password_reset", userId: rootAdmin.id });
    expect(event.fields).not.toContain(password);
  });

  it("refuses to reset your own password here", async () => {
    const admin = await makeUser({ isAdmin: true });
    const error = await expectValidationError(resetPassword(admin.id, admin.id));
    expect(error.formErrors).toEqual(["admin.users.cannotResetOwn"]);
  });
});

describe("changeOwnPassword", () => {
  it("checks the current password and the repetition, then clears the change flag and ends sessions", async () => {
    const { user, generatedPassword } = await createUser({ email: uniqueEmail("own"), name: "Own" }, null);
    await makeSession(user.id);
    const wrong = await expectValidationError(changeOwnPassword(user.id, { currentPassword: "wrong-password", newPassword: "new-password-123", repeatPassword: "new-password-123" }));
    expect(wrong.fieldErrors.currentPassword).toEqual(["admin.account.currentWrong"]);
    const mismatch = await expectValidationError(changeOwnPassword(user.id, { currentPassword: generatedPassword!, newPassword: "new-password-123", repeatPassword: "new-password-124" }));
    expect(mismatch.fieldErrors.repeatPassword).toEqual(["admin.account.passwordsDiffer"]);
    const same = await expectValidationError(changeOwnPassword(user.id, { currentPassword: generatedPassword!, newPassword: generatedPassword!, repeatPassword: generatedPassword! }));
    expect(same.fieldErrors.newPassword).toEqual(["admin.account.samePassword"]);
    expect(await needsPasswordChange(user.id)).toBe(true);

    await changeOwnPassword(user.id, { currentPassword: generatedPassword!, newPassword: "new-password-123", repeatPassword: "new-password-123" });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword("new-password-123", stored.passwordHash)).toBe(true);
    expect(stored.mustChangePassword).toBe(false);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect((await auditFor(user.id)).at(-1)).toMatchObject({ action: "update", userId: user.id });
  });
});

describe("project roles", () => {
  it("adds, changes and removes a membership with audit entries carrying the project", async () => {
    const user = await makeUser();
    await setProjectRole({ userId: user.id, projectId: project.id, role: "coordinator" }, rootAdmin.id);
    await setProjectRole({ userId: user.id, projectId: project.id, role: "coordinator" }, rootAdmin.id); // unchanged: no entry
    await setProjectRole({ userId: user.id, projectId: project.id, role: "lead" }, rootAdmin.id);
    const membership = await db.projectMembership.findUniqueOrThrow({ where: { projectId_userId: { projectId: project.id, userId: user.id } } });
    expect(membership.role).toBe("lead");
    expect((await getUser(user.id)).memberships).toEqual([{ role: "lead", project: expect.objectContaining({ id: project.id }) }]);

    await removeProjectRole({ userId: user.id, projectId: project.id }, rootAdmin.id);
    expect(await db.projectMembership.count({ where: { userId: user.id } })).toBe(0);
    const events = await auditFor(membership.id);
    expect(events.map((e) => [e.action, e.projectId])).toEqual([
      ["create", project.id],
      ["update", project.id],
      ["delete", project.id],
    ]);
  });

  it("refuses unknown roles, users and projects without writing", async () => {
    const user = await makeUser();
    const before = await counts();
    const badRole = await expectValidationError(setProjectRole({ userId: user.id, projectId: project.id, role: "boss" as never }, null));
    expect(badRole.fieldErrors.role).toEqual(["validation.invalid"]);
    const badProject = await expectValidationError(setProjectRole({ userId: user.id, projectId: "nosuchproject", role: "lead" }, null));
    expect(badProject.fieldErrors.projectId).toEqual(["validation.invalid"]);
    expect(await counts()).toEqual(before);
  });

  it("answers 404 when removing a membership that does not exist", async () => {
    const user = await makeUser();
    await setProjectRole({ userId: user.id, projectId: project.id, role: "manager" }, null);
    await expect(removeProjectRole({ userId: user.id, projectId: otherProject.id }, null)).rejects.toMatchObject({ init: { status: 404 } });
    expect(await db.projectMembership.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe("listUsers", () => {
  it("searches name and email case-insensitively and pages", async () => {
    await createUser({ email: uniqueEmail("zebra"), name: "Ülrike Zebrowski", password: "secret-password-1" }, null);
    const byName = await listUsers({ search: "ZEBROW", page: 1 });
    expect(byName.users.map((u) => u.name)).toEqual(["Ülrike Zebrowski"]);
    const byUmlaut = await listUsers({ search: "ülrike" });
    expect(byUmlaut.total).toBe(1);
    const byEmail = await listUsers({ search: "Zebra-" });
    expect(byEmail.total).toBe(1);
    const all = await listUsers({ page: 999 });
    expect(all.page).toBe(all.pageCount);
    expect(all.total).toBe(await db.user.count());
  });
});
