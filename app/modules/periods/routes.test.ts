// The reporting-periods page as Remix calls it, with real sessions: every member reads it, only a lead
// (or an administrator) adds and closes, only an administrator reopens — a lead's reopen is 403 and
// changes nothing; a missing confirmation or reason answers 400 with the input kept.
import { beforeAll, describe, expect, it } from "vitest";
import * as periodsPage from "~/routes/projects.$projectId.reports.periods";
import { db } from "~/utils/db.server";
import type { ProjectRole } from "~/utils/permissions";
import { addMember, createProject, createUser, requestAs, statusOf, type ProjectFixture } from "~/modules/activities/test-helpers";
import { isClosed } from "./lock.server";

type Who = ProjectRole | "admin" | "outsider";
const EVERYONE: Who[] = ["lead", "coordinator", "manager", "accountant", "admin", "outsider"];
const users = {} as Record<Who, { id: string }>;
let project: ProjectFixture;
let periodId: string;

beforeAll(async () => {
  project = await createProject();
  for (const who of EVERYONE) {
    users[who] = await createUser(`User ${who}`, { isAdmin: who === "admin" });
    if (who !== "admin" && who !== "outsider") await addMember(project.id, users[who].id, who);
  }
  periodId = (await db.reportingPeriod.create({ data: { projectId: project.id, start: new Date("2020-01-01T00:00:00Z"), end: new Date("2020-06-30T00:00:00Z") } })).id;
});

const path = () => `/projects/${project.id}/reports/periods`;

async function call(handler: typeof periodsPage.loader | typeof periodsPage.action, who: Who, form?: Record<string, string>) {
  const request = await requestAs(users[who].id, path(), form);
  return handler({ request, params: { projectId: project.id }, context: {} } as never);
}

const period = () => db.reportingPeriod.findUniqueOrThrow({ where: { id: periodId } });

describe("reporting periods page", () => {
  it("is readable by every member and administrators, not by outsiders", async () => {
    for (const who of EVERYONE) expect(await statusOf(call(periodsPage.loader, who))).toBe(who === "outsider" ? 404 : "ok");
  });

  it("lets only leads and administrators change periods", async () => {
    for (const who of ["coordinator", "manager", "accountant"] as const) {
      expect(await statusOf(call(periodsPage.action, who, { intent: "close", periodId, confirm: "on" }))).toBe(403);
    }
    expect((await period()).lockedAt).toBeNull();
  });

  it("needs the confirmation to close, then closes", async () => {
    const refused = (await call(periodsPage.action, "lead", { intent: "close", periodId })) as { init: { status: number }; data: { fieldErrors: Record<string, string[]> } };
    expect(refused.init.status).toBe(400);
    expect(refused.data.fieldErrors.confirm).toEqual(["periods.closeConfirmMissing"]);
    const done = (await call(periodsPage.action, "lead", { intent: "close", periodId, confirm: "on" })) as Response;
    expect(done.status).toBe(302);
    expect(isClosed(await period())).toBe(true);
  });

  it("refuses a lead's reopening (403) and an administrator's without reason (400, input kept)", async () => {
    expect(await statusOf(call(periodsPage.action, "lead", { intent: "reopen", periodId, reason: "Korrektur" }))).toBe(403);
    const noReason = (await call(periodsPage.action, "admin", { intent: "reopen", periodId, reason: " " })) as { init: { status: number }; data: { fieldErrors: Record<string, string[]>; values: Record<string, string> } };
    expect(noReason.init.status).toBe(400);
    expect(noReason.data.fieldErrors.reason).toEqual(["validation.required"]);
    expect(noReason.data.values.periodId).toBe(periodId);
    expect(isClosed(await period())).toBe(true);
    const done = (await call(periodsPage.action, "admin", { intent: "reopen", periodId, reason: "Korrektur Teilnahmeliste" })) as Response;
    expect(done.status).toBe(302);
    expect(isClosed(await period())).toBe(false);
  });
});
