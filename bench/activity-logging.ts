// Benchmark: logging an activity with 30 attendees (logActivity: reference checks, activity, 30
// attendance rows via createMany and the audit entry, in one transaction) with 500,000 attendance rows
// already in the database. Generates the data into a fresh SQLite database (participants and activities
// with bench/support.ts bulk INSERTs, attendance with literal multi-row INSERTs), and also into a fresh
// PostgreSQL database when DATABASE_URL is a postgres URL. Prints p50/p95 server time of 20 runs after
// two warm-ups; the goal is p95 under 150 ms.
// It also times the whole route action (session, permission check, form parsing, service, redirect).
//
//   node --import tsx bench/activity-logging.ts [--attendance 500000] [--runs 20] [--sqlite-file F]
// --sqlite-file keeps the SQLite database in F and reuses it on the next run (skips generating).
import { performance } from "node:perf_hooks";
import { logActivity } from "~/modules/activities/service.server";
import { action as newActivityAction } from "~/routes/projects.$projectId.activities.new";
import type { DbHandle } from "~/utils/db.server";
import { BENCH_END as END, BENCH_START as START, insertGenerated, parseBenchOptions, prng, randomDay, measureWithCpu, runOnEachProvider, withBenchDatabase } from "./support";
import { createUserSession } from "~/utils/session.server";

const options = parseBenchOptions({ attendance: 500_000, runs: 20 }, true);
const ATTENDANCE_ROWS = options.attendance;
const RUNS = options.runs;
const PER_ACTIVITY = 25;
const PARTICIPANTS = 2_000;
const ATTENDEES = 30;
const GOAL_MS = 150;
const PG_BENCH_DATABASE = "biwaq_bench_activities";

process.env.SESSION_SECRET ??= "bench-only-session-secret-bench-only-session-secret";

interface Fixture {
  projectId: string;
  typeId: string;
  userId: string;
  participantIds: string[];
}

async function fill(handle: DbHandle): Promise<Fixture> {
  const { db, provider } = handle;
  const random = prng(2026);
  const existing = await db.project.findUnique({ where: { code: "BENCH-ACT" }, select: { id: true } });
  if (existing) {
    const type = await db.activityType.findFirstOrThrow({ where: { projectId: existing.id }, select: { id: true } });
    const member = await db.projectMembership.findFirstOrThrow({ where: { projectId: existing.id }, select: { userId: true } });
    const participants = await db.participant.findMany({ where: { projectId: existing.id }, select: { id: true }, orderBy: { participantNo: "asc" } });
    return { projectId: existing.id, typeId: type.id, userId: member.userId, participantIds: participants.map((p) => p.id) };
  }
  const field = await db.actionField.upsert({ where: { code: "HF1" }, update: {}, create: { code: "HF1", name: "Nachhaltige Integration in Beschäftigung" } });
  const project = await db.project.create({
    data: { code: "BENCH-ACT", title: "Benchmark Aktivitäten", startDate: new Date(START), endDate: new Date(END), actionFields: { create: [{ actionFieldId: field.id }] } },
    select: { id: true },
  });
  const user = await db.user.create({ data: { email: "bench-coordinator@bench.biwaq", name: "Bench Koordination", passwordHash: "x" }, select: { id: true } });
  await db.projectMembership.create({ data: { projectId: project.id, userId: user.id, role: "coordinator" } });
  const type = await db.activityType.create({ data: { projectId: project.id, actionFieldId: field.id, name: "Bewerbungstraining" }, select: { id: true } });

  const participantIds = Array.from({ length: PARTICIPANTS }, (_, i) => `bench-p-${String(i).padStart(6, "0")}`);
  const participants = participantIds.map((id, i) => ({ id, projectId: project.id, participantNo: `TN-${String(i + 1).padStart(6, "0")}`, entryDate: new Date(START) }));
  await insertGenerated(handle, "Participant", participants);

  const activityCount = Math.ceil(ATTENDANCE_ROWS / PER_ACTIVITY);
  const activityIds = Array.from({ length: activityCount }, (_, i) => `bench-a-${String(i).padStart(7, "0")}`);
  const activities = activityIds.map((id) => ({
    id,
    projectId: project.id,
    typeId: type.id,
    actionFieldId: field.id,
    title: "Bewerbungstraining",
    startsAt: new Date(randomDay(random).getTime() + 9 * 3600 * 1000),
    durationMinutes: 90,
  }));
  await insertGenerated(handle, "Activity", activities);

  // why raw INSERTs: createMany of 500,000 rows through the query engine takes minutes; literal
  // multi-row INSERTs of generated (safe) ids take seconds on both providers.
  const present = provider === "postgresql" ? "true" : "1";
  let written = 0;
  let values: string[] = [];
  const flush = async () => {
    if (!values.length) return;
    await db.$executeRawUnsafe(`INSERT INTO "Attendance" ("id", "activityId", "participantId", "present", "minutes") VALUES ${values.join(",")}`);
    values = [];
  };
  for (let a = 0; a < activityIds.length && written < ATTENDANCE_ROWS; a++) {
    const first = Math.floor(random() * (PARTICIPANTS - PER_ACTIVITY));
    for (let k = 0; k < PER_ACTIVITY && written < ATTENDANCE_ROWS; k++) {
      values.push(`('bench-t-${written}','${activityIds[a]}','${participantIds[first + k]}',${present},90)`);
      written++;
      if (values.length === 5000) await flush();
    }
  }
  await flush();
  if (provider === "postgresql") await db.$executeRawUnsafe(`ANALYZE`);
  return { projectId: project.id, typeId: type.id, userId: user.id, participantIds };
}

