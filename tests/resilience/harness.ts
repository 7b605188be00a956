// The load and fault tests' tools (tests/resilience/*.spec.ts and scripts/load-test.ts): a fresh
// database (SQLite file or PostgreSQL database), the production server started from a build on its own
// port (and killed hard when a test wants that), a project with coordinators and participants, virtual
// coordinators that log activities with attendance and edit attendance through the real form POSTs —
// remembering what they sent and which saves the server acknowledged — and the check of the database
// against that record afterwards.
import Database from "better-sqlite3";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { hashPassword } from "../../app/modules/users/password.server";
import { createDb } from "../../app/utils/db.server";
import { runMigrations } from "../../app/utils/migrate.server";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const TMP_DIR = path.join(ROOT, "tests", ".tmp");
export const PASSWORD = "resilience-pass-2026";
const SESSION_SECRET = "resilience-only-session-secret-not-for-production-0123";
/** Marks every activity a run creates: `LT <run> u<user> #<n>`. */
export const TITLE_PREFIX = "LT";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url);

// ---------------------------------------------------------------------------------------------- databases

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function adminQuery(baseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabaseName(baseUrl, "postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  url: string;
  provider: "sqlite" | "postgresql";
  /** Removes the file(s) or drops the database. */
  drop(): Promise<void>;
}

/**
 * An empty, migrated database named `name`: a SQLite file under tests/.tmp, or — when `postgresBase`
 * is a postgres URL — the PostgreSQL database `name` on that server (dropped first).
 */
export async function freshDatabase(name: string, postgresBase?: string): Promise<TestDatabase> {
  if (!/^[a-z0-9_]{1,63}$/.test(name)) throw new Error(`unsupported database name: ${name}`);
  let database: TestDatabase;
  if (postgresBase && isPostgresUrl(postgresBase)) {
    await adminQuery(postgresBase, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    database = {
      url: withDatabaseName(postgresBase, name),
      provider: "postgresql",
      drop: () => adminQuery(postgresBase, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
  } else {
    mkdirSync(TMP_DIR, { recursive: true });
    const file = path.join(TMP_DIR, `${name}.db`);
    const remove = async () => {
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    };
    await remove();
    database = { url: `file:${file}`, provider: "sqlite", drop: remove };
  }
  await runMigrations(database.url, { quiet: true });
  return database;
}

/** Runs one SQL query on the database (placeholders `?`, quoted identifiers: same text on both providers). */
export async function sql<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  if (isPostgresUrl(url)) {
    let n = 0;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const database = new Database(url.replace(/^file:/, ""), { fileMustExist: true, timeout: 10_000 });
  try {
    const statement = database.prepare(text);
    return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
  } finally {
    database.close();
  }
}

/** SQLite: PRAGMA integrity_check and foreign_key_check of a file ("ok" when both are clean). */
export function sqliteIntegrity(file: string): string {
  const database = new Database(file.replace(/^file:/, ""), { fileMustExist: true, readonly: true });
  try {
    const integrity = String(database.pragma("integrity_check", { simple: true }));
    if (integrity !== "ok") return integrity;
    const orphans = database.pragma("foreign_key_check") as unknown[];
    return orphans.length ? `foreign_key_check: ${orphans.length} rows point nowhere` : "ok";
  } finally {
    database.close();
  }
}

// ---------------------------------------------------------------------------------------------- build, server, CLI

/** Builds the production bundle into `buildDir` unless it is there already. */
export function ensureBuild(buildDir: string, log: (line: string) => void = () => {}): void {
  if (existsSync(path.join(ROOT, buildDir, "server", "index.js"))) return;
  log(`building the production bundle into ${buildDir} …`);
  const result = spawnSync("npm", ["run", "build"], { cwd: ROOT, env: { ...process.env, BIWAQ_BUILD_DIR: buildDir }, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error("npm run build failed");
}

/** A free TCP port on 127.0.0.1, from `from` upwards. */
export async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 100; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer().once("error", () => resolve(false)).once("listening", () => probe.close(() => resolve(true)));
      probe.listen(port, "127.0.0.1");
    });
    if (free) return port;
  }
  throw new Error(`no free port from ${from}`);
}

export interface Server {
  child: ChildProcess;
  origin: string;
  output: string[];
  /** The server's BIWAQ_DATA_DIR (export files); removed by stopServer. */
  dataDir: string;
}

/** Starts `node server/index.js` (production build in `buildDir`, migrations already applied) and waits until it answers. */
export async function startServer(options: { databaseUrl: string; port: number; buildDir: string }): Promise<Server> {
  const output: string[] = [];
  const dataDir = path.join(TMP_DIR, `resilience-data-${options.port}`);
  const child = spawn(process.execPath, [path.join(ROOT, "server", "index.js"), "--skip-migrate"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      PORT: String(options.port),
      HOST: "127.0.0.1",
      BIWAQ_BUILD_DIR: options.buildDir,
      BIWAQ_COOKIE_SECURE: "false",
      BIWAQ_DEMO: "",
      BIWAQ_DATA_DIR: dataDir,
      SESSION_SECRET,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => output.push(String(chunk)));
  child.stderr!.on("data", (chunk) => output.push(String(chunk)));
  const origin = `http://127.0.0.1:${options.port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited:\n${output.join("")}`);
    try {
      if ((await fetch(`${origin}/login`)).ok) return { child, origin, output, dataDir };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill("SIGKILL");
  throw new Error(`the server did not start within 60 s:\n${output.join("")}`);
}

/** Stops the server: SIGTERM (graceful) or SIGKILL (a crash); resolves once the process is gone. */
export async function stopServer(server: Server, signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    const exited = new Promise((resolve) => server.child.once("exit", resolve));
    server.child.kill(signal);
    await Promise.race([exited, sleep(10_000)]);
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill("SIGKILL");
      await exited;
    }
  }
  rmSync(server.dataDir, { recursive: true, force: true });
}

/** Starts `biwaq …` against a database; the caller waits for or kills the process. */
export function spawnCli(args: string[], databaseUrl: string): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [path.join(ROOT, "bin", "biwaq.js"), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

// ---------------------------------------------------------------------------------------------- fixture

export interface Fixture {
  projectId: string;
  projectCode: string;
  typeIds: string[];
  participantIds: string[];
  coordinators: string[];
  /** The activities' day, TT.MM.JJJJ (inside the project). */
  date: string;
}

/**
 * A project (2024–2030) with one action field and three activity types, `participants` participants
 * and `coordinators` coordinator logins (password PASSWORD), written straight into the database.
 */
export async function createFixture(databaseUrl: string, options: { coordinators: number; participants: number; code?: string }): Promise<Fixture> {
  const handle = createDb(databaseUrl);
  const { db } = handle;
  const tag = randomBytes(3).toString("hex");
  const code = options.code ?? `LOAD-${tag.toUpperCase()}`;
  try {
    const project = await db.project.create({
      data: { code, title: `Lasttest ${code}`, startDate: new Date("2024-01-01T00:00:00Z"), endDate: new Date("2030-12-31T00:00:00Z") },
    });
    const field = await db.actionField.create({ data: { code: `HF1-${tag}`, name: "Beschäftigung", sortOrder: 1 } });
    await db.projectActionField.create({ data: { projectId: project.id, actionFieldId: field.id } });
    const typeIds: string[] = [];
    for (const [i, name] of ["Bewerbungstraining", "Coaching (Einzelgespräch)", "Digitalkurs"].entries()) {
      typeIds.push((await db.activityType.create({ data: { projectId: project.id, actionFieldId: field.id, name, sortOrder: i } })).id);
    }
    const participantIds = Array.from({ length: options.participants }, () => randomUUID().replace(/-/g, ""));
    await db.participant.createMany({
      data: participantIds.map((id, i) => ({ id, projectId: project.id, participantNo: `LT-${String(i + 1).padStart(5, "0")}`, entryDate: new Date("2024-02-01T00:00:00Z") })),
    });
    await db.participantIdentity.createMany({
      data: participantIds.map((id, i) => ({ participantId: id, projectId: project.id, firstName: `Vorname${i}`, lastName: `Nachname${i}`, searchName: `nachname${i} vorname${i}`, postcode: "03149" })),
    });
    // why one hash for all: scrypt costs ~80 ms each; the same password may share a salt in a test.
    const passwordHash = await hashPassword(PASSWORD);
    const coordinators = Array.from({ length: options.coordinators }, (_, i) => `coordinator-${i + 1}-${tag}@load.biwaq.test`);
    for (const [i, email] of coordinators.entries()) {
      const user = await db.user.create({ data: { email, name: `Koordination ${i + 1}`, passwordHash } });
      await db.projectMembership.create({ data: { projectId: project.id, userId: user.id, role: "coordinator" } });
    }
    return { projectId: project.id, projectCode: code, typeIds, participantIds, coordinators, date: "15.05.2025" };
  } finally {
    await db.$disconnect();
  }
}

// ---------------------------------------------------------------------------------------------- HTTP

async function post(origin: string, pathname: string, form: URLSearchParams, cookie?: string, timeoutMs = 60_000): Promise<Response> {
  return fetch(`${origin}${pathname}`, {
    method: "POST",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    body: form.toString(),
    redirect: "manual",
    signal: AbortSignal.timeout(timeoutMs),
  });
}

/** Logs in through the login form; returns the session cookie. */
export async function login(origin: string, email: string, password = PASSWORD): Promise<string> {
  const response = await post(origin, "/login", new URLSearchParams({ email, password, redirectTo: "/" }));
  await response.arrayBuffer();
  const cookie = response.headers.get("set-cookie");
  if (response.status !== 302 || !cookie) throw new Error(`login as ${email} failed: ${response.status}`);
  return cookie.split(";")[0];
}

// ---------------------------------------------------------------------------------------------- virtual coordinators

/** One attendance row as the database should hold it. */
export interface ExpectedRow {
  present: boolean;
  minutes: number;
}
export type AttendanceSet = Record<string, ExpectedRow>;

/** What one activity may look like in the database: `acknowledged` is the last state the server confirmed. */
export interface ActivityRecord {
  title: string;
  /** Known after the create was acknowledged (the redirect names it). */
  id: string | null;
  createAcknowledged: boolean;
  /** The last acknowledged attendance (for an unacknowledged create: what was sent). */
  acknowledged: AttendanceSet;
  /** Sent but not acknowledged afterwards: the database may hold any of these instead. */
  pending: AttendanceSet[];
  /** Every attendance state sent for this activity, in order. */
  history: AttendanceSet[];
  /** When the create was acknowledged (ms since epoch). */
  acknowledgedAt: number | null;
  version: number;
}

export interface LoadStats {
  creates: number;
  edits: number;
  reads: number;
  errors: number;
  errorSamples: string[];
  writeLatencies: number[];
  readLatencies: number[];
  activities: ActivityRecord[];
}

/** An error's message with its cause (fetch says only "fetch failed"). */
export function describeError(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  return e.cause ? `${e.message} (${e.cause.code ?? ""} ${e.cause.message ?? ""})` : e.message;
}

export function emptyStats(): LoadStats {
  return { creates: 0, edits: 0, reads: 0, errors: 0, errorSamples: [], writeLatencies: [], readLatencies: [], activities: [] };
}

const DURATION_HOURS = "2";
const DURATION_MINUTES = 120;

/** A random group of 3–10 participants, some absent, some with their own hours. */
function randomAttendance(fixture: Fixture): { form: [string, string][]; expected: AttendanceSet } {
  const count = 3 + Math.floor(Math.random() * 8);
  const start = Math.floor(Math.random() * Math.max(1, fixture.participantIds.length - count));
  const form: [string, string][] = [];
  const expected: AttendanceSet = {};
  for (const id of fixture.participantIds.slice(start, start + count)) {
    const present = Math.random() > 0.15;
    const ownHours = present && Math.random() < 0.3;
    form.push(["attendee", id]);
    if (present) form.push([`present_${id}`, "on"]);
    form.push([`hours_${id}`, ownHours ? "1,5" : ""]);
    expected[id] = { present, minutes: present ? (ownHours ? 90 : DURATION_MINUTES) : 0 };
  }
  return { form, expected };
}

function activityForm(fixture: Fixture, intent: "log" | "update", title: string, typeId: string, attendance: [string, string][], version?: number): URLSearchParams {
  const form = new URLSearchParams({ intent, typeId, format: "group", title, date: fixture.date, time: "10:00", duration: DURATION_HOURS, areaId: "", partnerId: "", staffUserId: "", notes: "" });
  if (version !== undefined) form.set("version", String(version));
  for (const [name, value] of attendance) form.append(name, value);
  return form;
}

/**
 * One virtual coordinator: logs in, then until `until` (ms since epoch) or `signal` repeatedly opens the
 * new-activity form and logs an activity with attendance, and every third time (from the second on) opens
 * one of its own activities and saves a changed attendance grid. Records every save in `stats`.
 */
export async function runCoordinator(
  origin: string,
  fixture: Fixture,
  email: string,
  runId: string,
  userNo: number,
  stats: LoadStats,
  options: { until: number; signal?: AbortSignal; thinkMs?: number; stopOnError?: boolean; maxSaves?: number; minSaves?: number },
): Promise<void> {
  const cookie = await login(origin, email);
  const own: ActivityRecord[] = [];
  const base = `/projects/${fixture.projectId}/activities`;
  const fail = (what: string) => {
    stats.errors++;
    if (stats.errorSamples.length < 20) stats.errorSamples.push(`u${userNo}: ${what}`);
  };
  const timed = async <T>(list: number[], run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      list.push(performance.now() - started);
    }
  };
  const get = async (pathname: string): Promise<string | null> => {
    try {
      const response = await timed(stats.readLatencies, async () => {
        const r = await fetch(`${origin}${pathname}`, { headers: { Cookie: cookie }, redirect: "manual", signal: AbortSignal.timeout(60_000) });
        return { status: r.status, body: await r.text() };
      });
      stats.reads++;
      if (response.status !== 200) {
        const message = /<h1[^>]*>([^<]*)<\/h1>\s*(?:<p[^>]*>([^<]*)<\/p>)?/.exec(response.body);
        fail(`GET ${pathname} → ${response.status}${message ? ` (${message[1]}: ${message[2] ?? ""})` : ""}`);
        return null;
      }
      return response.body;
    } catch (error) {
      fail(`GET ${pathname}: ${describeError(error)}`);
      return null;
    }
  };

  let saves = 0;
  // minSaves: a slow machine still gets a create and an edit from every user (the loop outlasts `until`).
  for (let n = 1; (Date.now() < options.until || saves < (options.minSaves ?? 0)) && !options.signal?.aborted && saves < (options.maxSaves ?? Infinity); n++) {
    if (options.stopOnError && stats.errors > 0) return;
    // The second action and every third after it edits one of the user's own activities.
    const editing = own.length > 0 && n % 3 === 2;
    if (!editing) {
      if ((await get(`${base}/new`)) === null) continue;
      const title = `${TITLE_PREFIX} ${runId} u${userNo} #${n}`;
      const attendance = randomAttendance(fixture);
      const record: ActivityRecord = { title, id: null, createAcknowledged: false, acknowledged: attendance.expected, pending: [], history: [attendance.expected], acknowledgedAt: null, version: 1 };
      stats.activities.push(record);
      const form = activityForm(fixture, "log", title, fixture.typeIds[n % fixture.typeIds.length], attendance.form);
      try {
        const response = await timed(stats.writeLatencies, () => post(origin, `${base}/new`, form, cookie));
        await response.arrayBuffer();
        const location = response.headers.get("location") ?? "";
        const match = new RegExp(`^${base}/([^/?]+)\\?created=1$`).exec(location);
        if (response.status !== 302 || !match) {
          fail(`log activity → ${response.status} ${location}`);
          continue;
        }
        record.id = match[1];
        record.createAcknowledged = true;
        record.acknowledgedAt = Date.now();
        saves++;
        stats.creates++;
        own.push(record);
      } catch (error) {
        fail(`log activity: ${describeError(error)}`);
      }
    } else {
      const record = own[Math.floor(Math.random() * own.length)];
      const page = await get(`${base}/${record.id}`);
      if (page === null) continue;
      const version = Number(/name="version" value="(\d+)"|value="(\d+)" name="version"/.exec(page)?.slice(1).find(Boolean));
      if (version !== record.version) {
        fail(`activity ${record.id}: page shows version ${version}, expected ${record.version}`);
        continue;
      }
      const attendance = randomAttendance(fixture);
      record.pending.push(attendance.expected);
      record.history.push(attendance.expected);
      const form = activityForm(fixture, "update", record.title, fixture.typeIds[0], attendance.form, version);
      // why a changed type: every save then changes something, so the version always moves on.
      form.set("typeId", fixture.typeIds[(record.version + 1) % fixture.typeIds.length]);
      try {
        const response = await timed(stats.writeLatencies, () => post(origin, `${base}/${record.id}`, form, cookie));
        await response.arrayBuffer();
        if (response.status !== 302 || !(response.headers.get("location") ?? "").endsWith(`${record.id}?saved=1`)) {
          fail(`edit activity → ${response.status} ${response.headers.get("location") ?? ""}`);
          own.splice(own.indexOf(record), 1);
          continue;
        }
        record.pending.pop();
        record.acknowledged = attendance.expected;
        record.version++;
        stats.edits++;
        saves++;
      } catch (error) {
        fail(`edit activity: ${describeError(error)}`);
        // The save may have happened: a later edit would need the page's version, so leave this one alone.
        own.splice(own.indexOf(record), 1);
      }
    }
    if (options.thinkMs) await sleep(Math.random() * options.thinkMs);
  }
}

// ---------------------------------------------------------------------------------------------- verification

export interface Verification {
  /** Acknowledged creates found with exactly the acknowledged (or a pending) attendance. */
  verifiedActivities: number;
  /** Unacknowledged creates that made it into the database completely. */
  unacknowledgedPresent: number;
  attendanceRows: number;
  auditEntries: number;
  problems: string[];
}

const sameSet = (a: AttendanceSet, b: AttendanceSet) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([id, row]) => b[id] !== undefined && b[id].present === row.present && b[id].minutes === row.minutes);

