// Reporting periods against a real database: create with its checks, presets, close, reopen with a
// reason (audited with the reason as note), close again, delete only never-closed periods, project scope.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { auditOf, createProject, createUser, day, statusOf, validationError, type ProjectFixture } from "~/modules/activities/test-helpers";
import { assertDatesOpen, PeriodLockedError } from "./lock.server";
import { closePeriod, createPeriod, deletePeriod, listPeriodAudit, listPeriodPresets, listPeriods, reopenPeriod } from "./service.server";

let project: ProjectFixture;
let other: ProjectFixture;
let lead: { id: string; name: string };
let admin: { id: string; name: string };

beforeAll(async () => {
  project = await createProject({ start: "2020-03-01", end: "2021-12-31" });
  other = await createProject();
  lead = await createUser("Lena Leitung");
  admin = await createUser("Anton Admin", { isAdmin: true });
});

describe("createPeriod", () => {
  it("adds a period inside the project and audits it", async () => {
    const { id } = await createPeriod(project.id, { start: "2020-03-01", end: "2020-06-30" }, lead);
    const [period] = (await listPeriods(project.id)).filter((p) => p.id === id);
    expect(period).toMatchObject({ start: day("2020-03-01"), end: day("2020-06-30"), status: "open", lockedAt: null });
    expect((await auditOf("ReportingPeriod", id)).map((e) => [e.action, e.userId, e.projectId])).toEqual([["create", lead.id, project.id]]);
  });

  it("refuses end before start, days outside the project and overlaps, writing nothing", async () => {
    const before = await db.reportingPeriod.count({ where: { projectId: project.id } });
    expect((await validationError(createPeriod(project.id, { start: "2020-09-01", end: "2020-08-01" }, lead))).fieldErrors).toEqual({ end: ["periods.endBeforeStart"] });
    expect((await validationError(createPeriod(project.id, { start: "2020-01-01", end: "2020-02-28" }, lead))).formErrors).toEqual(["periods.outsideProject"]);
    expect((await validationError(createPeriod(project.id, { start: "2021-07-01", end: "2022-01-31" }, lead))).formErrors).toEqual(["periods.outsideProject"]);
    expect((await validationError(createPeriod(project.id, { start: "2020-06-30", end: "2020-12-31" }, lead))).formErrors).toEqual(["periods.overlap"]);
    expect((await validationError(createPeriod(project.id, { start: "", end: "31.12.2020" }, lead))).fieldErrors.start).toEqual(["validation.required"]);
    expect(await db.reportingPeriod.count({ where: { projectId: project.id } })).toBe(before);
  });

  it("offers calendar years and half-years inside the project that overlap no period", async () => {
    const presets = await listPeriodPresets(project.id);
    const labels = presets.map((p) => `${p.kind} ${p.start.toISOString().slice(0, 10)} ${p.end.toISOString().slice(0, 10)}`);
    // 2020 is clipped to the project start and overlaps the first period; its second half is free
    expect(labels).toEqual(["secondHalf 2020-07-01 2020-12-31", "year 2021-01-01 2021-12-31", "firstHalf 2021-01-01 2021-06-30", "secondHalf 2021-07-01 2021-12-31"]);
  });
});

describe("close, reopen, close again", () => {
  it("locks the period, reopens it with the reason in the audit note, and closes it again", async () => {
    const { id } = await createPeriod(project.id, { start: "2020-07-01", end: "2020-12-31" }, lead);
    await closePeriod(project.id, id, lead);
    let period = (await listPeriods(project.id)).find((p) => p.id === id)!;
    expect(period).toMatchObject({ status: "closed", lockedById: lead.id, lockedByName: "Lena Leitung" });
    await expect(assertDatesOpen(db, project.id, [day("2020-08-15")])).rejects.toBeInstanceOf(PeriodLockedError);
    expect((await validationError(closePeriod(project.id, id, lead))).formErrors).toEqual(["periods.alreadyClosed"]);
    expect((await validationError(deletePeriod(project.id, id, lead))).formErrors).toEqual(["periods.deleteClosed"]);

    expect((await validationError(reopenPeriod(project.id, id, { reason: "  " }, admin))).fieldErrors.reason).toEqual(["validation.required"]);
    await reopenPeriod(project.id, id, { reason: "Nachtrag Belege Dezember" }, admin);
    period = (await listPeriods(project.id)).find((p) => p.id === id)!;
    expect(period).toMatchObject({ status: "reopened", reopenedById: admin.id, reopenedByName: "Anton Admin" });
    await assertDatesOpen(db, project.id, [day("2020-08-15")]);
    expect((await validationError(reopenPeriod(project.id, id, { reason: "noch einmal" }, admin))).formErrors).toEqual(["periods.notClosed"]);

    await closePeriod(project.id, id, lead);
    period = (await listPeriods(project.id)).find((p) => p.id === id)!;
    expect(period.status).toBe("closed");
    expect(period.lockedAt!.getTime()).toBeGreaterThan(period.reopenedAt!.getTime());
    await expect(assertDatesOpen(db, project.id, [day("2020-12-31")])).rejects.toBeInstanceOf(PeriodLockedError);

    const events = await auditOf("ReportingPeriod", id);
    expect(events.map((e) => [e.action, e.userId, e.note])).toEqual([
      ["create", lead.id, null],
      ["lock", lead.id, null],
      ["reopen", admin.id, "Nachtrag Belege Dezember"],
      ["lock", lead.id, null],
    ]);
    const trail = await listPeriodAudit(project.id);
    expect(trail.find((e) => e.action === "reopen")).toMatchObject({ periodId: id, note: "Nachtrag Belege Dezember", userName: "Anton Admin" });
  });

  it("deletes a never-closed period", async () => {
    const { id } = await createPeriod(project.id, { start: "2021-01-01", end: "2021-06-30" }, lead);
    await deletePeriod(project.id, id, lead);
    expect(await db.reportingPeriod.findUnique({ where: { id } })).toBeNull();
    expect((await auditOf("ReportingPeriod", id)).map((e) => e.action)).toEqual(["create", "delete"]);
  });

  it("does not find another project's period", async () => {
    const { id } = await createPeriod(other.id, { start: "2020-01-01", end: "2020-12-31" }, lead);
    expect(await statusOf(closePeriod(project.id, id, lead))).toBe(404);
    expect(await statusOf(reopenPeriod(project.id, id, { reason: "x" }, admin))).toBe(404);
    expect(await statusOf(deletePeriod(project.id, id, lead))).toBe(404);
    expect((await listPeriods(project.id)).some((p) => p.id === id)).toBe(false);
  });
});
