// `biwaq user create`, `biwaq project create` and `biwaq demo seed` through main(argv), against this
// test file's own database (SQLite or PostgreSQL, following DATABASE_URL).
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEMO_PASSWORD } from "~/modules/demo/data";
import { deriveParticipantValues } from "~/modules/participants/derive";
import { verifyPassword } from "~/modules/users/password.server";
import { db } from "~/utils/db.server";
import { main } from "./main";

const SEED_TIMEOUT = 90_000;

/** Runs `biwaq …` in-process; returns the exit code and what went to stdout and stderr. */
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
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

afterEach(async () => {
  // why: main() disconnects the process-wide client when it finishes, like the real command, and the
  // checks after it reconnect; close that pool too (PostgreSQL has a connection limit), then start afresh.
  const holder = globalThis as { __biwaqDb?: { db: { $disconnect(): Promise<void> } } };
  await holder.__biwaqDb?.db.$disconnect();
  delete holder.__biwaqDb;
});

/** Row counts of every table the commands write (one query at a time: one connection). */
async function tableCounts() {
  const counters = {
    users: () => db.user.count(), memberships: () => db.projectMembership.count(), projects: () => db.project.count(),
    areas: () => db.programmeArea.count(), actionFields: () => db.actionField.count(), participants: () => db.participant.count(),
    identities: () => db.participantIdentity.count(), activities: () => db.activity.count(), attendances: () => db.attendance.count(),
    organisations: () => db.organisation.count(), supports: () => db.organisationSupport.count(), milestones: () => db.milestone.count(),
    targets: () => db.target.count(), financing: () => db.financingSource.count(), budgetLines: () => db.budgetLine.count(),
    claims: () => db.paymentClaim.count(), expenses: () => db.expense.count(), partners: () => db.partner.count(),
    activityTypes: () => db.activityType.count(), audit: () => db.auditEvent.count(),
  };
  const counts: Record<string, number> = {};
  for (const [name, count] of Object.entries(counters)) counts[name] = await count();
  return counts;
}

