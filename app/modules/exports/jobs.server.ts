// Export jobs: long file exports run in the background of the one server process (docs/decisions/001,
// 012) instead of inside the request. A job belongs to the user who started it and to one project;
// it waits in a queue (at most `maxRunning` run at once), reports rows done / total, hands control back
// to the event loop after every chunk of rows so other requests are served meanwhile, and writes its
// file under the data folder. Finished files are deleted one hour after they were finished or first
// downloaded; files left by an earlier process are deleted at start-up.
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, type ReadStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { getEnv } from "~/utils/env.server";
import type { MessageKey } from "~/utils/i18n";
import type { ExportKind } from "./schema";

export type ExportJobState = "queued" | "running" | "ready" | "failed" | "expired";

export interface ExportOwner {
  userId: string;
  projectId: string;
}

/** Reports `done` rows; resolves after the event loop had its turn (and the output has room). */
export type ReportProgress = (done: number) => Promise<void>;

/** What a job writes, decided when its turn comes (after counting and auditing). */
export interface ExportProduction {
  /** Rows expected (the count at the start; progress may pass it when rows were added meanwhile). */
  total: number;
  fileName: string;
  contentType: string;
  /** Writes the whole file into `out` and ends it, awaiting `progress` after every chunk of rows. */
  write(out: Writable, progress: ReportProgress): Promise<void>;
}

export interface ExportJobRequest {
  owner: ExportOwner;
  kind: ExportKind;
  format: string;
  /** Runs when the job leaves the queue: counts, audits and returns the writer. */
  prepare(): Promise<ExportProduction>;
}

/** A job as the pages see it. */
export interface ExportJobView {
  id: string;
  kind: ExportKind;
  format: string;
  state: ExportJobState;
  done: number;
  /** null while the rows are still being counted. */
  total: number | null;
  /** 1 = next to start; null unless queued. */
  position: number | null;
  fileName: string | null;
  size: number | null;
  createdAt: Date;
  finishedAt: Date | null;
  expiresAt: Date | null;
}

interface JobRecord {
  id: string;
  owner: ExportOwner;
  kind: ExportKind;
  format: string;
  state: ExportJobState;
  done: number;
  total: number | null;
  fileName: string | null;
  contentType: string | null;
  file: string | null;
  size: number | null;
  createdAt: number;
  finishedAt: number | null;
  expiresAt: number | null;
  downloadedAt: number | null;
  prepare: (() => Promise<ExportProduction>) | null;
  settled: Promise<void>;
  settle: () => void;
}

export interface ExportJobSettings {
  /** Folder of the files; each process writes into its own sub-folder. */
  dir: string;
  maxRunning: number;
  /** Jobs waiting or running, all users together; more are refused. */
  maxPending: number;
  /** Jobs waiting or running per user. */
  maxPendingPerUser: number;
  /** How long a finished file stays: after it was finished, renewed once by the first download. */
  resultTtlMs: number;
  /** How long a job stays listed (as expired or failed) after it ended. */
  recordTtlMs: number;
  now: () => number;
}

/** A refused start (queue full); `message` is a catalogue key. */
export class ExportLimitError extends Error {
  constructor(public readonly messageKey: MessageKey) {
    super(messageKey);
    this.name = "ExportLimitError";
  }
}

const HOUR = 60 * 60 * 1000;
const JOB_ID = /^[A-Za-z0-9_-]{22}$/;
const INSTANCE_DIR = /^p(\d+)-[0-9a-f]{8}$/;
const SWEEP_EVERY_MS = 60 * 1000;

interface Registry {
  settings: ExportJobSettings | null;
  jobs: Map<string, JobRecord>;
  queue: string[];
  running: number;
  instanceDir: string | null;
  init: Promise<void> | null;
  timer: NodeJS.Timeout | null;
}

// why: one registry per process, also across dev-server module reloads (like the db client).
const registry: Registry = ((globalThis as { __biwaqExportJobs?: Registry }).__biwaqExportJobs ??= {
  settings: null,
  jobs: new Map(),
  queue: [],
  running: 0,
  instanceDir: null,
  init: null,
  timer: null,
});

function defaults(): ExportJobSettings {
  return {
    dir: path.join(getEnv().dataDir, "exports"),
    maxRunning: 1,
    maxPending: 20,
    maxPendingPerUser: 3,
    resultTtlMs: HOUR,
    recordTtlMs: 24 * HOUR,
    now: Date.now,
  };
}

function settings(): ExportJobSettings {
  return (registry.settings ??= defaults());
}

/** Changes limits, folder or clock (tests); forgets every job and deletes this process's files. */
export async function configureExportJobs(changes: Partial<ExportJobSettings>): Promise<void> {
  await resetExportJobs();
  registry.settings = { ...settings(), ...changes };
}

