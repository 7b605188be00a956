import ExcelJS from "exceljs";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { exportParticipants, type ExportScope } from "~/modules/participants/export.server";
import { importParticipantFile } from "~/modules/participants/import.server";
import { bytes, completeRow, contractCsv, createTestProject, createTestUser } from "~/modules/participants/io-test-helpers";
import { parseListQuery } from "~/modules/participants/schema";
import { db } from "~/utils/db.server";
import {
  configureExportJobs,
  ExportLimitError,
  getExportJob,
  listExportJobs,
  openExportDownload,
  removeOrphanedExportFiles,
  resetExportJobs,
  startExportJob,
  sweepExportJobs,
  waitForExportJob,
  type ExportJobView,
  type ExportOwner,
  type ExportProduction,
  type ReportProgress,
} from "./jobs.server";
import { startParticipantExportJob } from "./participants.server";

const ROWS = 3000;
const LEAD: ExportScope = { identity: true, sensitive: true };

let base: string;
let project: Awaited<ReturnType<typeof createTestProject>>;
let other: Awaited<ReturnType<typeof createTestProject>>;
let userId: string;
let otherUserId: string;
let clock = Date.UTC(2026, 10, 21, 9, 0);

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), "biwaq-export-jobs-"));
  project = await createTestProject({ code: "JOB-TEST", areas: ["Forster Innenstadt"] });
  other = await createTestProject({ code: "JOB-OTHER" });
  userId = (await createTestUser({ role: "lead", projectId: project.id })).id;
  otherUserId = (await createTestUser({ role: "lead", projectId: project.id })).id;
  await db.projectMembership.create({ data: { userId, projectId: other.id, role: "lead" } });
  const rows = Array.from({ length: ROWS }, (_, i) =>
    completeRow(`TN-${String(i + 1).padStart(5, "0")}`, { programme_area: "Forster Innenstadt", last_name: i === 7 ? '=HYPERLINK("x")' : `Nachname${i}` }),
  );
  const result = await importParticipantFile(project.id, bytes(contractCsv(rows)), "many.csv", userId);
  expect(result.counts.imported).toBe(ROWS);
}, 120_000);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(base, "run-"));
  await configureExportJobs({ dir, maxRunning: 1, now: () => clock });
});

afterAll(async () => {
  await resetExportJobs();
  await rm(base, { recursive: true, force: true });
});

const owner = (): ExportOwner => ({ userId, projectId: project.id });

function participantJob(format: "csv" | "xlsx", params = "") {
  return startParticipantExportJob({
    projectId: project.id,
    projectCode: project.code,
    query: parseListQuery(new URLSearchParams(params)),
    scope: LEAD,
    format,
    locale: "de",
    actorId: userId,
  });
}

async function finished(job: ExportJobView): Promise<ExportJobView> {
  const done = await waitForExportJob(job.id, owner());
  expect(done).not.toBeNull();
  return done!;
}