/**
 * Compares the database with what the virtual coordinators sent: every acknowledged activity is there
 * with its complete acknowledged attendance (or one that was sent later without an answer); an
 * unacknowledged one is either absent or complete; no other activity of the run exists; every activity
 * has its audit entry.
 */
export async function verifyRun(
  databaseUrl: string,
  fixture: Fixture,
  runId: string,
  activities: ActivityRecord[],
  rules: {
    /** Must the activity be in the database? Default: when its create was acknowledged. */
    mustExist?: (record: ActivityRecord) => boolean;
    /** Attendance states the database may hold. Default: the acknowledged one and those sent later. */
    allowed?: (record: ActivityRecord) => AttendanceSet[];
  } = {},
): Promise<Verification> {
  const mustExist = rules.mustExist ?? ((record: ActivityRecord) => record.createAcknowledged);
  const allowedStates = rules.allowed ?? ((record: ActivityRecord) => [record.acknowledged, ...record.pending]);
  const prefix = `${TITLE_PREFIX} ${runId} `;
  const rows = await sql<{ id: string; title: string; version: number }>(
    databaseUrl,
    `SELECT "id", "title", "version" FROM "Activity" WHERE "projectId" = ? AND "title" LIKE ?`,
    [fixture.projectId, `${prefix}%`],
  );
  const attendance = await sql<{ activityId: string; participantId: string; present: unknown; minutes: unknown }>(
    databaseUrl,
    `SELECT a."activityId", a."participantId", a."present", a."minutes" FROM "Attendance" a JOIN "Activity" x ON x."id" = a."activityId" WHERE x."projectId" = ? AND x."title" LIKE ?`,
    [fixture.projectId, `${prefix}%`],
  );
  const audits = await sql<{ entityId: string; action: string }>(
    databaseUrl,
    `SELECT "entityId", "action" FROM "AuditEvent" WHERE "projectId" = ? AND "entity" = 'Activity'`,
    [fixture.projectId],
  );
  const stored = new Map<string, AttendanceSet>();
  for (const row of rows) stored.set(row.id, {});
  // SQLite stores booleans as 0/1, PostgreSQL as booleans.
  for (const a of attendance) stored.get(a.activityId)![a.participantId] = { present: a.present === true || Number(a.present) === 1, minutes: Number(a.minutes) };
  const byTitle = new Map(rows.map((r) => [r.title, r]));
  const auditedCreates = new Set(audits.filter((a) => a.action === "create").map((a) => a.entityId));
  const problems: string[] = [];
  let verifiedActivities = 0;
  let unacknowledgedPresent = 0;
  const known = new Set<string>();
  for (const record of activities) {
    known.add(record.title);
    const row = byTitle.get(record.title);
    if (!row) {
      if (mustExist(record)) problems.push(`acknowledged activity "${record.title}" is missing`);
      continue;
    }
    const set = stored.get(row.id)!;
    if (!allowedStates(record).some((candidate) => sameSet(candidate, set))) {
      problems.push(`"${record.title}": attendance in the database (${Object.keys(set).length} rows) matches no state that was sent`);
      continue;
    }
    if (!auditedCreates.has(row.id)) problems.push(`"${record.title}": no audit entry for its creation`);
    if (mustExist(record)) verifiedActivities++;
    else unacknowledgedPresent++;
  }
  for (const row of rows) if (!known.has(row.title)) problems.push(`unexpected activity "${row.title}"`);
  return { verifiedActivities, unacknowledgedPresent, attendanceRows: attendance.length, auditEntries: audits.length, problems };
}

