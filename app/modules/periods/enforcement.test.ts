// The reporting-period lock in every service that writes dated records: participants (entry, exit,
// follow-up), the participant import, activities (date and attendance, Berlin calendar day),
// organisation supports and receipts (form and import). Old and new dates are both checked; a
// reopened period lets the change through; a refusal writes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { translate } from "~/utils/i18n";
import { ValidationError } from "~/utils/validation";
import { createActivityType, createProject, createUser, type ProjectFixture } from "~/modules/activities/test-helpers";
import { createSeries, deleteActivity, logActivity, updateActivity } from "~/modules/activities/service.server";
import { addSupport, createOrganisation, deleteOrganisation, removeSupport } from "~/modules/organisations/service.server";
import { createExpense, deleteExpense, updateExpense } from "~/modules/finance/service.server";
import { checkExpenseRows } from "~/modules/finance/import.server";
import { createParticipant, recordExit, recordFollowUp, undoExit, updateParticipant } from "~/modules/participants/service.server";
import { participantEntrySchema, participantExitSchema, participantFollowUpSchema } from "~/modules/participants/schema";
import { importParticipantFile } from "~/modules/participants/import.server";
import { issueReason } from "~/modules/participants/import-preview.server";
import { bytes, completeRow, contractCsv } from "~/modules/participants/io-test-helpers";
import { PeriodLockedError } from "./lock.server";

// The closed period of every test: the second half of 2020.
const LOCKED_MESSAGE_DE = "Der Berichtszeitraum 01.07.2020–31.12.2020 ist abgeschlossen.";

let project: ProjectFixture;
let actor: { id: string };
let periodId: string;
let typeId: string;
const ids: Record<string, string> = {};

async function refused(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(PeriodLockedError);
  expect(translate("de", (error as ValidationError).formErrors[0])).toContain(LOCKED_MESSAGE_DE);
}

let seq = 0;
function entry(overrides: Record<string, string> = {}) {
  seq++;
  return participantEntrySchema.parse({ participantNo: `L-${seq}`, firstName: `Lina${seq}`, lastName: "Lock", postcode: "03149", entryDate: "2020-08-01", ...overrides });
}

const receipt = (values: Record<string, unknown> = {}) => ({
  date: "15.08.2020",
  category: "staff",
  payee: "Erika Muster",
  purpose: "Gehalt",
  receiptNo: `R-${++seq}`,
  amountCents: "100,00",
  ...values,
});

const activity = (overrides: Record<string, unknown> = {}) => ({ typeId, date: "03.08.2020", time: "09:30", duration: "1", ...overrides });

const setReopened = (reopened: boolean) =>
  db.reportingPeriod.update({ where: { id: periodId }, data: reopened ? { reopenedAt: new Date(Date.now() + 1000) } : { reopenedAt: null } });

beforeAll(async () => {
  project = await createProject();
  actor = await createUser("Kim Koordination");
  typeId = (await createActivityType(project.id, project.hf1)).id;
  // Records dated in the period, written while it is still open.
  ids.participant = (await createParticipant(project.id, entry({ participantNo: "L-IN", firstName: "Inga", lastName: "Drin", entryDate: "2020-08-01" }), { userId: actor.id }, { includeSensitive: false })).id;
  ids.leaver = (await createParticipant(project.id, entry({ entryDate: "2020-02-01" }), { userId: actor.id }, { includeSensitive: false })).id;
  ids.followUp = (await createParticipant(project.id, entry({ entryDate: "2020-01-10" }), { userId: actor.id }, { includeSensitive: false })).id;
  await recordExit(project.id, ids.followUp, participantExitSchema.parse({ exitDate: "2020-01-31", exitStatus: "employed" }), 1, { userId: actor.id });
  const attendee = await db.participant.findUniqueOrThrow({ where: { id: ids.leaver } });
  ids.activity = (await logActivity(project.id, activity(), [{ participantId: attendee.id, present: true }], actor)).id;
  ids.organisation = (await createOrganisation(project.id, { name: "Bäckerei Lock", kind: "business", sizeClass: "micro" }, actor)).id;
  ids.support = (await addSupport(project.id, ids.organisation, { date: "01.09.2020", type: "advice" }, actor)).id;
  ids.expense = (await createExpense(project.id, actor.id, receipt({ receiptNo: "R-IN" }))).id;
  ids.openExpense = (await createExpense(project.id, actor.id, receipt({ receiptNo: "R-OPEN", date: "15.01.2021" }))).id;
  periodId = (await db.reportingPeriod.create({ data: { projectId: project.id, start: new Date("2020-07-01T00:00:00Z"), end: new Date("2020-12-31T00:00:00Z"), lockedAt: new Date(), lockedById: actor.id } })).id;
});

