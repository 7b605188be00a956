import { beforeAll, describe, expect, it } from "vitest";
import { createArea } from "~/modules/areas/service.server";
import { createUser, setProjectRole } from "~/modules/users/service.server";
import { db } from "~/utils/db.server";
import { ValidationError } from "~/utils/validation";
import { createActionField, listActionFieldOptions, listActionFields, removeActionField, updateActionField } from "./action-fields.server";
import { createProject, getProjectForAdmin, listProjectsForAdmin, updateProject } from "./admin.server";
import { DEFAULT_ACTIVITY_TYPES, ensureDefaultActivityTypes } from "~/modules/activities/service.server";

async function expectValidationError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

async function counts() {
  return {
    projects: await db.project.count(),
    areas: await db.programmeArea.count(),
    links: (await db.projectArea.count()) + (await db.projectActionField.count()),
    actionFields: await db.actionField.count(),
    audit: await db.auditEvent.count(),
  };
}

let admin: { id: string };
let grünau: { id: string };
let osten: { id: string };
let hf1: { id: string };
let hf2: { id: string };

beforeAll(async () => {
  admin = (await createUser({ email: "project-admin@example.org", name: "Project Admin", password: "secret-password-1", isAdmin: true }, null)).user;
  grünau = await createArea({ name: "Leipzig-Grünau", municipality: "Leipzig", federalState: "Sachsen", regionCategory: "transition" }, admin.id);
  osten = await createArea({ name: "Leipziger Osten", municipality: "Leipzig", federalState: "Sachsen", regionCategory: "transition" }, admin.id);
  hf1 = await createActionField({ code: "hf1", name: "Nachhaltige Integration in Beschäftigung", nameEn: "Sustainable integration into employment", sortOrder: "1", active: "on" }, admin.id);
  hf2 = await createActionField({ code: "HF2", name: "Stärkung der lokalen Ökonomie", sortOrder: 2, active: true }, admin.id);
});