/** Times `run(i)` against the goal (see measureWithCpu in bench/support.ts). */
const measure = (label: string, run: (i: number) => Promise<unknown>) => measureWithCpu(label, RUNS, GOAL_MS, run);

/** 30 distinct participants for run `i` (deterministic, different per run). */
function attendeesFor(fixture: Fixture, i: number) {
  const offset = ((i + 10) * 37) % (fixture.participantIds.length - ATTENDEES);
  return fixture.participantIds.slice(offset, offset + ATTENDEES);
}

async function bench(provider: string, url: string): Promise<boolean> {
  console.log(`${provider}: migrating the database`);
  return withBenchDatabase(url, async (handle) => {
    const started = performance.now();
    const fixture = await fill(handle);
    const rows = await handle.db.attendance.count();
    console.log(`  ${rows.toLocaleString("en")} attendance rows ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const service = await measure(`logActivity with ${ATTENDEES} attendees (service)`, (i) =>
      logActivity(
        fixture.projectId,
        { typeId: fixture.typeId, date: "15.06.2021", time: "10:00", duration: "1,5", staffUserId: fixture.userId },
        attendeesFor(fixture, i).map((participantId) => ({ participantId, present: true, minutes: "" })),
        { id: fixture.userId },
      ),
    );

    const cookie = (await createUserSession(fixture.userId, "bench")).split(";")[0];
    const route = await measure(`POST …/activities/new with ${ATTENDEES} attendees (route action)`, async (i) => {
      const body = new URLSearchParams({ intent: "log", typeId: fixture.typeId, date: "16.06.2021", time: "10:00", duration: "1,5" });
      for (const id of attendeesFor(fixture, i + 100)) {
        body.append("attendee", id);
        body.set(`present_${id}`, "on");
        body.set(`hours_${id}`, "1,5");
      }
      const request = new Request(`http://localhost/projects/${fixture.projectId}/activities/new`, { method: "POST", headers: { Cookie: cookie }, body });
      const response = (await newActivityAction({ request, params: { projectId: fixture.projectId }, context: {} })) as Response;
      if (response.status !== 302) throw new Error(`route answered ${response.status}`);
    });
    return service < GOAL_MS && route < GOAL_MS;
  });
}

await runOnEachProvider("activities", PG_BENCH_DATABASE, bench, options.sqliteFile);
