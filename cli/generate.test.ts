// `biwaq demo generate` through main(argv) against this worker's database (SQLite or PostgreSQL):
// sizes, derived values, referential sanity across projects, logins, audit, and the clash check.
import { afterEach, describe, expect, it, vi } from "vitest";
import { BENCH_PASSWORD } from "~/modules/demo/large.server";
import { deriveParticipantValues } from "~/modules/participants/derive";
import { verifyPassword } from "~/modules/users/password.server";
import { db } from "~/utils/db.server";
import { main } from "./main";

const TIMEOUT = 120_000;

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    stdout += `${args.join(" ")}\n`;
  });
  const error = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    stderr += `${args.join(" ")}\n`;
  });
  try {
    return { code: await main(argv), stdout, stderr };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe("biwaq demo generate", () => {
  it("creates the derived sizes for 300 participants with bench logins", { timeout: TIMEOUT }, async () => {
    const { code, stdout, stderr } = await run("demo", "generate", "--participants", "300", "--seed", "7");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/generated 1 projects \(seed 7\): 300 participants, 30 organisations/);
    expect(stdout).toContain(`coordinator@bench.biwaq.de`);
    expect(stdout).toContain(`password: ${BENCH_PASSWORD}`);

    const project = await db.project.findUniqueOrThrow({ where: { code: "FORST-G7-01" }, select: { id: true, startDate: true, endDate: true } });
    expect(await db.participant.count({ where: { projectId: project.id } })).toBe(300);
    expect(await db.participantIdentity.count({ where: { projectId: project.id } })).toBe(300);
    expect(await db.organisation.count({ where: { projectId: project.id } })).toBe(30);
    expect(await db.activity.count({ where: { projectId: project.id } })).toBe(1200);
    const attendance = await db.attendance.count({ where: { activity: { projectId: project.id } } });
    expect(attendance).toBeGreaterThan(12_000 * 0.9);
    expect(attendance).toBeLessThan(12_000 * 1.1);
    expect(await db.milestone.count({ where: { projectId: project.id } })).toBeGreaterThan(0);
    expect(await db.budgetLine.count({ where: { projectId: project.id } })).toBeGreaterThan(0);
    expect(await db.expense.count({ where: { projectId: project.id } })).toBeGreaterThan(0);
    expect(await db.financingSource.count({ where: { projectId: project.id } })).toBeGreaterThan(0);
    const targets = await db.target.findMany({ where: { projectId: project.id }, select: { indicator: true, targetValue: true } });
    expect(targets.find((t) => t.indicator === "EECO01")!.targetValue).toBeGreaterThan(300);

    // Derived values as the app derives them; dates read back as dates.
    const sample = await db.participant.findMany({ where: { projectId: project.id }, take: 50, include: { identity: true } });
    for (const p of sample) {
      expect(p.entryDate).toBeInstanceOf(Date);
      expect(p.entryDate!.getTime()).toBeGreaterThanOrEqual(project.startDate!.getTime());
      const derived = deriveParticipantValues({ birthDate: p.identity!.birthDate, gender: p.gender, employmentStatus: p.employmentStatus, educationLevel: p.educationLevel, entryDate: p.entryDate, exitDate: p.exitDate });
      expect({ ageAtEntry: p.ageAtEntry, missingFields: p.missingFields, isComplete: p.isComplete, followUpDueDate: p.followUpDueDate }).toEqual({
        ageAtEntry: derived.ageAtEntry,
        missingFields: derived.missingFields,
        isComplete: derived.isComplete,
        followUpDueDate: derived.followUpDueDate,
      });
    }

    // Attendance only of the activity's own project, never twice per activity; supports likewise.
    const attendances = await db.attendance.findMany({ select: { activityId: true, participantId: true, present: true, minutes: true, activity: { select: { projectId: true, durationMinutes: true } }, participant: { select: { projectId: true } } } });
    expect(attendances.every((a) => a.activity.projectId === a.participant.projectId)).toBe(true);
    expect(new Set(attendances.map((a) => `${a.activityId}|${a.participantId}`)).size).toBe(attendances.length);
    expect(attendances.every((a) => a.minutes === (a.present ? a.activity.durationMinutes : 0))).toBe(true);
    const supports = await db.organisationSupport.findMany({ select: { projectId: true, date: true, organisationId: true, organisation: { select: { projectId: true, firstSupportDate: true } }, activity: { select: { projectId: true } } } });
    expect(supports.length).toBeGreaterThanOrEqual(30);
    expect(supports.every((s) => s.organisation.projectId === s.projectId && s.activity?.projectId === s.projectId)).toBe(true);
    const firstDates = new Map<string, number>();
    for (const s of supports) firstDates.set(s.organisationId, Math.min(firstDates.get(s.organisationId) ?? Infinity, s.date.getTime()));
    expect(supports.every((s) => s.organisation.firstSupportDate!.getTime() === firstDates.get(s.organisationId))).toBe(true);

    // Every role is a member; one audit entry for the project.
    const members = await db.projectMembership.findMany({ where: { projectId: project.id }, select: { role: true, user: { select: { email: true, passwordHash: true } } } });
    expect(members.map((m) => `${m.role}:${m.user.email}`).sort()).toEqual(["accountant", "coordinator", "lead", "manager"].map((r) => `${r}:${r}@bench.biwaq.de`));
    expect(await verifyPassword(BENCH_PASSWORD, members[0].user.passwordHash)).toBe(true);
    expect(await db.auditEvent.count({ where: { projectId: project.id, entity: "Project", note: "demo generate (seed 7)" } })).toBe(1);
  });

  it("splits over --projects and reuses the logins", { timeout: TIMEOUT }, async () => {
    const { code, stdout } = await run("demo", "generate", "--participants", "101", "--projects", "2", "--attendance", "500", "--seed", "8");
    expect(code).toBe(0);
    expect(stdout).toContain("(existing account, password unchanged)");
    const projects = await db.project.findMany({ where: { code: { in: ["FORST-G8-01", "LEIPZIG-G8-02"] } }, select: { id: true, _count: { select: { participants: true } } } });
    expect(projects.map((p) => p._count.participants).sort()).toEqual([50, 51]);
    const attendance = await db.attendance.count({ where: { activity: { projectId: { in: projects.map((p) => p.id) } } } });
    expect(attendance).toBeGreaterThan(400);
    expect(attendance).toBeLessThan(600);
    expect(await db.user.count({ where: { email: { endsWith: "@bench.biwaq.de" } } })).toBe(4);
  });

  it("refuses a seed that was generated before and bad sizes, writing nothing", { timeout: TIMEOUT }, async () => {
    const before = await db.participant.count();
    const again = await run("demo", "generate", "--participants", "300", "--seed", "7");
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/FORST-G7-01 exists already/);
    const missing = await run("demo", "generate");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--participants is required/);
    const bad = await run("demo", "generate", "--participants", "zehn");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--participants must be a whole number/);
    expect(await db.participant.count()).toBe(before);
  });
});
