import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { ValidationError } from "~/utils/validation";
import { addMember, auditOf, createProject, createUser, day, expectStatus, type ProjectFixture } from "~/modules/targets/steering-test-helpers";
import { dueState } from "./schedule";
import {
  completeMilestone,
  createMilestone,
  deleteMilestone,
  getMilestone,
  listMilestoneOptions,
  listMilestones,
  updateMilestone,
} from "./service.server";

// "Today" in these tests: 10.06.2021 (noon in Berlin).
const NOW = new Date("2021-06-10T10:00:00.000Z");

let project: ProjectFixture;
let other: ProjectFixture;
let lead: { id: string; name: string };
let outsider: { id: string; name: string };

beforeAll(async () => {
  project = await createProject({ actionFields: 2 });
  other = await createProject();
  lead = await createUser("Lea Leitung");
  outsider = await createUser("Otto Außen");
  await addMember(project.id, lead.id, "lead");
  await addMember(other.id, outsider.id, "lead");
});

async function validationError(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe("due state", () => {
  const today = day("2021-06-10");
  it("marks overdue before today, due soon within 14 days, done never", () => {
    expect(dueState(day("2021-06-09"), false, today)).toBe("overdue");
    expect(dueState(day("2021-06-10"), false, today)).toBe("due_soon");
    expect(dueState(day("2021-06-24"), false, today)).toBe("due_soon");
    expect(dueState(day("2021-06-25"), false, today)).toBe("later");
    expect(dueState(day("2021-01-01"), true, today)).toBe("done");
  });
});

describe("createMilestone", () => {
  it("creates a milestone with owner and action field and audits the field names", async () => {
    const created = await createMilestone(project.id, lead.id, {
      title: "Kooperationsvertrag mit dem Jobcenter",
      description: "Letter of Intent einholen",
      dueDate: "2021-06-20",
      status: "planned",
      ownerUserId: lead.id,
      actionFieldId: project.actionFieldIds[0],
    }, NOW);
    const milestone = await getMilestone(project.id, created.id, NOW);
    expect(milestone).toMatchObject({ title: "Kooperationsvertrag mit dem Jobcenter", status: "planned", version: 1, completedAt: null, dueState: "due_soon" });
    expect(milestone.owner?.name).toBe("Lea Leitung");
    const audit = await auditOf("Milestone", created.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "create", userId: lead.id, projectId: project.id });
    expect(audit[0].fields).toEqual(expect.arrayContaining(["title", "description", "dueDate", "status", "ownerUserId", "actionFieldId"]));
    expect(audit[0].fields).not.toContain("completedAt");
    // never values
    expect(JSON.stringify(audit[0])).not.toContain("Jobcenter");
  });

  it("accepts German dates and sets today as completion date when created as done", async () => {
    const created = await createMilestone(project.id, lead.id, { title: "Auftaktveranstaltung", dueDate: "15.05.2021", status: "done" }, NOW);
    const milestone = await getMilestone(project.id, created.id, NOW);
    expect(milestone.dueDate).toEqual(day("2021-05-15"));
    expect(milestone.completedAt).toEqual(day("2021-06-10"));
    expect(milestone.dueState).toBe("done");
  });

  it("writes nothing on a validation error", async () => {
    const before = await db.milestone.count();
    const auditBefore = await db.auditEvent.count();
    const error = await validationError(createMilestone(project.id, lead.id, { title: "  ", dueDate: "31.02.2021", status: "someday" }, NOW));
    expect(error.fieldErrors.title).toEqual(["validation.required"]);
    expect(error.fieldErrors.dueDate).toEqual(["validation.date"]);
    expect(error.fieldErrors.status).toEqual(["validation.invalid"]);
    expect(await db.milestone.count()).toBe(before);
    expect(await db.auditEvent.count()).toBe(auditBefore);
  });

  it("refuses an owner who is not a member and an action field of another project", async () => {
    const before = await db.milestone.count();
    const error = await validationError(
      createMilestone(project.id, lead.id, { title: "X", dueDate: "2021-07-01", status: "planned", ownerUserId: outsider.id, actionFieldId: other.actionFieldIds[0] }, NOW),
    );
    expect(error.fieldErrors).toEqual({ ownerUserId: ["validation.invalid"], actionFieldId: ["validation.invalid"] });
    expect(await db.milestone.count()).toBe(before);
  });

  it("refuses a completion date in the future", async () => {
    const error = await validationError(createMilestone(project.id, lead.id, { title: "X", dueDate: "2021-07-01", status: "done", completedAt: "2021-06-11" }, NOW));
    expect(error.fieldErrors.completedAt).toEqual(["milestones.completedInFuture"]);
  });
});

