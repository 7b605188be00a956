import { beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../../cli/main";
import { buildEsfReport } from "~/modules/reports/esf.server";
import { db } from "~/utils/db.server";
import { anonymiseIdentities, exportPersonData, findIdentitiesDueForAnonymisation, retentionEnd } from "./gdpr.server";
import { importParticipantFile } from "./import.server";
import { bytes, completeRow, contractCsv, createTestProject, createTestUser } from "./io-test-helpers";

const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** A varied file: ages around the ESF boundaries, exits, follow-ups, incomplete rows, no_answer values. */
function varied(prefix: string) {
  return contractCsv([
    completeRow(`${prefix}1`, { birth_date: "2002-03-01", entry_date: "2020-03-01", gender: "male" }),
    completeRow(`${prefix}2`, { birth_date: "1965-02-01", entry_date: "2020-02-01", employment_status: "inactive", disability: "yes" }),
    completeRow(`${prefix}3`, { birth_date: "1990-06-15", gender: "diverse", exit_date: "2020-09-30", exit_status: "employed", status_6_months: "employed", situation_improved_6_months: "yes" }),
    completeRow(`${prefix}4`, { education_level: "", minority: "yes" }),
    completeRow(`${prefix}5`, { employment_status: "unemployed", long_term_unemployed: "yes", third_country_national: "no_answer", exit_date: "2020-12-31", exit_status: "job_searching" }),
    completeRow(`${prefix}6`, { employment_status: "employed", education_level: "isced_5_8", rural_area: "yes", foreign_background: "yes" }),
  ]);
}

let due: Awaited<ReturnType<typeof createTestProject>>;
let recent: Awaited<ReturnType<typeof createTestProject>>;
let open: Awaited<ReturnType<typeof createTestProject>>;
let actorId: string;
const NOW = d("2026-06-01");

beforeEach(async () => {
  // why: anonymisation works across all projects; each test starts from these three only.
  await db.project.deleteMany({});
  due = await createTestProject({ finalStatementDate: d("2020-03-31"), retentionYears: 5 });
  recent = await createTestProject({ finalStatementDate: d("2023-03-31"), retentionYears: 5 });
  open = await createTestProject({ finalStatementDate: null });
  actorId = (await createTestUser({ role: "lead", projectId: due.id, name: "Lea Leitung" })).id;
  for (const project of [due, recent, open]) {
    const result = await importParticipantFile(project.id, bytes(varied("P")), "liste.csv", actorId);
    expect(result.counts.imported).toBe(6);
  }
});

const snapshot = async (projectId: string) => ({
  participants: await db.participant.findMany({ where: { projectId }, orderBy: { participantNo: "asc" } }),
  identities: await db.participantIdentity.findMany({ where: { projectId }, orderBy: { participantId: "asc" } }),
});

describe("anonymisation", () => {
  it("computes the retention end from the final statement date", () => {
    expect(retentionEnd(d("2020-03-31"), 5)).toEqual(d("2025-03-31"));
    expect(retentionEnd(d("2020-02-29"), 5)).toEqual(d("2025-02-28"));
  });

  it("finds only projects whose retention period is over, never those without a final statement", async () => {
    const found = await findIdentitiesDueForAnonymisation(NOW);
    expect(found.map((p) => [p.code, p.pending])).toEqual([[due.code, 6]]);
    expect(await findIdentitiesDueForAnonymisation(d("2025-03-31"))).toEqual([]);
  });

  it("a dry run counts and changes nothing", async () => {
    const before = await snapshot(due.id);
    const auditBefore = await db.auditEvent.count();

    const result = await anonymiseIdentities({ dryRun: true, now: NOW }, actorId);

    expect(result).toMatchObject({ dryRun: true, total: 6, projects: [{ code: due.code, count: 6 }] });
    expect(await snapshot(due.id)).toEqual(before);
    expect(await db.auditEvent.count()).toBe(auditBefore);
  });

  it("anonymises identities of due projects only and keeps every ESF figure identical", async () => {
    const reportBefore = await buildEsfReport(due.id);
    const before = await snapshot(due.id);
    const recentBefore = await snapshot(recent.id);
    const openBefore = await snapshot(open.id);
    expect(reportBefore.report.indicators.EECO01.total).toBe(5);

    const result = await anonymiseIdentities({ dryRun: false, now: NOW }, actorId);

    expect(result).toMatchObject({ dryRun: false, total: 6, projects: [{ code: due.code, count: 6 }] });
    const after = await snapshot(due.id);
    expect(after.participants).toEqual(before.participants);
    for (const identity of after.identities) {
      expect(identity).toMatchObject({
        firstName: "anonymisiert",
        lastName: "anonymisiert",
        birthDate: null,
        postcode: "",
        street: null,
        city: null,
        email: null,
        phone: null,
        anonymisedAt: NOW,
      });
    }
    const reportAfter = await buildEsfReport(due.id);
    expect(reportAfter.report).toEqual(reportBefore.report);
    expect(reportAfter.leavers).toEqual(reportBefore.leavers);
    expect(await snapshot(recent.id)).toEqual(recentBefore);
    expect(await snapshot(open.id)).toEqual(openBefore);

    const audit = await db.auditEvent.findMany({ where: { projectId: due.id, action: "anonymise" } });
    expect(audit).toHaveLength(7);
    expect(JSON.stringify(audit)).not.toMatch(/Vorname|Nachname|03149/);

    // Nothing is due any more; a re-import of the old file cannot bring the names back.
    expect(await findIdentitiesDueForAnonymisation(NOW)).toEqual([]);
    const reimport = await importParticipantFile(due.id, bytes(varied("P")), "liste.csv", actorId);
    expect(reimport.counts).toMatchObject({ imported: 0, updated: 0, rejected: 6 });
    expect(reimport.rejected[0].code).toBe("anonymised");
  });

  it("`biwaq gdpr anonymise` prints per project how many (dry run and real run)", async () => {
    let out = "";
    const log = vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void (out += `${parts.join(" ")}\n`));
    try {
      expect(await main(["gdpr", "anonymise", "--dry-run"])).toBe(0);
      expect(out).toContain(`${due.code}: would anonymise 6 identities`);
      expect(out).not.toContain(recent.code);
      expect(await db.participantIdentity.count({ where: { projectId: due.id, anonymisedAt: null } })).toBe(6);
      out = "";
      expect(await main(["gdpr", "anonymise"])).toBe(0);
      expect(out).toContain(`${due.code}: anonymised 6 identities`);
      expect(await db.participantIdentity.count({ where: { projectId: due.id, anonymisedAt: null } })).toBe(0);
      out = "";
      expect(await main(["gdpr", "anonymise"])).toBe(0);
      expect(out).toContain("no identities are due");
    } finally {
      log.mockRestore();
    }
  });
});

