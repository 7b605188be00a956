// Benchmark: the production server over HTTP at two data sizes. For each size it creates a fresh
// database, migrates it, fills it with `biwaq demo generate` (1× = 5,000 participants, 10× = 50,000),
// starts `node server/index.js` from a production build, logs in as coordinator, manager and accountant,
// warms up and times every main page sequentially. It reports p50/p95 of the server's Server-Timing
// (streamed downloads: the client's time to the last byte), each page's ratio to the trivial route
// /healthz measured in the same run, the 10×/1× ratio and the server's peak RSS (VmHWM), checks the
// goals, prints a table and writes it as JSON to bench/results/http-<timestamp>.json.
// Goals at 10×: list and detail pages within 2× their 1× time; dashboards and the ESF report < 1 s;
// exports stream (the server's memory during exports does not grow with the data); RSS < 512 MB.
//
//   node --import tsx bench/http.ts [--sizes 1,10] [--db sqlite|postgres] [--runs 30] [--base 5000] [--rebuild]
// Environment instead of flags: BENCH_SIZES, BENCH_DB, BENCH_RUNS, BENCH_BASE. PostgreSQL needs
// DATABASE_URL (or BENCH_DATABASE_URL) to point at a server; the benchmark uses database biwaq_bench_http.
// The build goes to BIWAQ_BUILD_DIR (default build-bench) and is made once when it is missing.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { BENCH_PASSWORD } from "~/modules/demo/large.server";
import { createDb, type DbHandle } from "~/utils/db.server";
import { freePort, login } from "../tests/resilience/harness";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values: options } = parseArgs({
  options: {
    sizes: { type: "string", default: process.env.BENCH_SIZES ?? "1,10" },
    db: { type: "string", default: process.env.BENCH_DB ?? "sqlite" },
    runs: { type: "string", default: process.env.BENCH_RUNS ?? "30" },
    base: { type: "string", default: process.env.BENCH_BASE ?? "5000" },
    rebuild: { type: "boolean", default: false },
  },
});
const SIZES = options.sizes.split(",").map((s) => Number(s.trim())).filter((s) => s > 0);
const RUNS = Math.max(3, Number(options.runs));
/** Heavy downloads and logins (password hashing): fewer runs, so the whole suite stays within its time budget. */
const EXPORT_RUNS = Math.max(3, Math.round(RUNS / 5));
/** Dashboards and reports: a third of the runs (each can take a second or more). */
const REPORT_RUNS = Math.max(3, Math.round(RUNS / 3));
const WARM_UPS = 3;
/** Heavy requests (downloads, password hashing) warm up once. */
const HEAVY_WARM_UPS = 1;
const BASE_PARTICIPANTS = Number(options.base);
const PROVIDER = options.db === "postgres" || options.db === "postgresql" ? "postgresql" : "sqlite";
const PG_DATABASE = "biwaq_bench_http";
const BUILD_DIR = process.env.BIWAQ_BUILD_DIR ?? "build-bench";
const SEED = 1;
const ATTENDEES = 25;
const GOAL_LIST_GROWTH = 2;
const GOAL_REPORT_MS = 1000;
const GOAL_RSS_MB = 512;
const SESSION_SECRET = "bench-only-session-secret-bench-only-session-secret";

type Group = "baseline" | "list" | "page" | "report" | "export" | "write";
interface PageResult {
  name: string;
  group: Group;
  status: "ok" | "n/a" | "error";
  note?: string;
  runs: number;
  /** Which time p50/p95 are: the server's Server-Timing header or the client's time to the last byte. */
  metric: "server" | "client";
  p50: number | null;
  p95: number | null;
  clientP50: number | null;
  ratioToTrivial: number | null;
}
interface SizeResult {
  size: number;
  participants: number;
  generateSeconds: number;
  generateOutput: string;
  peakRssMb: number;
  rssBeforeExportsMb: number;
  exportRssGrowthMb: number;
  pages: PageResult[];
  seconds: number;
}