/** p-quantile of a list of numbers (nearest rank). */
export function quantile(values: number[], q: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

// ---------------------------------------------------------------------------------------------- participant import

const CONTRACT_HEADER = [
  "participant_no", "first_name", "last_name", "birth_date", "gender", "postcode", "programme_area", "entry_date",
  "employment_status", "long_term_unemployed", "education_level", "disability", "third_country_national",
  "foreign_background", "minority", "homeless", "rural_area", "exit_date", "exit_status", "qualification_gained",
  "employability_improved", "status_6_months", "situation_improved_6_months",
];

/** A participant file in the data contract's CSV format with `rows` complete, distinct participants. */
export function participantCsv(rows: number): string {
  const genders = ["female", "male", "diverse"];
  const education = ["isced_0_2", "isced_3_4", "isced_5_8"];
  const lines = [CONTRACT_HEADER.join(",")];
  for (let i = 1; i <= rows; i++) {
    const no = `IMP-${String(i).padStart(6, "0")}`;
    const exited = i % 5 === 0;
    const cells: Record<string, string> = {
      participant_no: no,
      first_name: `Vorname${i}`,
      last_name: `Nachname${i % 997}`,
      birth_date: `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`,
      gender: genders[i % 3],
      postcode: `0${3000 + (i % 900)}`,
      entry_date: `2025-0${1 + (i % 9)}-01`,
      employment_status: i % 4 === 0 ? "inactive" : "unemployed",
      long_term_unemployed: i % 4 !== 0 && i % 3 === 0 ? "yes" : "no",
      education_level: education[i % 3],
      disability: "no",
      third_country_national: i % 7 === 0 ? "yes" : "no",
      foreign_background: i % 2 === 0 ? "yes" : "no",
      minority: "no_answer",
      homeless: "no",
      rural_area: "no",
      exit_date: exited ? "2025-12-15" : "",
      exit_status: exited ? "employed" : "",
      qualification_gained: exited ? "yes" : "",
      employability_improved: exited ? "no" : "",
    };
    lines.push(CONTRACT_HEADER.map((column) => cells[column] ?? "").join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** Everything an import writes, per participant, sorted: two databases with equal imports give equal lists. */
export async function participantSnapshot(databaseUrl: string, projectId: string): Promise<string[]> {
  const rows = await sql<Record<string, unknown>>(
    databaseUrl,
    `SELECT p."participantNo", p."gender", p."employmentStatus", p."longTermUnemployed", p."educationLevel", p."entryDate", p."exitDate",
            p."exitStatus", p."qualificationGained", p."employabilityImproved", p."ageAtEntry", p."missingFields", p."isComplete",
            p."followUpDueDate", p."version", i."firstName", i."lastName", i."searchName", i."birthDate", i."postcode"
     FROM "Participant" p LEFT JOIN "ParticipantIdentity" i ON i."participantId" = p."id" WHERE p."projectId" = ? ORDER BY p."participantNo"`,
    [projectId],
  );
  return rows.map((row) => JSON.stringify(Object.values(row).map((v) => (v instanceof Date ? v.toISOString() : v))));
}

/**
 * Whether another connection holds a write transaction right now. SQLite: BEGIN IMMEDIATE without
 * waiting fails; PostgreSQL: someone holds a row-writing lock on the Participant table.
 */
export async function writeTransactionOpen(databaseUrl: string): Promise<boolean> {
  if (isPostgresUrl(databaseUrl)) {
    const rows = await sql<{ n: string }>(
      databaseUrl,
      `SELECT COUNT(*) AS "n" FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'Participant' AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()`,
    );
    return Number(rows[0].n) > 0;
  }
  const database = new Database(databaseUrl.replace(/^file:/, ""), { fileMustExist: true, timeout: 0 });
  try {
    database.exec("BEGIN IMMEDIATE");
    database.exec("ROLLBACK");
    return false;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith("SQLITE_BUSY")) return true;
    throw error;
  } finally {
    database.close();
  }
}

/** Restores a pg_dump archive into a new database `name` on the same server; returns its URL. */
export async function restorePostgresDump(postgresBase: string, name: string, file: string): Promise<TestDatabase> {
  await adminQuery(postgresBase, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery(postgresBase, `CREATE DATABASE "${name}"`);
  const url = withDatabaseName(postgresBase, name);
  const restored = spawnSync("pg_restore", ["--no-owner", "--exit-on-error", `--dbname=${url}`, file], { encoding: "utf8" });
  if (restored.status !== 0) throw new Error(`pg_restore failed: ${restored.stderr}`);
  return { url, provider: "postgresql", drop: () => adminQuery(postgresBase, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