describe("Art. 15 copy of a person's data", () => {
  it("contains the person's identity, ESF record, exit, attendances and history — no staff names", async () => {
    const participant = await db.participant.findFirstOrThrow({ where: { projectId: recent.id, participantNo: "P3" } });
    const field = await db.actionField.create({ data: { code: `HF-${participant.id.slice(-6)}`, name: "Beschäftigung" } });
    const type = await db.activityType.create({ data: { projectId: recent.id, actionFieldId: field.id, name: "Bewerbungstraining" } });
    const activity = await db.activity.create({
      data: { projectId: recent.id, typeId: type.id, actionFieldId: field.id, title: "Bewerbungstraining März", startsAt: d("2020-03-10"), durationMinutes: 90 },
    });
    await db.attendance.create({ data: { activityId: activity.id, participantId: participant.id, present: true, minutes: 90 } });

    const data = await exportPersonData(recent.id, participant.id, actorId);

    expect(data.identity).toMatchObject({ firstName: "VornameP3", lastName: "NachnameP3", birthDate: "1990-06-15", postcode: "03149" });
    expect(data.esfRecord).toMatchObject({ participantNo: "P3", gender: "diverse", ageAtEntry: 29, entryDate: "2020-02-01", minority: "no_answer", complete: true });
    expect(data.exit).toMatchObject({ exitDate: "2020-09-30", exitStatus: "employed", status6Months: "employed", situationImproved6Months: "yes" });
    expect(data.attendances).toEqual([
      { date: "2020-03-10T00:00:00.000Z", activity: "Bewerbungstraining März", activityType: "Bewerbungstraining", durationMinutes: 90, present: true, minutes: 90 },
    ]);
    expect(data.history).toEqual([expect.objectContaining({ action: "create", fields: expect.arrayContaining(["firstName"]) })]);
    const text = JSON.stringify(data);
    expect(text).not.toContain("Lea Leitung");
    expect(text).not.toContain("VornameP1");

    const audit = await db.auditEvent.findMany({ where: { projectId: recent.id, entityId: participant.id, note: "gdpr_art15" } });
    expect(audit.map((a) => a.action).sort()).toEqual(["export", "read_sensitive"]);
  });

  it("answers 404 for a participant of another project", async () => {
    const participant = await db.participant.findFirstOrThrow({ where: { projectId: recent.id } });
    const failure = await exportPersonData(due.id, participant.id, actorId).then(
      () => null,
      (error: unknown) => error,
    );
    expect((failure as { init?: { status?: number } })?.init?.status).toBe(404);
  });
});
