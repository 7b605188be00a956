// Benchmark: the participant list (listParticipants: count + one page) for a project with 50,000
// participants — the first page, searches by surname, first name + surname and number, sorting by name,
// a filter — and the list route's loader steps (session, permission check, list, areas). Generates the
// data with bulk INSERTs (bench/support.ts) into a fresh SQLite database, and also into a fresh PostgreSQL database when
// DATABASE_URL is a postgres URL. Prints best, p50 and p95 server time of 20 runs after two warm-ups;
// the goal is under 100 ms for the first page and for a search.
//
//   node --import tsx bench/participant-list.ts [--participants 50000] [--runs 20] [--sqlite-file F]
// --sqlite-file keeps the SQLite database in F and reuses it on the next run (skips generating).
import { performance } from "node:perf_hooks";
import { deriveParticipantValues } from "~/modules/participants/derive";
import { parseListQuery, searchNameFor } from "~/modules/participants/schema";
import { listParticipants, listProjectAreas } from "~/modules/participants/service.server";
import type { DbHandle } from "~/utils/db.server";
import { BENCH_START, DAY, insertGenerated, parseBenchOptions, pick, prng, randomDay, runOnEachProvider, withBenchDatabase } from "./support";
import { createUserSession, requirePermission } from "~/utils/session.server";

const options = parseBenchOptions({ participants: 50_000, runs: 20 }, true);
const PARTICIPANTS = options.participants;
const RUNS = options.runs;
const GOAL_MS = 100;
const PG_BENCH_DATABASE = "biwaq_bench_participants";
const START = BENCH_START;
const END = Date.UTC(2026, 11, 31);

process.env.SESSION_SECRET ??= "bench-only-session-secret-bench-only-session-secret";

const FIRST_NAMES = ["Anna", "Ben", "Clara", "David", "Elif", "Felix", "Greta", "Hamza", "Ida", "Jonas", "Katarzyna", "Lukas", "Mia", "Noah", "Olga", "Paul", "Rania", "Sven", "Tamara", "Umut", "Vera", "Wiktor", "Yasmin", "Zoe"];
const LAST_NAMES = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Braun", "Zimmermann", "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köhler", "Yılmaz", "Kaya", "Nowak", "Kowalski", "Popescu", "Ivanova", "Haddad", "Petrović"];

interface Fixture {
  projectId: string;
  userId: string;
  surname: string;
  fullName: string;
  number: string;
}

async function fill(handle: DbHandle): Promise<Fixture> {
  const random = prng(2026);
  const { db } = handle;
  let project = await db.project.findUnique({ where: { code: "BENCH-LIST" }, select: { id: true } });
  if (!project) {
    project = await db.project.create({ data: { code: "BENCH-LIST", title: "Benchmark participant list", startDate: new Date(START), endDate: new Date(END) }, select: { id: true } });
    const areas = await Promise.all(
      ["Innenstadt", "Nord", "Süd", "Ost"].map((name) =>
        db.programmeArea.create({ data: { name: `Bench ${name}`, municipality: "Benchstadt", federalState: "Sachsen", regionCategory: "transition" }, select: { id: true } }),
      ),
    );
    await db.projectArea.createMany({ data: areas.map((a) => ({ projectId: project!.id, areaId: a.id })) });
    for (let start = 0; start < PARTICIPANTS; start += 2000) {
      const participants = [];
      const identities = [];
      for (let i = start; i < Math.min(PARTICIPANTS, start + 2000); i++) {
        const id = `benchlist${String(i).padStart(7, "0")}`;
        const entryDate = randomDay(random, START, END);
        const birthDate = new Date(entryDate.getTime() - Math.floor((18 + random() * 45) * 365.25) * DAY);
        const left = random() < 0.5;
        const exitDate = left ? new Date(entryDate.getTime() + Math.floor(30 + random() * 300) * DAY) : null;
        const employmentStatus = pick(random, ["unemployed", "unemployed", "inactive", "employed"] as const);
        const record = {
          gender: pick(random, ["female", "male", "female", "male", "diverse"] as const),
          employmentStatus,
          longTermUnemployed: employmentStatus === "unemployed" && random() < 0.5,
          educationLevel: random() < 0.05 ? null : pick(random, ["isced_0_2", "isced_3_4", "isced_5_8"] as const),
          entryDate,
          exitDate,
        };
        participants.push({
          id,
          projectId: project.id,
          participantNo: `TN-${String(i + 1).padStart(5, "0")}`,
          areaId: pick(random, areas).id,
          exitStatus: left ? pick(random, ["job_searching", "education_training", "employed", "self_employed", "other"] as const) : null,
          ...record,
          ...deriveParticipantValues({ ...record, birthDate }),
        });
        const firstName = pick(random, FIRST_NAMES);
        const lastName = `${pick(random, LAST_NAMES)}${random() < 0.8 ? "" : `-${pick(random, LAST_NAMES)}`}`;
        identities.push({
          participantId: id,
          projectId: project.id,
          firstName,
          lastName,
          searchName: searchNameFor(firstName, lastName),
          birthDate,
          postcode: String(1000 + Math.floor(random() * 98000)).padStart(5, "0"),
        });
      }
      await insertGenerated(handle, "Participant", participants);
      await insertGenerated(handle, "ParticipantIdentity", identities);
    }
  }
  const user = await db.user.upsert({
    where: { email: "bench-list@example.org" },
    update: {},
    create: { email: "bench-list@example.org", name: "Bench", passwordHash: "x", memberships: { create: { projectId: project.id, role: "coordinator" } } },
    select: { id: true },
  });
  const sample = await db.participantIdentity.findFirstOrThrow({ where: { projectId: project.id, participantId: "benchlist0012345" }, select: { firstName: true, lastName: true } });
  return { projectId: project.id, userId: user.id, surname: sample.lastName.split("-")[0], fullName: `${sample.firstName} ${sample.lastName}`, number: "TN-1234" };
}