describe("activities", () => {
  it("refuses logging, moving, attendance changes and deleting in the closed period, writing nothing", async () => {
    const before = { activities: await db.activity.count(), audits: await db.auditEvent.count() };
    await refused(logActivity(project.id, activity({ date: "01.07.2020" }), [], actor));
    await refused(createSeries(project.id, { ...activity({ date: "16.12.2020" }), repeat: "weekly", weeks: 4 }, [], actor));
    await refused(updateActivity(project.id, ids.activity, activity({ title: "Neuer Titel" }), [{ participantId: ids.leaver, present: true }], 1, actor));
    // attendance only: the participant is marked absent
    await refused(updateActivity(project.id, ids.activity, activity(), [{ participantId: ids.leaver, present: false }], 1, actor));
    const open = await logActivity(project.id, activity({ date: "04.01.2021" }), [], actor);
    await refused(updateActivity(project.id, open.id, activity({ date: "30.12.2020" }), [], 1, actor));
    await refused(deleteActivity(project.id, ids.activity, 1, actor));
    expect(await db.activity.count()).toBe(before.activities + 1);
    expect(await db.attendance.count({ where: { activityId: ids.activity, present: true } })).toBe(1);
  });

  it("uses the Berlin calendar day: 00:30 on 1 January 2021 is outside the period", async () => {
    // 2021-01-01 00:30 in Berlin is 2020-12-31 23:30 UTC
    const { id } = await logActivity(project.id, activity({ date: "01.01.2021", time: "00:30" }), [], actor);
    await deleteActivity(project.id, id, 1, actor);
    await refused(logActivity(project.id, activity({ date: "31.12.2020", time: "23:30" }), [], actor));
  });

  it("lets the change through once the period is reopened", async () => {
    await setReopened(true);
    try {
      const saved = await updateActivity(project.id, ids.activity, activity({ title: "Nach Wiederöffnung" }), [{ participantId: ids.leaver, present: true }], 1, actor);
      expect(saved.version).toBe(2);
    } finally {
      await setReopened(false);
    }
  });
});

describe("organisation supports", () => {
  it("refuses adding, removing and deleting with supports in the closed period", async () => {
    await refused(addSupport(project.id, ids.organisation, { date: "02.10.2020", type: "advice" }, actor));
    await refused(removeSupport(project.id, ids.support, actor, ids.organisation));
    await refused(deleteOrganisation(project.id, ids.organisation, null, actor));
    expect(await db.organisationSupport.count({ where: { organisationId: ids.organisation } })).toBe(1);
    await addSupport(project.id, ids.organisation, { date: "02.02.2021", type: "advice" }, actor);
  });
});

describe("receipts", () => {
  it("refuses creating, changing (old or new date) and deleting receipts dated in the closed period", async () => {
    await refused(createExpense(project.id, actor.id, receipt({ date: "31.12.2020" })));
    await refused(updateExpense(project.id, actor.id, ids.expense, 1, receipt({ receiptNo: "R-IN", date: "15.01.2021" })));
    await refused(updateExpense(project.id, actor.id, ids.openExpense, 1, receipt({ receiptNo: "R-OPEN", date: "01.07.2020" })));
    await refused(deleteExpense(project.id, actor.id, ids.expense));
    const stored = await db.expense.findUniqueOrThrow({ where: { id: ids.expense } });
    expect(stored.date.toISOString().slice(0, 10)).toBe("2020-08-15");
    await updateExpense(project.id, actor.id, ids.openExpense, 1, receipt({ receiptNo: "R-OPEN", date: "16.01.2021" }));
  });

  it("marks imported receipts dated in the closed period as row errors", async () => {
    const row = { category: "Personalausgaben", payee: "A", purpose: "B", amountCents: "10,00", paidAt: "", partner: "" };
    const rows = await checkExpenseRows(project.id, [
      { ...row, date: "01.08.2020", receiptNo: "IMP-1" },
      { ...row, date: "01.08.2021", receiptNo: "IMP-2" },
    ]);
    expect(rows[0].errors.map((e) => e.field)).toContain("date");
    expect(translate("de", rows[0].errors.find((e) => e.field === "date")!.message)).toContain(LOCKED_MESSAGE_DE);
    expect(rows[1].errors.filter((e) => e.field === "date")).toEqual([]);
  });
});