describe("createProject", () => {
  it("works with the CLI's minimal input: defaults, upper-cased code, areas matched or created by name", async () => {
    const before = await db.programmeArea.count();
    const project = await createProject(
      { code: "aiq-2019", title: "Arbeit im Quartier", startDate: "2019-01-01", endDate: "31.12.2022", areaNames: ["leipzig-grünau", "Paunsdorf", "Paunsdorf"] },
      null,
    );
    expect(project.code).toBe("AIQ-2019");
    const stored = await getProjectForAdmin(project.id);
    expect(stored).toMatchObject({
      title: "Arbeit im Quartier",
      status: "active",
      flatRateModel: "none",
      flatRateBp: 0,
      annualHours: 1720,
      maxFundingRateBp: 9000,
      eligibleCostCents: null,
      retentionYears: 5,
      finalStatementDate: null,
      startDate: new Date("2019-01-01T00:00:00Z"),
      endDate: new Date("2022-12-31T00:00:00Z"),
    });
    // One existing area matched case-insensitively, one created as a placeholder.
    expect(await db.programmeArea.count()).toBe(before + 1);
    const paunsdorf = await db.programmeArea.findFirstOrThrow({ where: { name: "Paunsdorf" } });
    expect(paunsdorf).toMatchObject({ municipality: "unbekannt", federalState: "unbekannt", regionCategory: "transition" });
    expect(stored.areaIds.sort()).toEqual([grünau.id, paunsdorf.id].sort());
    expect(stored.coreAreaIds.sort()).toEqual([grünau.id, paunsdorf.id].sort());

    const events = await db.auditEvent.findMany({ where: { projectId: project.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "create", entity: "Project", entityId: project.id, userId: null });
    expect(JSON.parse(events[0].fields)).toEqual(expect.arrayContaining(["code", "title", "startDate", "endDate", "areas"]));
    expect(await db.auditEvent.count({ where: { entity: "ProgrammeArea", entityId: paunsdorf.id, action: "create" } })).toBe(1);
  });

  it("stores form input: percent with German comma as basis points, money as cents, core areas, action fields", async () => {
    const { id } = await createProject(
      {
        code: "MWQ-2015",
        title: "MehrWertQuartier",
        sponsor: "DAA Leipzig",
        fundingRound: "2015–2018",
        description: "",
        startDate: "01.04.2015",
        endDate: "2018-12-31",
        status: "closed",
        flatRateModel: "indirect_on_staff",
        flatRateBp: "12,5",
        maxFundingRateBp: "90",
        eligibleCostCents: "1.234.567,89",
        annualHours: "1.720",
        retentionYears: "10",
        finalStatementDate: "30.06.2019",
        areaIds: [grünau.id, osten.id],
        coreAreaIds: osten.id,
        actionFieldIds: [hf1.id, hf2.id],
      },
      admin.id,
    );
    const stored = await getProjectForAdmin(id);
    expect(stored).toMatchObject({
      description: null,
      status: "closed",
      flatRateModel: "indirect_on_staff",
      flatRateBp: 1250,
      maxFundingRateBp: 9000,
      eligibleCostCents: 123456789,
      annualHours: 1720,
      retentionYears: 10,
      finalStatementDate: new Date("2019-06-30T00:00:00Z"),
      coreAreaIds: [osten.id],
    });
    expect(stored.areaIds.sort()).toEqual([grünau.id, osten.id].sort());
    expect(stored.actionFieldIds.sort()).toEqual([hf1.id, hf2.id].sort());
    const [event] = await db.auditEvent.findMany({ where: { projectId: id, entity: "Project" } });
    expect(event.userId).toBe(admin.id);
    expect(JSON.parse(event.fields)).toEqual(expect.arrayContaining(["flatRateBp", "eligibleCostCents", "areas", "actionFields"]));
  });

  it("gives every action field of a new project the default activity-type catalogue, audited in the same transaction", async () => {
    const { id } = await createProject({ code: "CAT-2026", title: "Katalog", startDate: "2026-01-01", endDate: "2028-12-31", actionFieldIds: [hf1.id, hf2.id] }, admin.id);
    const types = await db.activityType.findMany({ where: { projectId: id }, orderBy: { sortOrder: "asc" } });
    const names = (fieldId: string) => types.filter((t) => t.actionFieldId === fieldId).map((t) => t.name);
    expect(names(hf1.id)).toEqual(DEFAULT_ACTIVITY_TYPES.employment);
    expect(names(hf2.id)).toEqual(DEFAULT_ACTIVITY_TYPES.economy);
    expect(types.every((t) => t.active)).toBe(true);
    const audit = await db.auditEvent.findMany({ where: { projectId: id } });
    expect(audit.map((e) => `${e.entity} ${e.action} ${e.userId === admin.id}`).sort()).toEqual(["ActivityType create true", "ActivityType create true", "Project create true"]);
    expect(audit.filter((e) => e.entity === "ActivityType").map((e) => e.note).sort()).toEqual([`default catalogue: ${DEFAULT_ACTIVITY_TYPES.economy.length}`, `default catalogue: ${DEFAULT_ACTIVITY_TYPES.employment.length}`].sort());
    // the lead's button finds nothing left to do
    expect(await ensureDefaultActivityTypes(id)).toBe(0);
  });

  it("creates no catalogue for a project without action fields (the CLI's projects), and nothing when refused", async () => {
    const { id } = await createProject({ code: "NO-FIELDS", title: "Ohne Handlungsfelder", startDate: "2026-01-01", endDate: "2026-12-31", areaNames: ["Forst"] }, null);
    expect(await db.activityType.count({ where: { projectId: id } })).toBe(0);
    const before = await db.activityType.count();
    await expectValidationError(createProject({ code: "NO-FIELDS", title: "Doppelt", startDate: "2026-01-01", endDate: "2026-12-31", actionFieldIds: [hf1.id] }, null));
    await expectValidationError(createProject({ code: "BAD-DATES", title: "X", startDate: "2026-05-01", endDate: "2026-04-30", actionFieldIds: [hf1.id] }, null));
    expect(await db.activityType.count()).toBe(before);
  });

  it("refuses an end before the start, bad dates and a taken code; nothing is written", async () => {
    await createProject({ code: "TAKEN-1", title: "First", startDate: "2024-01-01", endDate: "2024-12-31" }, null);
    const before = await counts();
    const endBeforeStart = await expectValidationError(createProject({ code: "NEW-1", title: "X", startDate: "2024-05-01", endDate: "2024-04-30", areaNames: ["Brandneu"] }, null));
    expect(endBeforeStart.fieldErrors).toEqual({ endDate: ["validation.endBeforeStart"] });
    const badDates = await expectValidationError(createProject({ code: "NEW-1", title: "X", startDate: "31.02.2024", endDate: "" }, null));
    expect(badDates.fieldErrors).toEqual({ startDate: ["validation.date"], endDate: ["validation.required"] });
    const taken = await expectValidationError(createProject({ code: "taken-1", title: "Second", startDate: "2024-01-01", endDate: "2024-12-31", areaNames: ["Brandneu"] }, null));
    expect(taken.fieldErrors).toEqual({ code: ["admin.projects.codeTaken"] });
    expect(await counts()).toEqual(before);
    expect(await db.programmeArea.count({ where: { name: "Brandneu" } })).toBe(0);
  });

  it("checks code format, flat-rate limits per model, funding rate, retention and linked ids", async () => {
    const before = await counts();
    const base = { title: "X", startDate: "2024-01-01", endDate: "2024-12-31" };
    expect((await expectValidationError(createProject({ ...base, code: "Mit Leerzeichen" }, null))).fieldErrors).toEqual({ code: ["admin.projects.codeFormat"] });
    expect((await expectValidationError(createProject({ ...base, code: "R1", flatRateModel: "staff_costs_remaining", flatRateBp: "40,5" }, null))).fieldErrors).toEqual({
      flatRateBp: ["admin.projects.flatRateMax40"],
    });
    expect((await expectValidationError(createProject({ ...base, code: "R2", flatRateModel: "indirect_on_staff", flatRateBp: 1600 }, null))).fieldErrors).toEqual({
      flatRateBp: ["admin.projects.flatRateMax15"],
    });
    expect((await expectValidationError(createProject({ ...base, code: "R3", flatRateModel: "indirect_on_direct", flatRateBp: "8" }, null))).fieldErrors).toEqual({
      flatRateBp: ["admin.projects.flatRateMax7"],
    });
    expect((await expectValidationError(createProject({ ...base, code: "R4", flatRateModel: "none", flatRateBp: "5" }, null))).fieldErrors).toEqual({
      flatRateBp: ["admin.projects.flatRateMustBeZero"],
    });
    const several = await expectValidationError(
      createProject({ ...base, code: "R5", maxFundingRateBp: "95", retentionYears: "31", eligibleCostCents: "12,345", flatRateBp: "1,234", areaIds: ["nosucharea"] }, null),
    );
    expect(several.fieldErrors).toEqual({
      maxFundingRateBp: ["form.outOfRange"],
      retentionYears: ["form.outOfRange"],
      eligibleCostCents: ["form.money"],
      flatRateBp: ["form.percentPrecision"],
    });
    const unknownLinks = await expectValidationError(createProject({ ...base, code: "R6", areaIds: ["nosucharea"], actionFieldIds: [hf1.id, "nosuchfield"] }, null));
    expect(unknownLinks.fieldErrors).toEqual({ areaIds: ["validation.invalid"], actionFieldIds: ["validation.invalid"] });
    expect(await counts()).toEqual(before);
  });
});

describe("updateProject", () => {
  it("replaces fields, areas and action fields and audits exactly what changed", async () => {
    const { id } = await createProject({ code: "FORST-2019", title: "Mittendrin", startDate: "2019-01-01", endDate: "2022-12-31", areaIds: [grünau.id], coreAreaIds: [grünau.id] }, admin.id);
    const current = await getProjectForAdmin(id);
    const input = {
      ...current,
      title: "Mittendrin statt Außen vor",
      flatRateModel: "staff_costs_remaining" as const,
      flatRateBp: "26",
      areaIds: [grünau.id, osten.id],
      coreAreaIds: [grünau.id],
      actionFieldIds: [hf1.id],
    };
    await updateProject(id, input, admin.id);
    const stored = await getProjectForAdmin(id);
    expect(stored).toMatchObject({ title: "Mittendrin statt Außen vor", flatRateModel: "staff_costs_remaining", flatRateBp: 2600, coreAreaIds: [grünau.id], actionFieldIds: [hf1.id] });
    expect(stored.areaIds.sort()).toEqual([grünau.id, osten.id].sort());
    const last = await db.auditEvent.findFirstOrThrow({ where: { projectId: id, action: "update" }, orderBy: { at: "desc" } });
    expect(JSON.parse(last.fields).sort()).toEqual(["actionFields", "areas", "flatRateBp", "flatRateModel", "title"]);

    const auditBefore = await db.auditEvent.count({ where: { projectId: id } });
    await updateProject(id, { ...stored, flatRateBp: 2600 }, admin.id);
    expect(await db.auditEvent.count({ where: { projectId: id } })).toBe(auditBefore);
  });

  it("an action field added to a project gets the default catalogue; fields it had keep their types", async () => {
    const { id } = await createProject({ code: "ADD-FIELD", title: "Später erweitert", startDate: "2024-01-01", endDate: "2026-12-31", actionFieldIds: [hf1.id] }, admin.id);
    await db.activityType.updateMany({ where: { projectId: id, actionFieldId: hf1.id, name: "Kreativkurs" }, data: { name: "Theaterwerkstatt" } });
    const current = await getProjectForAdmin(id);
    await updateProject(id, { ...current, actionFieldIds: [hf1.id, hf2.id] }, admin.id);
    const types = await db.activityType.findMany({ where: { projectId: id } });
    expect(types.filter((t) => t.actionFieldId === hf2.id).map((t) => t.name).sort()).toEqual([...DEFAULT_ACTIVITY_TYPES.economy].sort());
    const hf1Names = types.filter((t) => t.actionFieldId === hf1.id).map((t) => t.name);
    expect(hf1Names).toHaveLength(DEFAULT_ACTIVITY_TYPES.employment.length);
    expect(hf1Names).toContain("Theaterwerkstatt");
    expect(hf1Names).not.toContain("Kreativkurs");
    const catalogueEntries = await db.auditEvent.count({ where: { projectId: id, entity: "ActivityType" } });
    expect(catalogueEntries).toBe(2);
    // removing and re-adding a field that still has types creates nothing new
    await updateProject(id, { ...current, actionFieldIds: [hf2.id] }, admin.id);
    await updateProject(id, { ...current, actionFieldIds: [hf1.id, hf2.id] }, admin.id);
    expect(await db.activityType.count({ where: { projectId: id } })).toBe(types.length);
    expect(await db.auditEvent.count({ where: { projectId: id, entity: "ActivityType" } })).toBe(catalogueEntries);
  });

  it("refuses another project's code and bad dates without changing anything; 404 for unknown ids", async () => {
    const { id } = await createProject({ code: "UPD-A", title: "A", startDate: "2024-01-01", endDate: "2024-12-31" }, null);
    await createProject({ code: "UPD-B", title: "B", startDate: "2024-01-01", endDate: "2024-12-31" }, null);
    const current = await getProjectForAdmin(id);
    const before = await counts();
    expect((await expectValidationError(updateProject(id, { ...current, code: "upd-b" }, null))).fieldErrors).toEqual({ code: ["admin.projects.codeTaken"] });
    expect((await expectValidationError(updateProject(id, { ...current, endDate: "2023-12-31" }, null))).fieldErrors).toEqual({ endDate: ["validation.endBeforeStart"] });
    expect(await counts()).toEqual(before);
    expect((await getProjectForAdmin(id)).code).toBe("UPD-A");
    await expect(updateProject("nosuchproject", current, null)).rejects.toMatchObject({ init: { status: 404 } });
    await expect(getProjectForAdmin("nosuchproject")).rejects.toMatchObject({ init: { status: 404 } });
  });

  it("shows members with their roles and lists projects with counts", async () => {
    const { id } = await createProject({ code: "MEMBERS", title: "Members", startDate: "2024-01-01", endDate: "2024-12-31", areaIds: [osten.id] }, null);
    const { user } = await createUser({ email: "lead@example.org", name: "Lea Lead", password: "secret-password-1" }, null);
    await setProjectRole({ userId: user.id, projectId: id, role: "lead" }, admin.id);
    expect((await getProjectForAdmin(id)).members).toEqual([{ id: user.id, name: "Lea Lead", email: "lead@example.org", active: true, role: "lead" }]);
    expect((await listProjectsForAdmin()).find((p) => p.id === id)).toMatchObject({ memberCount: 1, areaCount: 1 });
  });
});

describe("action fields", () => {
  it("creates with an upper-cased unique code and audits; a taken code writes nothing", async () => {
    const { id } = await createActionField({ code: "stadt", name: "Stadtentwicklung", sortOrder: "3", active: "on" }, admin.id);
    const listed = (await listActionFields()).find((f) => f.id === id);
    expect(listed).toMatchObject({ code: "STADT", name: "Stadtentwicklung", nameEn: null, sortOrder: 3, active: true, inUse: false });
    expect(await db.auditEvent.count({ where: { entity: "ActionField", entityId: id, action: "create" } })).toBe(1);
    const before = await counts();
    const error = await expectValidationError(createActionField({ code: "STADT", name: "Doppelt" }, admin.id));
    expect(error.fieldErrors).toEqual({ code: ["admin.actionFields.codeTaken"] });
    expect(await counts()).toEqual(before);
  });

  it("updates, audits changed fields, and refuses another field's code", async () => {
    const { id } = await createActionField({ code: "HF9", name: "Alt", active: true }, admin.id);
    await updateActionField(id, { code: "HF9", name: "Neu", nameEn: "New", sortOrder: 9, active: false }, admin.id);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "update" } });
    expect(JSON.parse(event.fields).sort()).toEqual(["active", "name", "nameEn", "sortOrder"]);
    const error = await expectValidationError(updateActionField(id, { code: "hf1", name: "Neu" }, admin.id));
    expect(error.fieldErrors).toEqual({ code: ["admin.actionFields.codeTaken"] });
    // Inactive fields are offered only where already assigned.
    expect((await listActionFieldOptions()).some((f) => f.id === id)).toBe(false);
    expect((await listActionFieldOptions([id])).some((f) => f.id === id)).toBe(true);
  });

  it("deletes an unused action field but only deactivates one in use", async () => {
    const unused = await createActionField({ code: "TMP", name: "Temporär", active: true }, admin.id);
    expect(await removeActionField(unused.id, admin.id)).toBe("deleted");
    expect(await db.actionField.count({ where: { id: unused.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { entityId: unused.id, action: "delete" } })).toBe(1);

    const used = await createActionField({ code: "USED", name: "Benutzt", active: true }, admin.id);
    await createProject({ code: "USES-FIELD", title: "x", startDate: "2024-01-01", endDate: "2024-12-31", actionFieldIds: [used.id] }, null);
    expect(await removeActionField(used.id, admin.id)).toBe("deactivated");
    expect(await db.actionField.findUniqueOrThrow({ where: { id: used.id } })).toMatchObject({ active: false });
    await expect(removeActionField("nosuchfield", admin.id)).rejects.toMatchObject({ init: { status: 404 } });
  });
});