async function downloaded(job: ExportJobView): Promise<Buffer> {
  const download = await openExportDownload(job.id, owner());
  expect(download).not.toBeNull();
  const chunks: Buffer[] = [];
  for await (const chunk of download!.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A job whose rows are written only when the test releases it. */
function controlledJob(jobOwner: ExportOwner, rows = 3) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const started: string[] = [];
  const request = (name: string) => ({
    owner: jobOwner,
    kind: "participants" as const,
    format: "csv",
    prepare: async (): Promise<ExportProduction> => {
      started.push(name);
      return {
        total: rows,
        fileName: `${name}.csv`,
        contentType: "text/csv",
        async write(out: Writable, progress: ReportProgress) {
          await gate;
          for (let i = 1; i <= rows; i++) {
            out.write(`${name}-${i}\n`);
            await progress(i);
          }
          out.end();
        },
      };
    },
  });
  return { request, release, started };
}

describe("export jobs", () => {
  it("writes the same CSV as the direct export, audited once when it runs", async () => {
    const auditsBefore = await db.auditEvent.count({ where: { projectId: project.id, action: "export" } });
    const job = await participantJob("csv", "completeness=complete");
    expect(["queued", "running"]).toContain(job.state);
    const done = await finished(job);
    expect(done).toMatchObject({ state: "ready", done: ROWS, total: ROWS, format: "csv" });
    expect(done.fileName).toMatch(/^Teilnehmende-JOB-TEST-\d{4}-\d{2}-\d{2}\.csv$/);

    const direct = await exportParticipants({
      projectId: project.id,
      projectCode: project.code,
      query: parseListQuery(new URLSearchParams("completeness=complete")),
      scope: LEAD,
      format: "csv",
      locale: "de",
      actorId: userId,
    });
    const expected = Buffer.from(await new Response(direct.body).arrayBuffer());
    const file = await downloaded(done);
    expect(file.equals(expected)).toBe(true);
    expect(file.toString("utf8")).toContain("'=HYPERLINK");
    expect(file.toString("utf8").trim().split("\r\n")).toHaveLength(ROWS + 1);
    // One event for the job, one for the direct export.
    expect(await db.auditEvent.count({ where: { projectId: project.id, action: "export" } })).toBe(auditsBefore + 2);
  });

  it("writes an XLSX whose cells equal the direct export's", async () => {
    const done = await finished(await participantJob("xlsx", "q=TN-0001"));
    expect(done.state).toBe("ready");
    const direct = await exportParticipants({
      projectId: project.id,
      projectCode: project.code,
      query: parseListQuery(new URLSearchParams("q=TN-0001")),
      scope: LEAD,
      format: "xlsx",
      locale: "de",
      actorId: userId,
    });
    const read = async (data: ArrayBuffer | Buffer) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(data as never);
      const sheet = workbook.worksheets[0];
      const values: unknown[] = [];
      sheet.eachRow((row) => values.push(row.values));
      return { name: sheet.name, values };
    };
    const fromJob = await read(await downloaded(done));
    const fromDirect = await read(await new Response(direct.body).arrayBuffer());
    expect(fromJob.values.length).toBe(10 + 1); // header + TN-00010 … TN-00019
    expect(fromJob).toEqual(fromDirect);
    expect((fromJob.values[0] as unknown[])[1]).toBe("Teilnehmenden-Nr");
  });

  it("reports progress in steps while other callbacks of the event loop keep running", async () => {
    const job = await participantJob("csv");
    const seen: number[] = [];
    let timerSawDone: number | null = null;
    setTimeout(() => {
      timerSawDone = registryDone(job.id);
    }, 0);
    let settled = false;
    const sample = () => {
      if (settled) return;
      seen.push(registryDone(job.id));
      setImmediate(sample);
    };
    setImmediate(sample);
    const done = await finished(job);
    settled = true;
    expect(done.done).toBe(ROWS);
    // A timer scheduled after the start ran before the job had written every row …
    expect(timerSawDone).not.toBeNull();
    expect(timerSawDone!).toBeLessThan(ROWS);
    // … and immediate callbacks saw the count grow in several steps in between.
    const steps = new Set(seen.filter((n) => n > 0 && n < ROWS));
    expect(steps.size).toBeGreaterThanOrEqual(5);
    expect([...steps].every((n) => n % 125 === 0)).toBe(true);
  });

  it("runs one job at a time and starts queued jobs in order, showing the waiting position", async () => {
    const first = controlledJob(owner());
    const a = await startExportJob(first.request("a"));
    const b = await startExportJob(first.request("b"));
    const c = await startExportJob({ ...first.request("c"), owner: { userId: otherUserId, projectId: project.id } });
    try {
      while (first.started.length === 0) await new Promise((resolve) => setImmediate(resolve));
      expect((await getExportJob(a.id, owner()))!.state).toBe("running");
      expect(await getExportJob(b.id, owner())).toMatchObject({ state: "queued", position: 1 });
      expect(await getExportJob(c.id, { userId: otherUserId, projectId: project.id })).toMatchObject({ state: "queued", position: 2 });
      expect(first.started).toEqual(["a"]);
    } finally {
      first.release();
    }
    await waitForExportJob(c.id, { userId: otherUserId, projectId: project.id });
    expect(first.started).toEqual(["a", "b", "c"]);
    expect((await getExportJob(b.id, owner()))!.state).toBe("ready");
    expect((await downloaded((await getExportJob(b.id, owner()))!)).toString()).toBe("b-1\nb-2\nb-3\n");
  });

  it("refuses a fourth waiting job of the same user", async () => {
    const gated = controlledJob(owner());
    try {
      for (const name of ["a", "b", "c"]) await startExportJob(gated.request(name));
      await expect(startExportJob(gated.request("d"))).rejects.toBeInstanceOf(ExportLimitError);
      // Another user may still start one.
      await expect(startExportJob({ ...gated.request("e"), owner: { userId: otherUserId, projectId: project.id } })).resolves.toMatchObject({ state: "queued" });
    } finally {
      gated.release();
    }
  });

  it("shows a job only to its user in its project", async () => {
    const job = await finished(await participantJob("csv", "q=TN-00001"));
    expect(await getExportJob(job.id, owner())).not.toBeNull();
    expect(await getExportJob(job.id, { userId: otherUserId, projectId: project.id })).toBeNull();
    expect(await getExportJob(job.id, { userId, projectId: other.id })).toBeNull();
    expect(await openExportDownload(job.id, { userId: otherUserId, projectId: project.id })).toBeNull();
    expect(await openExportDownload(job.id, { userId, projectId: other.id })).toBeNull();
    expect(await getExportJob("not a job id", owner())).toBeNull();
    expect((await listExportJobs(owner())).map((j) => j.id)).toEqual([job.id]);
    expect(await listExportJobs({ userId: otherUserId, projectId: project.id })).toEqual([]);
  });

  it("marks a failing job as failed and leaves no file behind", async () => {
    const failing = await startExportJob({
      owner: owner(),
      kind: "participants",
      format: "csv",
      prepare: async () => ({
        total: 10,
        fileName: "x.csv",
        contentType: "text/csv",
        async write(out, progress) {
          out.write("half a file\n");
          await progress(5);
          throw new Error("database went away");
        },
      }),
    });
    const done = await finished(failing);
    expect(done).toMatchObject({ state: "failed", done: 5 });
    expect(await openExportDownload(failing.id, owner())).toBeNull();
    const instance = (await readdir(dir)).find((name) => name.startsWith("p"))!;
    expect(await readdir(path.join(dir, instance))).toEqual([]);
    // The queue goes on after a failure.
    expect((await finished(await participantJob("csv", "q=TN-00002"))).state).toBe("ready");
  });

  it("deletes a finished file an hour after it was finished or first downloaded", async () => {
    const start = clock;
    const job = await finished(await participantJob("csv", "q=TN-00003"));
    const file = path.join(dir, (await readdir(dir)).find((name) => name.startsWith("p"))!, `${job.id}.csv`);
    expect(existsSync(file)).toBe(true);
    expect(job.expiresAt!.getTime()).toBe(start + 60 * 60 * 1000);

    clock = start + 30 * 60 * 1000;
    await downloaded(job);
    expect((await getExportJob(job.id, owner()))!.expiresAt!.getTime()).toBe(clock + 60 * 60 * 1000);

    clock = start + 89 * 60 * 1000;
    expect(await sweepExportJobs()).toBe(0);
    expect(existsSync(file)).toBe(true);

    clock = start + 91 * 60 * 1000;
    expect(await sweepExportJobs()).toBe(1);
    expect(existsSync(file)).toBe(false);
    expect(await getExportJob(job.id, owner())).toMatchObject({ state: "expired" });
    expect(await openExportDownload(job.id, owner())).toBeNull();

    // Listed as deleted for a day, then forgotten.
    clock = start + 26 * 60 * 60 * 1000;
    expect(await getExportJob(job.id, owner())).toBeNull();
    clock = start;
  });

  it("deletes the files of earlier processes at start-up and keeps those of live ones", async () => {
    const leftover = path.join(dir, "p999999999-0badf00d");
    const ownPidBefore = path.join(dir, `p${process.pid}-00000000`);
    const live = path.join(dir, `p${process.ppid}-12345678`);
    for (const folder of [leftover, ownPidBefore, live]) {
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, "x.csv"), "old");
    }
    await writeFile(path.join(dir, "notes.txt"), "not ours");
    expect(await removeOrphanedExportFiles()).toBe(2);
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(ownPidBefore)).toBe(false);
    expect(await readFile(path.join(live, "x.csv"), "utf8")).toBe("old");
    expect(existsSync(path.join(dir, "notes.txt"))).toBe(true);
  });
});

/** The rows done of a job as the status page would see them right now (no sweep, no await). */
function registryDone(jobId: string): number {
  const registry = (globalThis as { __biwaqExportJobs?: { jobs: Map<string, { done: number }> } }).__biwaqExportJobs!;
  return registry.jobs.get(jobId)?.done ?? -1;
}
