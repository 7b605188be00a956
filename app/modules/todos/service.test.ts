import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createMilestone } from "~/modules/milestones/service.server";
import { createTarget } from "~/modules/targets/service.server";
import { addMember, createParticipant, createProject, createUser, day, type ProjectFixture } from "~/modules/targets/steering-test-helpers";
import { getTodosForUser, type ProjectTodos } from "./service.server";

// Today: 10.06.2021. Follow-ups and milestones within 14 days (until 24.06.), claims within 30 days (until 10.07.).
const NOW = new Date("2021-06-10T10:00:00.000Z");

let project: ProjectFixture;
let second: ProjectFixture;
const users: Record<string, string> = {};

function itemsOf(todos: ProjectTodos[], projectId: string) {
  const group = todos.find((g) => g.project.id === projectId);
  return Object.fromEntries((group?.items ?? []).map((item) => [item.kind, item.count]));
}

beforeAll(async () => {
  project = await createProject({ start: "2020-01-01", end: "2022-12-31", title: "A Mittendrin" });
  second = await createProject({ start: "2020-01-01", end: "2022-12-31", title: "B Arbeit im Quartier" });
  const closed = await createProject({ status: "closed", title: "C Abgeschlossen" });
  for (const role of ["lead", "coordinator", "manager", "accountant", "admin"] as const) users[role] = (await createUser(role)).id;
  await db.user.update({ where: { id: users.admin }, data: { isAdmin: true } });
  await addMember(project.id, users.lead, "lead");
  await addMember(project.id, users.coordinator, "coordinator");
  await addMember(project.id, users.manager, "manager");
  await addMember(project.id, users.accountant, "accountant");
  // the lead coordinates the second project, and a closed project shows nothing
  await addMember(second.id, users.lead, "coordinator");
  await addMember(closed.id, users.lead, "lead");
  await createParticipant(closed.id, { isComplete: false, missingFields: "gender", gender: null });

  // participants of the first project
  await createParticipant(project.id, { isComplete: false, missingFields: "gender", gender: null });
  await createParticipant(project.id, { isComplete: false, missingFields: "education_level", educationLevel: null });
  await createParticipant(project.id, { exitDate: day("2021-05-01"), exitStatus: null }); // exit without result
  await createParticipant(project.id, { exitDate: day("2020-12-20"), exitStatus: "employed", followUpDueDate: day("2021-06-20") }); // follow-up due
  await createParticipant(project.id, { exitDate: day("2020-11-01"), exitStatus: "employed", followUpDueDate: day("2021-05-01") }); // follow-up overdue
  await createParticipant(project.id, { exitDate: day("2021-01-01"), exitStatus: "employed", followUpDueDate: day("2021-07-01") }); // later
  await createParticipant(project.id, { exitDate: day("2020-11-01"), exitStatus: "employed", followUpDueDate: day("2021-05-01"), status6Months: "employed" }); // done
  // second project: one incomplete participant
  await createParticipant(second.id, { isComplete: false, missingFields: "gender", gender: null });

  // milestones: one overdue, two due soon, one later, one done though overdue
  await createMilestone(project.id, users.lead, { title: "überfällig", dueDate: "2021-06-09", status: "in_progress" }, NOW);
  await createMilestone(project.id, users.lead, { title: "heute", dueDate: "2021-06-10", status: "planned" }, NOW);
  await createMilestone(project.id, users.lead, { title: "bald", dueDate: "2021-06-24", status: "delayed" }, NOW);
  await createMilestone(project.id, users.lead, { title: "später", dueDate: "2021-06-25", status: "planned" }, NOW);
  await createMilestone(project.id, users.lead, { title: "erledigt", dueDate: "2021-06-01", status: "done", completedAt: "2021-06-01" }, NOW);

  // payment claims: draft overdue, draft due in 20 days, draft in 40 days, submitted overdue, draft without date
  const claim = (number: number, dueDate: Date | null, status: "draft" | "submitted" = "draft") =>
    db.paymentClaim.create({ data: { projectId: project.id, number, periodStart: day("2021-01-01"), periodEnd: day("2021-03-31"), dueDate, amountCents: 1000_00, status } });
  await claim(1, day("2021-06-01"));
  await claim(2, day("2021-06-30"));
  await claim(3, day("2021-07-20"));
  await claim(4, day("2021-05-01"), "submitted");
  await claim(5, null);

  // targets: 100 participants over the project, none yet → behind; a custom one not yet behind
  await createTarget(project.id, users.lead, { indicator: "EECO01", targetValue: 100 });
  await createTarget(project.id, users.lead, { indicator: "custom", customName: "Feste", year: 2022, targetValue: 3 });
});

describe("getTodosForUser", () => {
  it("gives the coordinator participant items with counts and links", async () => {
    const todos = await getTodosForUser({ id: users.coordinator }, NOW);
    expect(todos.map((g) => g.project.id)).toEqual([project.id]);
    expect(todos[0].role).toBe("coordinator");
    expect(todos[0].items).toEqual([
      { kind: "participants_incomplete", count: 2, href: `/projects/${project.id}/participants?completeness=incomplete`, severity: "warning" },
      { kind: "exits_without_result", count: 1, href: `/projects/${project.id}/participants?status=left`, severity: "warning" },
      { kind: "follow_ups_due", count: 2, href: `/projects/${project.id}/participants?status=follow_up_due`, severity: "info" },
    ]);
  });

  it("gives the lead milestones, targets behind and participant items; per project by their role there", async () => {
    const todos = await getTodosForUser({ id: users.lead }, NOW);
    expect(todos.map((g) => [g.project.title, g.role])).toEqual([
      ["A Mittendrin", "lead"],
      ["B Arbeit im Quartier", "coordinator"],
    ]);
    expect(itemsOf(todos, project.id)).toEqual({
      milestones_overdue: 1,
      milestones_due_soon: 2,
      targets_behind: 1,
      participants_incomplete: 2,
      exits_without_result: 1,
      follow_ups_due: 2,
    });
    expect(todos[0].items.find((i) => i.kind === "milestones_overdue")).toMatchObject({ severity: "danger", href: `/projects/${project.id}/milestones?status=overdue` });
    expect(itemsOf(todos, second.id)).toEqual({ participants_incomplete: 1 });
  });

  it("gives the manager the targets behind only", async () => {
    const todos = await getTodosForUser({ id: users.manager }, NOW);
    expect(todos).toHaveLength(1);
    expect(todos[0].items).toEqual([{ kind: "targets_behind", count: 1, href: `/projects/${project.id}/targets`, severity: "danger" }]);
  });

  it("gives the accountant draft claims overdue or due within 30 days", async () => {
    const todos = await getTodosForUser({ id: users.accountant }, NOW);
    expect(itemsOf(todos, project.id)).toEqual({ claims_overdue: 1, claims_due_soon: 1 });
  });

  it("gives nothing where the user holds no role (an admin without membership)", async () => {
    expect(await getTodosForUser({ id: users.admin }, NOW)).toEqual([]);
  });

  it("leaves out projects with nothing to do", async () => {
    const calm = await createProject();
    const user = await createUser("Ruhig");
    await addMember(calm.id, user.id, "lead");
    expect(await getTodosForUser({ id: user.id }, NOW)).toEqual([]);
  });
});