const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** The production build in BUILD_DIR; built once (or again with --rebuild). */
function ensureBuild(): number {
  const entry = path.join(root, BUILD_DIR, "server", "index.js");
  if (existsSync(entry) && !options.rebuild) {
    log(`using the existing build in ${BUILD_DIR} (--rebuild to build again)`);
    return 0;
  }
  log(`building the production bundle into ${BUILD_DIR} …`);
  const started = performance.now();
  const result = spawnSync("npm", ["run", "build"], { cwd: root, env: { ...process.env, BIWAQ_BUILD_DIR: BUILD_DIR }, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}\n${result.stderr}`);
  const seconds = (performance.now() - started) / 1000;
  log(`  built in ${seconds.toFixed(0)} s`);
  return seconds;
}

async function adminQuery(base: string, sql: string): Promise<void> {
  const admin = new URL(base);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database for one size: a new SQLite file, or the dropped and recreated PG database. */
async function freshDatabase(dir: string, size: number): Promise<string> {
  if (PROVIDER === "sqlite") return `file:${path.join(dir, `bench-${size}x.db`)}`;
  const base = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!base || !/^postgres(ql)?:/.test(base)) throw new Error("--db postgres needs DATABASE_URL (or BENCH_DATABASE_URL) pointing at a PostgreSQL server");
  await adminQuery(base, `DROP DATABASE IF EXISTS "${PG_DATABASE}" WITH (FORCE)`);
  const url = new URL(base);
  url.pathname = `/${PG_DATABASE}`;
  return url.toString();
}

function cli(args: string[], env: NodeJS.ProcessEnv): string {
  const result = spawnSync(process.execPath, [path.join(root, "bin", "biwaq.js"), ...args], { cwd: root, env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`biwaq ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

interface Server {
  child: ChildProcess;
  origin: string;
  output: string[];
}

async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<Server> {
  const output: string[] = [];
  const child = spawn(process.execPath, [path.join(root, "server", "index.js"), "--skip-migrate"], {
    cwd: root,
    env: { ...env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", BIWAQ_BUILD_DIR: BUILD_DIR, BIWAQ_COOKIE_SECURE: "false", BIWAQ_DEMO: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => output.push(String(chunk)));
  child.stderr!.on("data", (chunk) => output.push(String(chunk)));
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited:\n${output.join("")}`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return { child, origin, output };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill();
  throw new Error(`the server did not start within 30 s:\n${output.join("")}`);
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  await Promise.race([exited, sleep(6000)]);
}

/** VmHWM (peak resident set) or VmRSS of a process in MB, from /proc (Linux). */
function memoryMb(pid: number, field: "VmHWM" | "VmRSS"): number {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Resets the process's peak RSS (VmHWM) to its current RSS (Linux ≥ 4.0; ignored elsewhere). */
function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
  } catch {
    // not Linux, or not allowed: the growth then includes earlier peaks
  }
}

interface Fixture {
  projectId: string;
  participantId: string;
  surname: string;
  typeId: string;
  attendeeIds: string[];
  activityDate: string;
  logins: Record<"coordinator" | "manager" | "accountant", string>;
}

/** What the requests need: the first generated project, a participant, a surname, attendees. */
async function loadFixture(handle: DbHandle): Promise<Fixture> {
  const { db } = handle;
  const project = await db.project.findFirstOrThrow({ where: { code: { endsWith: `-G${SEED}-01` } }, select: { id: true, startDate: true, endDate: true } });
  const count = await db.participant.count({ where: { projectId: project.id } });
  const middle = await db.participant.findFirstOrThrow({ where: { projectId: project.id }, orderBy: { participantNo: "asc" }, skip: Math.floor(count / 2), select: { id: true } });
  const identity = await db.participantIdentity.findUniqueOrThrow({ where: { participantId: middle.id }, select: { lastName: true } });
  const type = await db.activityType.findFirstOrThrow({ where: { projectId: project.id, name: "Bewerbungstraining" }, select: { id: true } });
  const day = new Date((project.startDate!.getTime() + project.endDate!.getTime()) / 2);
  day.setUTCHours(0, 0, 0, 0);
  const attendees = await db.participant.findMany({
    where: { projectId: project.id, entryDate: { lte: day }, OR: [{ exitDate: null }, { exitDate: { gte: day } }] },
    orderBy: { participantNo: "asc" },
    take: ATTENDEES * 4,
    select: { id: true },
  });
  const memberships = await db.projectMembership.findMany({ where: { projectId: project.id }, select: { role: true, user: { select: { email: true } } } });
  const email = (role: string) => memberships.find((m) => m.role === role)?.user.email ?? "";
  const dd = (n: number) => String(n).padStart(2, "0");
  return {
    projectId: project.id,
    participantId: middle.id,
    surname: identity.lastName.split("-")[0],
    typeId: type.id,
    attendeeIds: attendees.map((a) => a.id),
    activityDate: `${dd(day.getUTCDate())}.${dd(day.getUTCMonth() + 1)}.${day.getUTCFullYear()}`,
    logins: { coordinator: email("coordinator"), manager: email("manager"), accountant: email("accountant") },
  };
}

interface Timed {
  status: number;
  server: number | null;
  client: number;
  contentType: string;
  location: string | null;
  bytes: number;
  /** How the result came about, when that is worth a line in the table's JSON (e.g. an export job). */
  note?: string;
}

async function request(origin: string, pathname: string, init: { cookie?: string; form?: URLSearchParams } = {}): Promise<Timed> {
  const headers: Record<string, string> = { "User-Agent": "biwaq-bench" };
  if (init.cookie) headers.Cookie = init.cookie;
  if (init.form) {
    headers.Origin = origin;
    headers["Content-Type"] = "application/x-www-form-urlencoded";
  }
  const started = performance.now();
  const response = await fetch(`${origin}${pathname}`, { method: init.form ? "POST" : "GET", headers, body: init.form?.toString(), redirect: "manual" });
  const body = await response.arrayBuffer();
  const client = performance.now() - started;
  const timing = /app;dur=([\d.]+)/.exec(response.headers.get("server-timing") ?? "");
  return { status: response.status, server: timing ? Number(timing[1]) : null, client, contentType: response.headers.get("content-type") ?? "", location: response.headers.get("location"), bytes: body.byteLength };
}

interface PageSpec {
  name: string;
  group: Group;
  runs: number;
  metric: "server" | "client";
  /** One request; returns its timing, or a reason why the page is not available ("n/a"). */
  run: (i: number) => Promise<Timed>;
  accept: (t: Timed) => boolean | string;
}

async function measurePage(spec: PageSpec): Promise<Omit<PageResult, "ratioToTrivial">> {
  const base = { name: spec.name, group: spec.group, metric: spec.metric };
  const first = await spec.run(-1);
  if (first.status === 404) return { ...base, status: "n/a", note: "route answers 404 (not built yet)", runs: 0, p50: null, p95: null, clientP50: null };
  const verdict = spec.accept(first);
  if (verdict !== true) return { ...base, status: "n/a", note: typeof verdict === "string" ? verdict : `unexpected answer ${first.status}`, runs: 0, p50: null, p95: null, clientP50: null };
  const warmUps = spec.runs < RUNS ? HEAVY_WARM_UPS : WARM_UPS;
  for (let w = 1; w < warmUps; w++) await spec.run(-1 - w);
  const server: number[] = [];
  const client: number[] = [];
  for (let i = 0; i < spec.runs; i++) {
    const t = await spec.run(i);
    const ok = spec.accept(t);
    if (ok !== true) return { ...base, status: "error", note: `run ${i}: ${typeof ok === "string" ? ok : `answer ${t.status}`}`, runs: i, p50: null, p95: null, clientP50: null };
    client.push(t.client);
    if (t.server !== null) server.push(t.server);
  }
  const useServer = spec.metric === "server" && server.length === client.length;
  const times = useServer ? server : client;
  return { ...base, ...(first.note ? { note: first.note } : {}), metric: useServer ? "server" : "client", status: "ok", runs: spec.runs, p50: quantile(times, 0.5), p95: quantile(times, 0.95), clientP50: quantile(client, 0.5) };
}

/**
 * The participant XLSX export, end to end: the direct download when GET …/participants/export answers
 * with the file, otherwise the export job: POST starts it (→ its page), then …/download is asked every
 * 100 ms until it answers with the file. The time is the client's, from the first request to the last byte.
 */
function participantExport(origin: string, projectPath: string, cookie: string): () => Promise<Timed> {
  let mode: "direct" | "job" | null = null;
  return async () => {
    const started = performance.now();
    if (mode !== "job") {
      const direct = await request(origin, `${projectPath}/participants/export?format=xlsx`, { cookie });
      if (direct.status === 200 && direct.contentType.includes("spreadsheetml")) {
        mode = "direct";
        return direct;
      }
      mode = "job";
    }
    const start = await request(origin, `${projectPath}/participants/export`, { cookie, form: new URLSearchParams({ format: "xlsx" }) });
    if (start.status !== 302 || !start.location?.includes("/exports/")) return start;
    const jobPath = new URL(start.location, origin).pathname;
    for (let i = 0; i < 1200; i++) {
      const download = await request(origin, `${jobPath}/download`, { cookie });
      if (download.status !== 302) return { ...download, server: null, client: performance.now() - started, note: "export job: POST, poll …/download every 100 ms, download" };
      await sleep(100);
    }
    return { ...start, status: 504, client: performance.now() - started };
  };
}

function pages(origin: string, fixture: Fixture, cookies: Record<"coordinator" | "manager" | "accountant", string>): PageSpec[] {
  const p = `/projects/${fixture.projectId}`;
  const html = (t: Timed) => (t.status === 200 && t.contentType.includes("text/html")) || `answer ${t.status} ${t.contentType}`;
  const redirect = (t: Timed) => t.status === 302 || `answer ${t.status}`;
  const file = (kind: string) => (t: Timed) =>
    (t.status === 200 && t.contentType.includes(kind)) ||
    `no direct file (answer ${t.status} ${t.contentType || ""}${t.location ? ` → ${t.location}` : ""}); export flow changed`;
  const get = (url: string, cookie?: string) => () => request(origin, url, { cookie });
  return [
    { name: "trivial route (/healthz)", group: "baseline", runs: RUNS, metric: "server", run: get("/healthz"), accept: (t) => t.status === 200 || `answer ${t.status}` },
    { name: "login page", group: "page", runs: RUNS, metric: "server", run: get("/login"), accept: html },
    {
      name: "login POST",
      group: "write",
      runs: EXPORT_RUNS,
      metric: "server",
      run: () => request(origin, "/login", { form: new URLSearchParams({ email: fixture.logins.coordinator, password: BENCH_PASSWORD, redirectTo: "/" }) }),
      accept: redirect,
    },
    { name: "home (to-do list)", group: "list", runs: RUNS, metric: "server", run: get("/", cookies.coordinator), accept: html },
    { name: "participant list, first page", group: "list", runs: RUNS, metric: "server", run: get(`${p}/participants`, cookies.coordinator), accept: html },
    { name: `participant search "${fixture.surname}"`, group: "list", runs: RUNS, metric: "server", run: get(`${p}/participants?q=${encodeURIComponent(fixture.surname)}`, cookies.coordinator), accept: html },
    { name: "participant detail", group: "list", runs: RUNS, metric: "server", run: get(`${p}/participants/${fixture.participantId}`, cookies.coordinator), accept: html },
    {
      name: `log activity, ${ATTENDEES} attendees (POST)`,
      group: "write",
      runs: RUNS,
      metric: "server",
      run: (i) => {
        const form = new URLSearchParams({ intent: "log", typeId: fixture.typeId, date: fixture.activityDate, time: "10:00", duration: "1,5" });
        const offset = Math.abs(i * 7) % Math.max(1, fixture.attendeeIds.length - ATTENDEES);
        for (const id of fixture.attendeeIds.slice(offset, offset + ATTENDEES)) {
          form.append("attendee", id);
          form.set(`present_${id}`, "on");
          form.set(`hours_${id}`, "1,5");
        }
        return request(origin, `${p}/activities/new`, { cookie: cookies.coordinator, form });
      },
      accept: redirect,
    },
    { name: "project dashboard", group: "report", runs: REPORT_RUNS, metric: "server", run: get(`${p}/dashboard`, cookies.manager), accept: html },
    { name: "portfolio", group: "report", runs: REPORT_RUNS, metric: "server", run: get("/portfolio", cookies.manager), accept: html },
    { name: "ESF report page", group: "report", runs: REPORT_RUNS, metric: "server", run: get(`${p}/reports/esf`, cookies.accountant), accept: html },
    { name: "ESF report XLSX", group: "export", runs: EXPORT_RUNS, metric: "client", run: get(`${p}/reports/esf/export?format=xlsx`, cookies.accountant), accept: file("spreadsheetml") },
    { name: "participants XLSX export", group: "export", runs: EXPORT_RUNS, metric: "client", run: participantExport(origin, p, cookies.manager), accept: file("spreadsheetml") },
  ];
}

async function benchSize(size: number, dir: string, port: number): Promise<SizeResult> {
  const started = performance.now();
  const participants = Math.round(BASE_PARTICIPANTS * size);
  log(`\n--- ${size}× (${participants.toLocaleString("en")} participants, ${PROVIDER}; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs)`);
  const url = await freshDatabase(dir, size);
  const env = { ...process.env, DATABASE_URL: url, SESSION_SECRET, BIWAQ_DATA_DIR: dir };
  cli(["db", "migrate", "--quiet"], env);
  const generateStarted = performance.now();
  const generateOutput = cli(["demo", "generate", "--participants", String(participants), "--seed", String(SEED)], env);
  const generateSeconds = (performance.now() - generateStarted) / 1000;
  log(`  generated in ${generateSeconds.toFixed(1)} s: ${generateOutput.split("\n").find((l) => l.startsWith("generated")) ?? ""}`);

  const handle = createDb(url);
  let fixture: Fixture;
  try {
    fixture = await loadFixture(handle);
  } finally {
    await handle.db.$disconnect();
  }
  const server = await startServer(env, port);
  try {
    const cookies = {
      coordinator: await login(server.origin, fixture.logins.coordinator, BENCH_PASSWORD),
      manager: await login(server.origin, fixture.logins.manager, BENCH_PASSWORD),
      accountant: await login(server.origin, fixture.logins.accountant, BENCH_PASSWORD),
    };
    const results: Omit<PageResult, "ratioToTrivial">[] = [];
    const pid = server.child.pid!;
    let rssBeforeExports = Number.NaN;
    let peakBeforeExports = 0;
    for (const spec of pages(server.origin, fixture, cookies)) {
      if (spec.group === "export" && Number.isNaN(rssBeforeExports)) {
        // why: the peak so far (e.g. from a dashboard) would hide what the exports add; Linux resets
        // VmHWM to the current RSS on "5" in clear_refs, so the exports' own peak is measured.
        peakBeforeExports = memoryMb(pid, "VmHWM");
        rssBeforeExports = memoryMb(pid, "VmRSS");
        resetPeak(pid);
      }
      const result = await measurePage(spec);
      results.push(result);
      const shown = result.status === "ok" ? `p50 ${result.p50!.toFixed(1)} ms, p95 ${result.p95!.toFixed(1)} ms (${result.metric})` : `${result.status}: ${result.note}`;
      log(`  ${spec.name.padEnd(38)} ${shown}${result.status === "ok" && result.note ? ` — ${result.note}` : ""}`);
    }
    const lastPeak = memoryMb(pid, "VmHWM");
    const peakRssMb = Math.max(peakBeforeExports, lastPeak);
    const trivial = results.find((r) => r.group === "baseline")?.p50 ?? null;
    return {
      size,
      participants,
      generateSeconds,
      generateOutput,
      peakRssMb,
      rssBeforeExportsMb: rssBeforeExports,
      exportRssGrowthMb: lastPeak - rssBeforeExports,
      pages: results.map((r) => ({ ...r, ratioToTrivial: r.p50 !== null && trivial ? r.p50 / trivial : null })),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await stopServer(server);
    if (PROVIDER === "postgresql") await adminQuery(process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL!, `DROP DATABASE IF EXISTS "${PG_DATABASE}" WITH (FORCE)`);
  }
}

interface Row {
  page: string;
  cells: string[];
  goal: string;
  verdict: "PASS" | "FAIL" | "";
}

/** The table: one row per page with p50/p95 and ratio per size, the growth and the goal check. */
function table(results: SizeResult[]): { rows: Row[]; checks: { goal: string; verdict: "PASS" | "FAIL" }[] } {
  const small = results[0];
  const large = results[results.length - 1];
  const rows: Row[] = [];
  const checks: { goal: string; verdict: "PASS" | "FAIL" }[] = [];
  const fmt = (v: number | null, digits = 1) => (v === null || Number.isNaN(v) ? "n/a" : v.toFixed(digits));
  for (const page of small.pages) {
    const cells: string[] = [];
    for (const result of results) {
      const r = result.pages.find((x) => x.name === page.name)!;
      cells.push(r.status === "ok" ? `${fmt(r.p50)} / ${fmt(r.p95)} (${fmt(r.ratioToTrivial)}×)` : r.status);
    }
    const a = small.pages.find((x) => x.name === page.name)!;
    const b = large.pages.find((x) => x.name === page.name)!;
    const growth = results.length > 1 && a.p50 && b.p50 ? b.p50 / a.p50 : null;
    if (results.length > 1) cells.push(growth === null ? "n/a" : `${growth.toFixed(2)}`);
    let goal = "";
    let verdict: Row["verdict"] = "";
    if (page.group === "list" && results.length > 1) {
      goal = `${large.size}×/${small.size}× ≤ ${GOAL_LIST_GROWTH}`;
      if (growth !== null) verdict = growth <= GOAL_LIST_GROWTH ? "PASS" : "FAIL";
    } else if (page.group === "report") {
      goal = `p95 < ${GOAL_REPORT_MS} ms`;
      if (b.status === "ok") verdict = b.p95! < GOAL_REPORT_MS ? "PASS" : "FAIL";
    }
    if (verdict) checks.push({ goal: `${page.name}: ${goal}`, verdict });
    rows.push({ page: page.name, cells, goal, verdict });
  }
  const rssVerdict = results.every((r) => r.peakRssMb < GOAL_RSS_MB) ? "PASS" : "FAIL";
  rows.push({ page: "peak RSS of the server (MB)", cells: [...results.map((r) => fmt(r.peakRssMb, 0)), ...(results.length > 1 ? [""] : [])], goal: `< ${GOAL_RSS_MB} MB`, verdict: rssVerdict });
  checks.push({ goal: `peak RSS < ${GOAL_RSS_MB} MB`, verdict: rssVerdict });
  const exportsRan = results.every((r) => r.pages.some((p) => p.group === "export" && p.status === "ok"));
  if (exportsRan) {
    // why: the exports stream when the memory they add does not grow with the data: at most 1.5× of
    // the smaller size's growth, plus 32 MB for noise (garbage collection timing).
    const allowed = small.exportRssGrowthMb * 1.5 + 32;
    const exportVerdict = large.exportRssGrowthMb <= allowed ? "PASS" : "FAIL";
    rows.push({
      page: "RSS growth during exports (MB)",
      cells: [...results.map((r) => fmt(r.exportRssGrowthMb, 0)), ...(results.length > 1 ? [""] : [])],
      goal: results.length > 1 ? `≤ ${fmt(allowed, 0)} MB` : "",
      verdict: results.length > 1 ? exportVerdict : "",
    });
    if (results.length > 1) checks.push({ goal: "exports stream (memory does not grow with the data)", verdict: exportVerdict });
  }
  return { rows, checks };
}

function printTable(results: SizeResult[], rows: Row[]): void {
  const headers = ["page", ...results.map((r) => `${r.size}× p50 / p95 ms (ratio)`), ...(results.length > 1 ? [`${results[results.length - 1].size}×/${results[0].size}×`] : []), "goal", "check"];
  const body = rows.map((r) => [r.page, ...r.cells, r.goal, r.verdict]);
  const widths = headers.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  log("");
  log(line(headers));
  log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of body) log(line(row));
}

async function main(): Promise<void> {
  const started = performance.now();
  if (SIZES.length === 0) throw new Error("--sizes needs at least one size, e.g. 1,10");
  log(`http-pages: sizes ${SIZES.join("×, ")}× of ${BASE_PARTICIPANTS.toLocaleString("en")} participants on ${PROVIDER}, ${RUNS} runs per page (${REPORT_RUNS} per dashboard/report, ${EXPORT_RUNS} per export and login POST)`);
  const buildSeconds = ensureBuild();
  const dir = path.join(tmpdir(), `biwaq-bench-http-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const results: SizeResult[] = [];
  try {
    const port = await freePort(Number(process.env.BENCH_PORT ?? 3400));
    for (const size of SIZES) results.push(await benchSize(size, dir, port));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const { rows, checks } = table(results);
  printTable(results, rows);
  const failed = checks.filter((c) => c.verdict === "FAIL");
  const seconds = (performance.now() - started) / 1000;
  log(`\n${checks.length - failed.length}/${checks.length} goals met${failed.length ? `; missed: ${failed.map((f) => f.goal).join("; ")}` : ""}`);
  log("(times: Server-Timing of the server, or for downloads the client's time to the last byte; ratio = p50 / p50 of the trivial route)");
  const out = path.join(root, "bench", "results");
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `http-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        benchmark: "http-pages",
        at: new Date().toISOString(),
        database: PROVIDER,
        runs: RUNS,
        exportRuns: EXPORT_RUNS,
        reportRuns: REPORT_RUNS,
        cpus: cpus().length,
        loadAverage: loadavg(),
        buildSeconds,
        seconds,
        sizes: results.map(({ generateOutput: _output, ...r }) => r),
        checks,
      },
      null,
      2,
    ),
  );
  log(`written to ${path.relative(root, file)}; http-pages took ${seconds.toFixed(0)} s`);
  if (failed.length) process.exitCode = 1;
}

await main();