/** Drops the queue, lets running jobs finish, then forgets every job and deletes this process's files (tests). */
export async function resetExportJobs(): Promise<void> {
  registry.queue.length = 0;
  await Promise.all([...registry.jobs.values()].filter((job) => job.state === "running").map((job) => job.settled));
  const dir = registry.instanceDir;
  registry.jobs.clear();
  registry.queue.length = 0;
  registry.instanceDir = null;
  registry.init = null;
  if (registry.timer) clearInterval(registry.timer);
  registry.timer = null;
  if (dir) await rm(dir, { recursive: true, force: true });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Deletes the export folders of processes that are gone (a restart leaves them behind), keeping those
 * of live processes that share the data folder. Called at start-up and before the first job.
 */
export async function removeOrphanedExportFiles(): Promise<number> {
  const { dir } = settings();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  const own = registry.instanceDir ? path.basename(registry.instanceDir) : null;
  let removed = 0;
  for (const name of names) {
    const match = INSTANCE_DIR.exec(name);
    if (!match || name === own) continue;
    const pid = Number(match[1]);
    // why: in a container the server is often pid 1 after every restart: a folder with our pid that is not ours is a leftover.
    if (pid === process.pid || !processAlive(pid)) {
      await rm(path.join(dir, name), { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}

function ensureReady(): Promise<void> {
  registry.init ??= (async () => {
    const { dir } = settings();
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await removeOrphanedExportFiles();
    const instanceDir = path.join(dir, `p${process.pid}-${randomBytes(4).toString("hex")}`);
    await mkdir(instanceDir, { recursive: true, mode: 0o700 });
    registry.instanceDir = instanceDir;
  })().catch((error: unknown) => {
    registry.init = null;
    throw error;
  });
  return registry.init;
}

/** Starts this process's housekeeping: orphaned folders now, expired files every minute. Idempotent. */
export function startExportHousekeeping(): void {
  if (registry.timer) return;
  registry.timer = setInterval(() => void sweepExportJobs().catch(() => undefined), SWEEP_EVERY_MS);
  registry.timer.unref();
  void ensureReady().catch((error: unknown) => console.error("export folder could not be prepared:", error));
}

/** Deletes expired files and forgets old job records; returns how many files were deleted. */
export async function sweepExportJobs(): Promise<number> {
  const { now, recordTtlMs } = settings();
  const at = now();
  let deleted = 0;
  for (const job of registry.jobs.values()) {
    if (job.state === "ready" && job.expiresAt !== null && job.expiresAt <= at) {
      const file = job.file;
      job.state = "expired";
      job.file = null;
      if (file) {
        await rm(file, { force: true });
        deleted++;
      }
    }
    const ended = job.state === "expired" || job.state === "failed";
    if (ended && (job.expiresAt ?? job.finishedAt ?? job.createdAt) + recordTtlMs <= at) registry.jobs.delete(job.id);
  }
  return deleted;
}

function view(job: JobRecord): ExportJobView {
  const position = job.state === "queued" ? registry.queue.indexOf(job.id) + 1 : 0;
  return {
    id: job.id,
    kind: job.kind,
    format: job.format,
    state: job.state,
    done: job.done,
    total: job.total,
    position: position > 0 ? position : null,
    fileName: job.fileName,
    size: job.size,
    createdAt: new Date(job.createdAt),
    finishedAt: job.finishedAt === null ? null : new Date(job.finishedAt),
    expiresAt: job.expiresAt === null ? null : new Date(job.expiresAt),
  };
}

const pending = (job: JobRecord) => job.state === "queued" || job.state === "running";

/**
 * Queues an export for its owner and returns it at once; it starts when fewer than `maxRunning` jobs
 * run. Throws ExportLimitError when the owner or the whole queue has too many jobs waiting.
 */
export async function startExportJob(request: ExportJobRequest): Promise<ExportJobView> {
  await sweepExportJobs();
  const all = [...registry.jobs.values()].filter(pending);
  if (all.filter((job) => job.owner.userId === request.owner.userId).length >= settings().maxPendingPerUser) {
    throw new ExportLimitError("exports.error.tooManyOwn");
  }
  if (all.length >= settings().maxPending) throw new ExportLimitError("exports.error.queueFull");
  let settle!: () => void;
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const job: JobRecord = {
    id: randomBytes(16).toString("base64url"),
    owner: { ...request.owner },
    kind: request.kind,
    format: request.format,
    state: "queued",
    done: 0,
    total: null,
    fileName: null,
    contentType: null,
    file: null,
    size: null,
    createdAt: settings().now(),
    finishedAt: null,
    expiresAt: null,
    downloadedAt: null,
    prepare: request.prepare,
    settled,
    settle,
  };
  registry.jobs.set(job.id, job);
  registry.queue.push(job.id);
  pump();
  return view(job);
}

function pump(): void {
  while (registry.running < settings().maxRunning && registry.queue.length > 0) {
    const job = registry.jobs.get(registry.queue.shift()!);
    if (!job || job.state !== "queued") continue;
    job.state = "running";
    registry.running++;
    void run(job).finally(() => {
      registry.running--;
      job.settle();
      pump();
    });
  }
}

// why: setImmediate runs after pending I/O callbacks, so requests that arrived meanwhile are served
// between two chunks of rows (a resolved promise alone would only run other microtasks).
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      out.off("drain", onDrain);
      out.off("close", onClose);
      out.off("error", onError);
    };
    const onDrain = () => (cleanup(), resolve());
    const onClose = () => (cleanup(), reject(new Error("export output closed")));
    const onError = (error: Error) => (cleanup(), reject(error));
    out.on("drain", onDrain);
    out.on("close", onClose);
    out.on("error", onError);
  });
}

/** Progress reporter for a writer: gives the event loop a turn and waits while `out` is full. */
export function cooperativeProgress(out: Writable, onProgress: (done: number) => void = () => undefined): ReportProgress {
  return async (done) => {
    if (out.destroyed) throw new Error("export output closed");
    onProgress(done);
    if (out.writableNeedDrain) await drained(out);
    await nextTurn();
  };
}

async function run(job: JobRecord): Promise<void> {
  let partFile: string | null = null;
  let out: ReturnType<typeof createWriteStream> | null = null;
  try {
    await ensureReady();
    const instanceDir = registry.instanceDir!;
    const prepare = job.prepare!;
    job.prepare = null;
    const production = await prepare();
    job.total = production.total;
    job.fileName = production.fileName;
    job.contentType = production.contentType;
    partFile = path.join(instanceDir, `${job.id}.part`);
    out = createWriteStream(partFile, { mode: 0o600 });
    const target = out;
    await production.write(
      target,
      cooperativeProgress(target, (done) => {
        job.done = done;
        if (job.total !== null && done > job.total) job.total = done;
      }),
    );
    if (!target.writableEnded) target.end();
    await finished(target);
    const file = path.join(instanceDir, `${job.id}.${job.format}`);
    await rename(partFile, file);
    if (!registry.jobs.has(job.id)) {
      // Forgotten meanwhile (reset): nothing may stay behind.
      await rm(file, { force: true });
      return;
    }
    const now = settings().now();
    job.file = file;
    job.size = (await stat(file)).size;
    job.total = Math.max(job.total ?? 0, job.done);
    job.state = "ready";
    job.finishedAt = now;
    job.expiresAt = now + settings().resultTtlMs;
  } catch (error) {
    console.error(`export job ${job.id} (${job.kind}) failed:`, error);
    out?.destroy();
    if (partFile) await rm(partFile, { force: true }).catch(() => undefined);
    job.state = "failed";
    job.finishedAt = settings().now();
  }
}

function find(jobId: string, owner: ExportOwner): JobRecord | null {
  if (!JOB_ID.test(jobId)) return null;
  const job = registry.jobs.get(jobId);
  if (!job || job.owner.userId !== owner.userId || job.owner.projectId !== owner.projectId) return null;
  return job;
}

/** The job if it belongs to this user and project (else null, as if it did not exist). */
export async function getExportJob(jobId: string, owner: ExportOwner): Promise<ExportJobView | null> {
  await sweepExportJobs();
  const job = find(jobId, owner);
  return job ? view(job) : null;
}

/** The owner's jobs in the project, newest first. */
export async function listExportJobs(owner: ExportOwner, kind?: ExportKind): Promise<ExportJobView[]> {
  await sweepExportJobs();
  return [...registry.jobs.values()]
    .filter((job) => job.owner.userId === owner.userId && job.owner.projectId === owner.projectId && (!kind || job.kind === kind))
    .sort((a, b) => b.createdAt - a.createdAt)
    .map(view);
}

/** Resolves when the job has finished (ready or failed) or after `timeoutMs`; returns its view. */
export async function waitForExportJob(jobId: string, owner: ExportOwner, timeoutMs = Infinity): Promise<ExportJobView | null> {
  const job = find(jobId, owner);
  if (!job) return null;
  if (pending(job)) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = Number.isFinite(timeoutMs) ? new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))) : null;
    await (timeout ? Promise.race([job.settled, timeout]) : job.settled);
    clearTimeout(timer);
  }
  return view(job);
}