async function measure(label: string, goal: number | null, run: () => Promise<unknown>): Promise<boolean> {
  await run(); // warm-up: first query plans, JIT
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const verdict = goal === null ? "" : at(0.5) < goal ? "ok" : "SLOW";
  console.log(`  ${label.padEnd(44)} best ${sorted[0].toFixed(1)} ms, p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms ${verdict}`);
  return goal === null || at(0.5) < goal;
}

async function bench(provider: string, url: string): Promise<boolean> {
  console.log(`${provider}: migrating the database`);
  return withBenchDatabase(url, async (handle) => {
    const started = performance.now();
    const fixture = await fill(handle);
    const count = await handle.db.participant.count({ where: { projectId: fixture.projectId } });
    console.log(`  ${count.toLocaleString("en")} participants ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const list = (params: string) => () => listParticipants(fixture.projectId, parseListQuery(new URLSearchParams(params)));
    for (const [params, note] of [[`q=${fixture.surname}`, "surname"], [`q=${fixture.fullName}`, "first name + surname"], [`q=${fixture.number}`, "number prefix"], ["q=an", "two letters"]] as const) {
      const result = await list(params)();
      console.log(`  search "${new URLSearchParams(params).get("q")}" (${note}): ${result.total} hits`);
    }
    let ok = true;
    ok = (await measure("first page (25, by number)", GOAL_MS, list(""))) && ok;
    ok = (await measure(`search by surname "${fixture.surname}"`, GOAL_MS, list(`q=${fixture.surname}`))) && ok;
    ok = (await measure(`search by name "${fixture.fullName}"`, GOAL_MS, list(`q=${fixture.fullName}`))) && ok;
    ok = (await measure(`search by number "${fixture.number}"`, GOAL_MS, list(`q=${fixture.number}`))) && ok;
    await measure('broad search "an"', null, list("q=an"));
    await measure("sorted by name, page 1", null, list("sort=name"));
    await measure("sorted by entry date (newest first)", null, list("sort=entry&dir=desc"));
    await measure("filter: incomplete", null, list("completeness=incomplete"));
    await measure("filter: follow-up due", null, list("status=follow_up_due"));
    await measure("page 1000", null, list("page=1000&pageSize=25"));
    const cookie = (await createUserSession(fixture.userId, "bench")).split(";")[0];
    // The list route's loader steps (the route module itself imports a stylesheet, which Node cannot load).
    const loader = (search: string) => async () => {
      const request = new Request(`http://localhost/projects/${fixture.projectId}/participants${search}`, { headers: { Cookie: cookie } });
      const access = await requirePermission(request, fixture.projectId, "participant:read");
      const query = parseListQuery(new URL(request.url).searchParams);
      return Promise.all([listParticipants(access.project.id, query), listProjectAreas(access.project.id)]);
    };
    ok = (await measure("list route: session, permission, page, areas", GOAL_MS, loader(""))) && ok;
    ok = (await measure(`list route with search "${fixture.surname}"`, GOAL_MS, loader(`?q=${encodeURIComponent(fixture.surname)}`))) && ok;
    return ok;
  });
}

await runOnEachProvider("participants", PG_BENCH_DATABASE, bench, options.sqliteFile);