describe("participants", () => {
  const actorRef = () => ({ userId: actor.id });

  it("refuses registering and editing an entry dated in the closed period (old or new entry date)", async () => {
    await refused(createParticipant(project.id, entry({ entryDate: "2020-07-01" }), actorRef(), { includeSensitive: false }));
    await refused(updateParticipant(project.id, ids.participant, entry({ participantNo: "L-IN", firstName: "Inga", lastName: "Drin", entryDate: "2021-01-04" }), 1, actorRef(), { includeSensitive: false }));
    const open = await createParticipant(project.id, entry({ entryDate: "2021-02-01" }), actorRef(), { includeSensitive: false });
    const stored = await db.participant.findUniqueOrThrow({ where: { id: open.id }, include: { identity: true } });
    await refused(updateParticipant(project.id, open.id, entry({ participantNo: stored.participantNo, firstName: stored.identity!.firstName, entryDate: "2020-12-01" }), 1, actorRef(), { includeSensitive: false }));
  });

  it("refuses an exit dated in the closed period and taking such an exit back", async () => {
    await refused(recordExit(project.id, ids.leaver, participantExitSchema.parse({ exitDate: "2020-09-30", exitStatus: "employed" }), 1, actorRef()));
    await recordExit(project.id, ids.leaver, participantExitSchema.parse({ exitDate: "2021-01-15", exitStatus: "employed" }), 1, actorRef());
    await refused(recordExit(project.id, ids.leaver, participantExitSchema.parse({ exitDate: "2020-12-31", exitStatus: "employed" }), 2, actorRef()));
    await undoExit(project.id, ids.leaver, 2, actorRef());
  });

  it("refuses the six-month follow-up when its due day lies in the closed period", async () => {
    const stored = await db.participant.findUniqueOrThrow({ where: { id: ids.followUp } });
    expect(stored.followUpDueDate!.toISOString().slice(0, 7)).toBe("2020-07");
    await refused(recordFollowUp(project.id, ids.followUp, participantFollowUpSchema.parse({ status6Months: "employed", situationImproved6Months: "yes" }), stored.version, actorRef(), { now: new Date("2021-03-01T12:00:00Z") }));
  });

  it("rejects import rows whose entry or exit date lies in the closed period; unchanged rows pass", async () => {
    const current = await db.participant.findUniqueOrThrow({ where: { id: ids.participant }, include: { identity: true } });
    const same = completeRow("L-IN", { first_name: "Inga", last_name: "Drin", entry_date: "2020-08-01", birth_date: "", gender: "", employment_status: "", education_level: "", long_term_unemployed: "", disability: "", third_country_national: "", foreign_background: "", minority: "", homeless: "", rural_area: "" });
    expect(current.identity?.firstName).toBe("Inga");
    const file = contractCsv([
      completeRow("IMP-1", { entry_date: "2020-09-01" }),
      completeRow("IMP-2", { entry_date: "2020-03-01", exit_date: "2020-11-30", exit_status: "employed" }),
      completeRow("IMP-3", { entry_date: "2021-03-01" }),
      same,
    ]);
    const result = await importParticipantFile(project.id, bytes(file), "rows.csv", actor.id);
    expect(result.rejected.map((issue) => [issue.line, issue.code, issue.field, issue.value])).toEqual([
      [2, "period_locked", "entry_date", "2020-09-01"],
      [3, "period_locked", "exit_date", "2020-11-30"],
    ]);
    expect(result.rejected[0].message).toBe("line 2: entry_date 2020-09-01 lies in the closed reporting period 2020-07-01 to 2020-12-31");
    expect(issueReason(result.rejected[0], "de")).toBe("Eintrittsdatum 01.09.2020 liegt im abgeschlossenen Berichtszeitraum 01.07.2020–31.12.2020.");
    expect(result.counts).toMatchObject({ imported: 1, updated: 0, unchanged: 1, rejected: 2 });
    expect(await db.participant.count({ where: { projectId: project.id, participantNo: { in: ["IMP-1", "IMP-2"] } } })).toBe(0);
    // a change to a record whose entry lies in the closed period is refused too
    const changed = await importParticipantFile(project.id, bytes(contractCsv([{ ...same, gender: "female" }])), "rows.csv", actor.id);
    expect(changed.rejected.map((issue) => [issue.line, issue.code, issue.field, issue.value])).toEqual([[2, "period_locked", "entry_date", "2020-08-01"]]);
    expect((await db.participant.findUniqueOrThrow({ where: { id: ids.participant } })).gender).toBe(current.gender);
  });
});
