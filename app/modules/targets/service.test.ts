import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { ValidationError } from "~/utils/validation";
import { VersionConflictError } from "~/modules/audit/conflict.server";
import { addTargetActual, createTarget, deleteTarget, deleteTargetActual, getTarget, listTargetOptions, updateTarget } from "./service.server";
import { auditOf, createProject, createUser, day, expectStatus, type ProjectFixture } from "./steering-test-helpers";

let project: ProjectFixture;
let other: ProjectFixture;
let userId: string;

beforeAll(async () => {
  project = await createProject({ start: "2020-03-01", end: "2022-06-30", areas: 2 });
  other = await createProject({ areas: 1 });
  userId = (await createUser()).id;
});

async function validationError(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe("createTarget", () => {
  it("creates a target per year and area and audits the field names", async () => {
    const { id } = await createTarget(project.id, userId, { indicator: "EECO01", year: "2021", areaId: project.areaIds[0], targetValue: "40", note: "laut Zuwendungsbescheid" });
    const target = await getTarget(project.id, id);
    expect(target).toMatchObject({ indicator: "EECO01", year: 2021, areaId: project.areaIds[0], targetValue: 40, customName: null, actuals: [] });
    const [audit] = await auditOf("Target", id);
    expect(audit).toMatchObject({ action: "create", projectId: project.id, userId });
    expect(audit.fields.sort()).toEqual(["areaId", "indicator", "note", "targetValue", "year"]);
    expect(JSON.stringify(audit)).not.toContain("Zuwendungsbescheid");
  });

  it("accepts German number input (\"1.200\" = 1200) and drops a name on built-in indicators", async () => {
    const { id } = await createTarget(project.id, userId, { indicator: "hours_delivered", customName: "ignored", targetValue: "1.200" });
    expect(await getTarget(project.id, id)).toMatchObject({ targetValue: 1200, customName: null, year: null, areaId: null });
  });

  it("writes nothing on a validation error", async () => {
    const before = await db.target.count();
    const auditBefore = await db.auditEvent.count();
    let error = await validationError(createTarget(project.id, userId, { indicator: "EECO99", targetValue: "" }));
    expect(error.fieldErrors).toEqual({ indicator: ["validation.invalid"], targetValue: ["validation.required"] });
    error = await validationError(createTarget(project.id, userId, { indicator: "custom", targetValue: "0" }));
    expect(error.fieldErrors).toEqual({ targetValue: ["form.outOfRange"], customName: ["targets.customNameRequired"] });
    error = await validationError(createTarget(project.id, userId, { indicator: "EECO02", year: "2019", areaId: other.areaIds[0], targetValue: "5" }));
    expect(error.fieldErrors).toEqual({ year: ["targets.yearOutsideProject"], areaId: ["validation.invalid"] });
    error = await validationError(createTarget(project.id, userId, { indicator: "EECO02", targetValue: "2,5" }));
    expect(error.fieldErrors).toEqual({ targetValue: ["form.wholeNumber"] });
    expect(await db.target.count()).toBe(before);
    expect(await db.auditEvent.count()).toBe(auditBefore);
  });

  it("refuses a second target for the same indicator and scope", async () => {
    await createTarget(project.id, userId, { indicator: "EECO19", year: 2020, targetValue: 5 });
    const error = await validationError(createTarget(project.id, userId, { indicator: "EECO19", year: 2020, targetValue: 8 }));
    expect(error.fieldErrors).toEqual({ indicator: ["targets.duplicate"] });
    // another year or another custom name is a different target
    await createTarget(project.id, userId, { indicator: "EECO19", year: 2021, targetValue: 8 });
    await createTarget(project.id, userId, { indicator: "custom", customName: "Stadtteilfeste", targetValue: 4 });
    await createTarget(project.id, userId, { indicator: "custom", customName: "Nachbarschaftstische", targetValue: 4 });
  });
});

describe("updateTarget and deleteTarget", () => {
  it("audits the changed fields and deletes with its actuals", async () => {
    const { id } = await createTarget(project.id, userId, { indicator: "custom", customName: "Schaufenster", targetValue: 10 });
    const result = await updateTarget(project.id, userId, id, 1, { indicator: "custom", customName: "Belebte Schaufenster", targetValue: "12" });
    expect(result.changed.sort()).toEqual(["customName", "targetValue"]);
    expect(result.version).toBe(2);
    const { id: actualId } = await addTargetActual(project.id, userId, id, { date: "2021-01-10", value: 3 });
    await deleteTarget(project.id, userId, id, 2);
    expect(await db.target.findUnique({ where: { id } })).toBeNull();
    expect(await db.targetActual.findUnique({ where: { id: actualId } })).toBeNull();
    expect((await auditOf("Target", id)).map((a) => a.action)).toEqual(["create", "update", "delete"]);
  });

  it("keeps a custom indicator while entered actuals exist", async () => {
    const { id } = await createTarget(project.id, userId, { indicator: "custom", customName: "Beratungen", targetValue: 10 });
    const { id: actualId } = await addTargetActual(project.id, userId, id, { date: "2021-01-10", value: 3 });
    const error = await validationError(updateTarget(project.id, userId, id, 1, { indicator: "activities_held", targetValue: 10 }));
    expect(error.fieldErrors).toEqual({ indicator: ["targets.indicatorHasActuals"] });
    await deleteTargetActual(project.id, userId, id, actualId);
    await updateTarget(project.id, userId, id, 1, { indicator: "activities_held", targetValue: 10 });
    expect(await getTarget(project.id, id)).toMatchObject({ indicator: "activities_held", customName: null });
  });
});

describe("optimistic concurrency", () => {
  it("refuses an edit on a stale version with what changed since, and applies it on the current version", async () => {
    const coordinator = await createUser("Kai Koordination");
    const { id } = await createTarget(project.id, userId, { indicator: "EECO02", year: 2021, targetValue: 20 });
    await updateTarget(project.id, coordinator.id, id, 1, { indicator: "EECO02", year: 2021, targetValue: 25, note: "nach Änderungsbescheid" });
    const error = await validationError(updateTarget(project.id, userId, id, 1, { indicator: "EECO02", year: 2021, targetValue: 30 }));
    expect(error).toBeInstanceOf(VersionConflictError);
    expect((error as VersionConflictError).conflict).toMatchObject({ currentVersion: 2, fields: ["targetValue", "note"], changes: [{ by: "Kai Koordination", fields: ["targetValue", "note"] }] });
    expect(await getTarget(project.id, id)).toMatchObject({ targetValue: 25, note: "nach Änderungsbescheid", version: 2 });
    expect((await auditOf("Target", id)).map((a) => a.action)).toEqual(["create", "update"]);
    expect(await updateTarget(project.id, userId, id, 2, { indicator: "EECO02", year: 2021, targetValue: 30, note: "nach Änderungsbescheid" })).toMatchObject({ version: 3, changed: ["targetValue"] });
  });

  it("an unchanged save keeps the version; a stale delete keeps the target", async () => {
    const { id } = await createTarget(project.id, userId, { indicator: "EECO03", targetValue: 5 });
    expect(await updateTarget(project.id, userId, id, 1, { indicator: "EECO03", targetValue: "5" })).toMatchObject({ version: 1, changed: [] });
    await updateTarget(project.id, userId, id, 1, { indicator: "EECO03", targetValue: 6 });
    const error = await validationError(deleteTarget(project.id, userId, id, 1));
    expect((error as VersionConflictError).conflict).toMatchObject({ currentVersion: 2, fields: ["targetValue"] });
    expect(await db.target.findUnique({ where: { id } })).not.toBeNull();
    await deleteTarget(project.id, userId, id, 2);
    expect(await db.target.findUnique({ where: { id } })).toBeNull();
  });
});

describe("manual actuals", () => {
  it("are entered for custom targets only, within the target's period, and audited", async () => {
    const custom = await createTarget(project.id, userId, { indicator: "custom", customName: "Leerstände belebt", year: 2021, targetValue: 6 });
    const { id: actualId } = await addTargetActual(project.id, userId, custom.id, { date: "01.04.2021", value: "2", note: "Bahnhofstraße" });
    const target = await getTarget(project.id, custom.id);
    expect(target.actuals).toEqual([{ id: actualId, date: day("2021-04-01"), value: 2, note: "Bahnhofstraße" }]);
    const [audit] = await auditOf("TargetActual", actualId);
    expect(audit).toMatchObject({ action: "create", projectId: project.id, note: `target ${custom.id}` });
    expect(audit.fields.sort()).toEqual(["date", "note", "value"]);

    let error = await validationError(addTargetActual(project.id, userId, custom.id, { date: "2022-01-01", value: 1 }));
    expect(error.fieldErrors).toEqual({ date: ["targets.actualOutsidePeriod"] });
    error = await validationError(addTargetActual(project.id, userId, custom.id, { date: "", value: "-1" }));
    expect(error.fieldErrors).toEqual({ date: ["validation.required"], value: ["form.outOfRange"] });

    const builtIn = await createTarget(project.id, userId, { indicator: "activities_held", year: 2021, targetValue: 6 });
    error = await validationError(addTargetActual(project.id, userId, builtIn.id, { date: "2021-04-01", value: 1 }));
    expect(error.formErrors).toEqual(["targets.actualsComputed"]);
    expect(await db.targetActual.count({ where: { targetId: { in: [custom.id, builtIn.id] } } })).toBe(1);

    await deleteTargetActual(project.id, userId, custom.id, actualId);
    expect((await auditOf("TargetActual", actualId)).map((a) => a.action)).toEqual(["create", "delete"]);
  });
});

describe("listTargetOptions", () => {
  it("offers the project's years and areas", async () => {
    const options = await listTargetOptions(project.id);
    expect(options.years).toEqual([2020, 2021, 2022]);
    expect(options.areas.map((a) => a.id).sort()).toEqual([...project.areaIds].sort());
  });
});

describe("project scope", () => {
  it("answers 404 for another project's target and actuals on every path", async () => {
    const foreign = await createTarget(other.id, userId, { indicator: "custom", customName: "Fremd", targetValue: 3 });
    const { id: foreignActual } = await addTargetActual(other.id, userId, foreign.id, { date: "2021-01-01", value: 1 });
    const own = await createTarget(project.id, userId, { indicator: "custom", customName: "Eigen", targetValue: 3 });
    await expectStatus(getTarget(project.id, foreign.id), 404);
    await expectStatus(updateTarget(project.id, userId, foreign.id, 1, { indicator: "custom", customName: "X", targetValue: 1 }), 404);
    await expectStatus(deleteTarget(project.id, userId, foreign.id, 1), 404);
    await expectStatus(addTargetActual(project.id, userId, foreign.id, { date: "2021-01-01", value: 1 }), 404);
    await expectStatus(deleteTargetActual(project.id, userId, own.id, foreignActual), 404);
    await expectStatus(deleteTargetActual(project.id, userId, foreign.id, foreignActual), 404);
    expect((await getTarget(other.id, foreign.id)).actuals).toHaveLength(1);
  });
});