describe("updateMilestone", () => {
  it("updates with the version read, bumps it and audits only the changed fields", async () => {
    const { id } = await createMilestone(project.id, lead.id, { title: "Stadtteilfest", dueDate: "2021-08-01", status: "planned" }, NOW);
    const result = await updateMilestone(project.id, lead.id, id, 1, { title: "Stadtteilfest Forst", dueDate: "2021-08-01", status: "in_progress" }, NOW);
    expect(result).toMatchObject({ version: 2 });
    expect(result.changed.sort()).toEqual(["status", "title"]);
    const audit = await auditOf("Milestone", id);
    expect(audit.map((a) => a.action)).toEqual(["create", "update"]);
    expect(audit[1].fields.sort()).toEqual(["status", "title"]);
  });

  it("refuses a stale version (someone else saved in between) and changes nothing", async () => {
    const { id } = await createMilestone(project.id, lead.id, { title: "Netzwerktreffen", dueDate: "2021-09-01", status: "planned" }, NOW);
    await updateMilestone(project.id, lead.id, id, 1, { title: "Netzwerktreffen 1", dueDate: "2021-09-01", status: "planned" }, NOW);
    const error = await validationError(updateMilestone(project.id, lead.id, id, 1, { title: "Netzwerktreffen 2", dueDate: "2021-09-01", status: "planned" }, NOW));
    expect(error.formErrors).toEqual(["error.conflict"]);
    const stored = await getMilestone(project.id, id, NOW);
    expect(stored).toMatchObject({ title: "Netzwerktreffen 1", version: 2 });
    expect(await auditOf("Milestone", id)).toHaveLength(2);
  });

  it("drops the completion date when the status leaves done", async () => {
    const { id } = await createMilestone(project.id, lead.id, { title: "Bericht", dueDate: "2021-05-01", status: "done", completedAt: "2021-05-02", evidenceNote: "Ablage S:/Berichte" }, NOW);
    await updateMilestone(project.id, lead.id, id, 1, { title: "Bericht", dueDate: "2021-05-01", status: "delayed", completedAt: "2021-05-02", evidenceNote: "Ablage S:/Berichte" }, NOW);
    const stored = await getMilestone(project.id, id, NOW);
    expect(stored).toMatchObject({ status: "delayed", completedAt: null, evidenceNote: "Ablage S:/Berichte", dueState: "overdue" });
  });
});

describe("completeMilestone", () => {
  it("marks done with today's date by default and keeps the evidence note", async () => {
    const { id } = await createMilestone(project.id, lead.id, { title: "Kompetenzfeststellung", dueDate: "2021-06-01", status: "in_progress" }, NOW);
    await completeMilestone(project.id, lead.id, id, 1, { evidenceNote: "Protokoll vom Team-Meeting" }, NOW);
    const stored = await getMilestone(project.id, id, NOW);
    expect(stored).toMatchObject({ status: "done", completedAt: day("2021-06-10"), evidenceNote: "Protokoll vom Team-Meeting", version: 2, dueState: "done" });
    const audit = await auditOf("Milestone", id);
    expect(audit[1]).toMatchObject({ action: "update", note: "complete" });
    expect(audit[1].fields.sort()).toEqual(["completedAt", "evidenceNote", "status"]);
  });

  it("takes a given completion date and refuses one in the future", async () => {
    const { id } = await createMilestone(project.id, lead.id, { title: "Flyer", dueDate: "2021-06-01", status: "planned" }, NOW);
    const error = await validationError(completeMilestone(project.id, lead.id, id, 1, { completedAt: "2021-07-01" }, NOW));
    expect(error.fieldErrors.completedAt).toEqual(["milestones.completedInFuture"]);
    expect((await getMilestone(project.id, id, NOW)).status).toBe("planned");
    await completeMilestone(project.id, lead.id, id, 1, { completedAt: "03.06.2021" }, NOW);
    expect((await getMilestone(project.id, id, NOW)).completedAt).toEqual(day("2021-06-03"));
  });
});