export interface ExportDownload {
  job: ExportJobView;
  stream: ReadStream;
  fileName: string;
  contentType: string;
  size: number;
}

/**
 * Opens the finished file of the owner's job; null when there is no such job or it is not ready.
 * The first download renews the time limit to one hour from now.
 */
export async function openExportDownload(jobId: string, owner: ExportOwner): Promise<ExportDownload | null> {
  await sweepExportJobs();
  const job = find(jobId, owner);
  if (!job || job.state !== "ready" || !job.file) return null;
  const now = settings().now();
  if (job.downloadedAt === null) {
    job.downloadedAt = now;
    job.expiresAt = Math.max(job.expiresAt ?? now, now + settings().resultTtlMs);
  }
  // why: opened before a sweep could delete it; an open file stays readable after unlinking.
  const stream = createReadStream(job.file);
  try {
    await new Promise<void>((resolve, reject) => {
      stream.once("open", () => resolve());
      stream.once("error", reject);
    });
  } catch {
    // Deleted from outside (e.g. by hand): the job has nothing to offer any more.
    job.state = "expired";
    job.file = null;
    return null;
  }
  return { job: view(job), stream, fileName: job.fileName ?? `export.${job.format}`, contentType: job.contentType ?? "application/octet-stream", size: job.size ?? 0 };
}