// The demo seed runs first: --if-empty loads into the still empty database.
describe("biwaq demo seed", () => {
  it("loads the demo data into an empty database with --if-empty and prints the logins", { timeout: SEED_TIMEOUT }, async () => {
    expect(await db.user.count()).toBe(0);
    const { code, stdout, stderr } = await run("demo", "seed", "--if-empty");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/created project FORST-2019: 120 participants/);
    expect(stdout).toMatch(/created project WEISSWASSER: 40 participants/);
    for (const role of ["admin", "lead", "coordinator", "manager", "accountant"]) expect(stdout).toContain(`${role}@demo.biwaq.de`);
    expect(stdout).toContain(`password: ${DEMO_PASSWORD}`);
  });

  it("is idempotent: a second run writes nothing and says so", { timeout: SEED_TIMEOUT }, async () => {
    const before = await tableCounts();
    const { code, stdout } = await run("demo", "seed");
    expect(code).toBe(0);
    expect(stdout).toContain("demo data already present: nothing changed");
    expect(await tableCounts()).toEqual(before);
  });

  it("does nothing with --if-empty once users exist", async () => {
    const before = await tableCounts();
    const { code, stdout } = await run("demo", "seed", "--if-empty");
    expect(code).toBe(0);
    expect(stdout).toMatch(/skipped/);
    expect(await tableCounts()).toEqual(before);
  });

  it("creates the five logins with their roles", async () => {
    const users = await db.user.findMany({
      where: { email: { endsWith: "@demo.biwaq.de" } },
      select: { email: true, isAdmin: true, active: true, mustChangePassword: true, passwordHash: true, memberships: { select: { role: true, project: { select: { code: true } } } } },
    });
    const byEmail = new Map(users.map((u) => [u.email, u]));
    const roles = (email: string) => byEmail.get(email)!.memberships.map((m) => `${m.project.code}:${m.role}`).sort();
    expect([...byEmail.keys()].sort()).toEqual(["accountant", "admin", "coordinator", "lead", "manager"].map((r) => `${r}@demo.biwaq.de`));
    expect(byEmail.get("admin@demo.biwaq.de")!.isAdmin).toBe(true);
    expect(roles("admin@demo.biwaq.de")).toEqual([]);
    expect(roles("lead@demo.biwaq.de")).toEqual(["FORST-2019:lead", "LEIPZIG-AIQ-2019:lead"]);
    expect(roles("coordinator@demo.biwaq.de")).toEqual(["FORST-2019:coordinator", "LEIPZIG-AIQ-2019:coordinator"]);
    const all = ["FORST-2019", "LEIPZIG-AIQ-2019", "LEIPZIG-MWQ-2015", "WEISSWASSER"];
    expect(roles("manager@demo.biwaq.de")).toEqual(all.map((c) => `${c}:manager`));
    expect(roles("accountant@demo.biwaq.de")).toEqual(all.map((c) => `${c}:accountant`));
    for (const user of users) {
      expect(user.isAdmin).toBe(user.email === "admin@demo.biwaq.de");
      expect(user.active && !user.mustChangePassword).toBe(true);
    }
    expect(await verifyPassword(DEMO_PASSWORD, byEmail.get("lead@demo.biwaq.de")!.passwordHash)).toBe(true);
  });

  it("loads the four seed projects with their areas, action fields and one 'demo seed' audit entry each", async () => {
    const projects = await db.project.findMany({
      orderBy: { code: "asc" },
      select: {
        id: true, code: true, title: true, status: true, startDate: true, endDate: true, maxFundingRateBp: true, eligibleCostCents: true,
        areas: { select: { area: { select: { name: true } } } },
        actionFields: { select: { actionField: { select: { code: true } } } },
        financingSources: { select: { kind: true, amountCents: true } },
        paymentClaims: { select: { number: true } },
        _count: { select: { expenses: true, milestones: true, targets: true, organisations: true, activities: true, budgetLines: true } },
      },
    });
    expect(projects.map((p) => [p.code, p.title, p.status])).toEqual([
      ["FORST-2019", "Mittendrin statt Außen vor", "active"],
      ["LEIPZIG-AIQ-2019", "Arbeit im Quartier", "active"],
      ["LEIPZIG-MWQ-2015", "MehrWertQuartier / Arbeitsladen Plus", "closed"],
      ["WEISSWASSER", "Perspektiven Weißwasser", "closed"],
    ]);
    const forst = projects[0];
    expect(forst.startDate.toISOString().slice(0, 10)).toBe("2019-01-01");
    expect(forst.endDate.toISOString().slice(0, 10)).toBe("2022-12-31");
    expect(forst.areas.map((a) => a.area.name)).toEqual(["Forster Innenstadt"]);
    expect(projects[1].areas.map((a) => a.area.name).sort()).toEqual(["Leipzig-Grünau", "Leipziger Osten", "Paunsdorf"]);
    expect(projects[3].actionFields.map((f) => f.actionField.code).sort()).toEqual(["HF1", "HF2", "HF3"]);

    const area = await db.programmeArea.findFirstOrThrow({ where: { name: "Forster Innenstadt" } });
    expect(area).toMatchObject({ municipality: "Forst (Lausitz)", federalState: "Brandenburg", regionCategory: "transition", sizeHectares: 303, inhabitants: 6638, sgb2Rate: 18.3, unemploymentRate: 10.6, migrantShare: 9.63 });
    const osten = await db.programmeArea.findFirstOrThrow({ where: { name: "Leipziger Osten" } });
    expect(osten).toMatchObject({ federalState: "Sachsen", inhabitants: null, sgb2Rate: null });

    for (const p of projects) {
      expect(p._count.expenses).toBeGreaterThanOrEqual(40);
      expect(p._count.expenses).toBeLessThanOrEqual(80);
      expect(p._count.organisations).toBeGreaterThanOrEqual(30);
      expect(p._count.organisations).toBeLessThanOrEqual(40);
      expect(p._count.targets).toBe(5);
      // running projects also have the third year's claim in draft (the accountant's open task)
      expect(p.paymentClaims.map((c) => c.number).sort()).toEqual(p.status === "active" ? [1, 2, 3] : [1, 2]);
      // ESF Plus + federal ≤ 90 %, own share (with municipal co-financing) ≥ 10 %, adding up to the eligible cost.
      const sum = (kinds: string[]) => p.financingSources.filter((s) => kinds.includes(s.kind)).reduce((a, s) => a + s.amountCents, 0);
      expect(sum(["esf_plus", "federal", "own_share", "municipal", "other"])).toBe(p.eligibleCostCents);
      expect(sum(["esf_plus", "federal"])).toBeLessThanOrEqual(p.eligibleCostCents! * 0.9);
      expect(sum(["own_share", "municipal"])).toBeGreaterThanOrEqual(p.eligibleCostCents! * 0.1);
      const audits = await db.auditEvent.findMany({ where: { projectId: p.id, note: "demo seed" }, select: { entity: true, entityId: true } });
      expect(audits).toEqual([{ entity: "Project", entityId: p.id }]);
    }
    expect(projects[0]._count.activities).toBeGreaterThanOrEqual(140);
    expect(projects[1]._count.activities).toBeGreaterThanOrEqual(140);
  });

  it("has at least 300 participants whose derived fields match deriveParticipantValues", async () => {
    const participants = await db.participant.findMany({
      select: {
        gender: true, employmentStatus: true, educationLevel: true, entryDate: true, exitDate: true, longTermUnemployed: true,
        ageAtEntry: true, missingFields: true, isComplete: true, followUpDueDate: true,
        identity: { select: { birthDate: true, postcode: true, firstName: true, lastName: true } },
        project: { select: { code: true, startDate: true, endDate: true } },
      },
    });
    expect(participants.length).toBeGreaterThanOrEqual(300);
    const postcodes: Record<string, string[]> = {
      "FORST-2019": ["03149"], "LEIPZIG-AIQ-2019": ["04315", "04209", "04319"], "LEIPZIG-MWQ-2015": ["04315", "04209"], WEISSWASSER: ["02943"],
    };
    for (const p of participants) {
      const derived = deriveParticipantValues({
        birthDate: p.identity!.birthDate,
        gender: p.gender,
        employmentStatus: p.employmentStatus,
        educationLevel: p.educationLevel,
        entryDate: p.entryDate,
        exitDate: p.exitDate,
      });
      expect({ ageAtEntry: p.ageAtEntry, missingFields: p.missingFields, isComplete: p.isComplete, followUpDueDate: p.followUpDueDate }).toEqual(derived);
      if (p.ageAtEntry !== null) {
        expect(p.ageAtEntry).toBeGreaterThanOrEqual(18);
        expect(p.ageAtEntry).toBeLessThanOrEqual(63);
      }
      expect(postcodes[p.project.code]).toContain(p.identity!.postcode);
      expect(p.entryDate!.getTime()).toBeGreaterThanOrEqual(p.project.startDate.getTime());
      if (p.exitDate) {
        expect(p.exitDate.getTime()).toBeGreaterThanOrEqual(p.entryDate!.getTime());
        expect(p.exitDate.getTime()).toBeLessThanOrEqual(p.project.endDate.getTime());
      }
      if (p.longTermUnemployed) expect(p.employmentStatus).toBe("unemployed");
    }
    const incomplete = participants.filter((p) => !p.isComplete).length / participants.length;
    expect(incomplete).toBeGreaterThan(0.02);
    expect(incomplete).toBeLessThan(0.1);
    const exited = participants.filter((p) => p.exitDate).length / participants.length;
    expect(exited).toBeGreaterThan(0.35);
    expect(exited).toBeLessThan(0.65);
    // One record per person and project (first name + last name + postcode).
    const keys = participants.map((p) => `${p.project.code}|${p.identity!.firstName}|${p.identity!.lastName}|${p.identity!.postcode}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("records attendance only while a participant takes part: 6–15 present in group courses, one in coaching", async () => {
    const activities = await db.activity.findMany({
      where: { attendances: { some: {} } },
      select: { format: true, startsAt: true, attendances: { select: { present: true, participant: { select: { entryDate: true, exitDate: true } } } } },
    });
    for (const activity of activities) {
      const present = activity.attendances.filter((a) => a.present).length;
      if (activity.format === "group") {
        expect(present).toBeGreaterThanOrEqual(6);
        expect(present).toBeLessThanOrEqual(15);
      } else expect(present).toBe(1);
      for (const { participant } of activity.attendances) {
        const day = new Date(Date.UTC(activity.startsAt.getUTCFullYear(), activity.startsAt.getUTCMonth(), activity.startsAt.getUTCDate()));
        expect(day.getTime()).toBeGreaterThanOrEqual(participant.entryDate!.getTime());
        if (participant.exitDate) expect(day.getTime()).toBeLessThanOrEqual(participant.exitDate.getTime());
      }
    }
    // Every organisation has supports; its first support date is the earliest of them.
    const organisations = await db.organisation.findMany({ select: { firstSupportDate: true, supports: { select: { date: true, activityId: true } } } });
    for (const organisation of organisations) {
      expect(organisation.supports.length).toBeGreaterThan(0);
      expect(organisation.firstSupportDate).toEqual(new Date(Math.min(...organisation.supports.map((s) => s.date.getTime()))));
      expect(organisation.supports.every((s) => s.activityId)).toBe(true);
    }
  });
});

describe("biwaq user create", () => {
  it("creates a user with a project role in an existing project", async () => {
    const { code, stdout, stderr } = await run(
      "user", "create", "--email", "Petra.Pohl@Example.org", "--name", "Petra Pohl", "--role", "coordinator", "--password", "sicheres-passwort", "--project", "forst-2019",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("created user petra.pohl@example.org (Petra Pohl)");
    expect(stdout).toContain("role: coordinator in project FORST-2019");
    expect(stdout).not.toContain("one-time password");
    const user = await db.user.findUniqueOrThrow({
      where: { email: "petra.pohl@example.org" },
      select: { isAdmin: true, mustChangePassword: true, passwordHash: true, memberships: { select: { role: true, project: { select: { code: true } } } } },
    });
    expect(user.isAdmin).toBe(false);
    expect(user.mustChangePassword).toBe(false);
    expect(user.memberships).toEqual([{ role: "coordinator", project: { code: "FORST-2019" } }]);
    expect(await verifyPassword("sicheres-passwort", user.passwordHash)).toBe(true);
  });

  it("creates an admin with a one-time password that is shown once and must be changed", async () => {
    const { code, stdout } = await run("user", "create", "--email", "root@example.org", "--name", "Rita Root", "--role", "admin");
    expect(code).toBe(0);
    const password = /one-time password: (\S+)/.exec(stdout)?.[1];
    expect(password).toBeTruthy();
    const user = await db.user.findUniqueOrThrow({ where: { email: "root@example.org" }, select: { isAdmin: true, mustChangePassword: true, passwordHash: true } });
    expect(user.isAdmin).toBe(true);
    expect(user.mustChangePassword).toBe(true);
    expect(await verifyPassword(password!, user.passwordHash)).toBe(true);
  });

  it("creates a project-role user without --project with no membership and says how to add one", async () => {
    const { code, stdout } = await run("user", "create", "--email", "lotte@example.org", "--name", "Lotte Lang", "--role", "lead", "--password", "0123456789");
    expect(code).toBe(0);
    expect(stdout).toMatch(/no project yet/);
    expect(stdout).toMatch(/--project CODE/);
    const user = await db.user.findUniqueOrThrow({ where: { email: "lotte@example.org" }, select: { isAdmin: true, _count: { select: { memberships: true } } } });
    expect(user).toEqual({ isAdmin: false, _count: { memberships: 0 } });
  });

  const rejected: [string, string[], number, RegExp][] = [
    ["a duplicate email (any case)", ["--email", "LEAD@demo.biwaq.de", "--name", "Zweite Leitung", "--role", "lead", "--password", "0123456789"], 1, /--email: .*already/i],
    ["an unknown role", ["--email", "neu@example.org", "--name", "Neu", "--role", "boss", "--password", "0123456789"], 2, /unknown role "boss".*admin, lead, coordinator, manager, accountant/],
    ["a short password", ["--email", "neu@example.org", "--name", "Neu", "--role", "manager", "--password", "kurz"], 1, /--password: .*at least 10 characters/],
    ["a bad email", ["--email", "keine-adresse", "--name", "Neu", "--role", "manager"], 1, /--email: Please enter a valid email address/],
    ["a missing name", ["--email", "neu@example.org", "--role", "manager"], 2, /--name is required/],
    ["an unknown project", ["--email", "neu@example.org", "--name", "Neu", "--role", "lead", "--project", "NOPE-1"], 1, /unknown project: NOPE-1/],
    ["--project with the admin role", ["--email", "neu@example.org", "--name", "Neu", "--role", "admin", "--project", "FORST-2019"], 2, /does not apply to the role admin/],
    ["an unknown option", ["--email", "neu@example.org", "--name", "Neu", "--role", "lead", "--team", "x"], 2, /--team/],
  ];
  for (const [what, args, exitCode, message] of rejected) {
    it(`rejects ${what}, exits ${exitCode} and writes nothing`, async () => {
      const before = await tableCounts();
      const { code, stdout, stderr } = await run("user", "create", ...args);
      expect(code).toBe(exitCode);
      expect(stdout).toBe("");
      expect(stderr).toMatch(/^error: /);
      expect(stderr).toMatch(message);
      expect(await tableCounts()).toEqual(before);
    });
  }
});

describe("biwaq project create", () => {
  it("creates a project with German dates and areas (existing ones matched by name, new ones created)", async () => {
    const { code, stdout, stderr } = await run(
      "project", "create", "--code", "test-2026", "--name", "Quartier im Wandel", "--start", "01.07.2026", "--end", "2028-09-30", "--areas", "Paunsdorf; Neue Mitte ;",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("created project TEST-2026 (Quartier im Wandel), 2026-07-01 to 2028-09-30");
    const project = await db.project.findUniqueOrThrow({
      where: { code: "TEST-2026" },
      select: { id: true, title: true, startDate: true, endDate: true, status: true, areas: { select: { isCore: true, area: { select: { name: true, municipality: true } } } } },
    });
    expect(project.title).toBe("Quartier im Wandel");
    expect(project.startDate.toISOString()).toBe("2026-07-01T00:00:00.000Z");
    expect(project.endDate.toISOString()).toBe("2028-09-30T00:00:00.000Z");
    expect(project.areas.map((a) => `${a.area.name}/${a.area.municipality}`).sort()).toEqual(["Neue Mitte/unbekannt", "Paunsdorf/Leipzig"]);
    expect(await db.auditEvent.count({ where: { entity: "Project", entityId: project.id, action: "create" } })).toBe(1);
  });

  it("gives each action field named with --action-fields the default activity-type catalogue", async () => {
    const { code, stdout, stderr } = await run("project", "create", "--code", "KAT-2026", "--name", "Quartier mit Katalog", "--start", "2026-01-01", "--end", "2027-12-31", "--action-fields", "hf1; HF3");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("action fields: HF1; HF3, each with the default activity-type catalogue");
    const project = await db.project.findUniqueOrThrow({ where: { code: "KAT-2026" }, select: { id: true, actionFields: { select: { actionField: { select: { code: true } } } } } });
    expect(project.actionFields.map((f) => f.actionField.code).sort()).toEqual(["HF1", "HF3"]);
    const types = await db.activityType.findMany({ where: { projectId: project.id }, select: { name: true, actionField: { select: { code: true } } } });
    expect(types.filter((t) => t.actionField.code === "HF1").map((t) => t.name)).toContain("Bewerbungstraining");
    expect(types.filter((t) => t.actionField.code === "HF3").map((t) => t.name)).toContain("Stadtteiltreff");
    expect(await db.auditEvent.count({ where: { projectId: project.id, entity: "ActivityType", action: "create" } })).toBe(2);
  });

  const rejected: [string, string[], number, RegExp][] = [
    ["an unknown action field", ["--code", "X-1", "--name", "X", "--start", "2027-01-01", "--end", "2027-12-31", "--action-fields", "HF1;HF9"], 1, /--action-fields: /],
    ["a bad date", ["--code", "X-1", "--name", "X", "--start", "31.02.2026", "--end", "2027-01-01"], 2, /--start "31.02.2026" is not a valid date/],
    ["an end before the start", ["--code", "X-1", "--name", "X", "--start", "2027-01-01", "--end", "2026-12-31"], 2, /--end 2026-12-31 is before --start 2027-01-01/],
    ["a duplicate code (any case)", ["--code", "forst-2019", "--name", "Noch einmal Forst", "--start", "2019-01-01", "--end", "2022-12-31", "--areas", "Ganz Neu"], 1, /--code: /],
    ["a missing --end", ["--code", "X-1", "--name", "X", "--start", "2027-01-01"], 2, /--end is required/],
    ["a malformed code", ["--code", "X 1!", "--name", "X", "--start", "2027-01-01", "--end", "2027-12-31"], 1, /--code: /],
  ];
  for (const [what, args, exitCode, message] of rejected) {
    it(`rejects ${what}, exits ${exitCode} and writes nothing`, async () => {
      const before = await tableCounts();
      const { code, stdout, stderr } = await run("project", "create", ...args);
      expect(code).toBe(exitCode);
      expect(stdout).toBe("");
      expect(stderr).toMatch(/^error: /);
      expect(stderr).toMatch(message);
      expect(await tableCounts()).toEqual(before);
    });
  }

  it("answers an unknown subcommand with the usage and exit code 2", async () => {
    const { code, stderr } = await run("project", "delete", "--code", "X");
    expect(code).toBe(2);
    expect(stderr).toContain("usage: biwaq project create");
  });
});