describe("listMilestones", () => {
  let listProject: ProjectFixture;
  beforeAll(async () => {
    listProject = await createProject({ actionFields: 2 });
    const [hf1, hf2] = listProject.actionFieldIds;
    await createMilestone(listProject.id, lead.id, { title: "A überfällig", dueDate: "2021-06-09", status: "in_progress", actionFieldId: hf1 }, NOW);
    await createMilestone(listProject.id, lead.id, { title: "B bald", dueDate: "2021-06-24", status: "planned", actionFieldId: hf2 }, NOW);
    await createMilestone(listProject.id, lead.id, { title: "C später", dueDate: "2021-06-25", status: "delayed", actionFieldId: hf1 }, NOW);
    await createMilestone(listProject.id, lead.id, { title: "D erledigt", dueDate: "2021-01-01", status: "done", completedAt: "2021-01-02" }, NOW);
  });

  it("lists by due date with due states", async () => {
    const rows = await listMilestones(listProject.id, {}, NOW);
    expect(rows.map((r) => [r.title, r.dueState])).toEqual([
      ["D erledigt", "done"],
      ["A überfällig", "overdue"],
      ["B bald", "due_soon"],
      ["C später", "later"],
    ]);
  });

  it("filters by computed state, status and action field", async () => {
    const titles = async (query: Parameters<typeof listMilestones>[1]) => (await listMilestones(listProject.id, query, NOW)).map((r) => r.title);
    expect(await titles({ status: "overdue" })).toEqual(["A überfällig"]);
    expect(await titles({ status: "due_soon" })).toEqual(["B bald"]);
    expect(await titles({ status: "open" })).toEqual(["A überfällig", "B bald", "C später"]);
    expect(await titles({ status: "delayed" })).toEqual(["C später"]);
    expect(await titles({ actionField: listProject.actionFieldIds[0] })).toEqual(["A überfällig", "C später"]);
  });

  it("offers the project's members and action fields", async () => {
    const options = await listMilestoneOptions(project.id);
    expect(options.owners.map((o) => o.id)).toEqual([lead.id]);
    expect(options.actionFields.map((f) => f.id).sort()).toEqual([...project.actionFieldIds].sort());
  });
});

describe("project scope", () => {
  it("answers 404 for another project's milestone on every path", async () => {
    const { id } = await createMilestone(other.id, outsider.id, { title: "Fremd", dueDate: "2021-07-01", status: "planned" }, NOW);
    await expectStatus(getMilestone(project.id, id, NOW), 404);
    await expectStatus(updateMilestone(project.id, lead.id, id, 1, { title: "Übernommen", dueDate: "2021-07-01", status: "planned" }, NOW), 404);
    await expectStatus(completeMilestone(project.id, lead.id, id, 1, {}, NOW), 404);
    await expectStatus(deleteMilestone(project.id, lead.id, id, 1), 404);
    expect((await getMilestone(other.id, id, NOW)).title).toBe("Fremd");
    expect(await listMilestones(project.id, {}, NOW)).not.toContainEqual(expect.objectContaining({ id }));
  });
});

describe("deleteMilestone", () => {
  it("deletes with the version read and audits it; a stale version is a conflict", async () => {
    const { id } = await createMilestone(project.id, lead.id, { title: "Weg damit", dueDate: "2021-07-01", status: "planned" }, NOW);
    await updateMilestone(project.id, lead.id, id, 1, { title: "Weg damit!", dueDate: "2021-07-01", status: "planned" }, NOW);
    const error = await validationError(deleteMilestone(project.id, lead.id, id, 1));
    expect(error.formErrors).toEqual(["error.conflict"]);
    await deleteMilestone(project.id, lead.id, id, 2);
    expect(await db.milestone.findUnique({ where: { id } })).toBeNull();
    expect((await auditOf("Milestone", id)).map((a) => a.action)).toEqual(["create", "update", "delete"]);
  });
});
