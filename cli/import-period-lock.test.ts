// `biwaq import participants` and the reporting-period lock: rows dated in a closed period are
// rejected lines (with --strict nothing is written), rows outside it are imported.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { completeRow, contractCsv, createTestProject } from "~/modules/participants/io-test-helpers";
import { db } from "~/utils/db.server";
import { main } from "./main";

const dir = mkdtempSync(path.join(tmpdir(), "biwaq-import-lock-"));
let project: Awaited<ReturnType<typeof createTestProject>>;

async function biwaq(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const log = vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void (stdout += `${parts.join(" ")}\n`));
  const error = vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void (stderr += `${parts.join(" ")}\n`));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

beforeAll(async () => {
  project = await createTestProject({ code: "CLI-LOCK" });
  await db.reportingPeriod.create({ data: { projectId: project.id, start: new Date("2020-01-01T00:00:00Z"), end: new Date("2020-12-31T00:00:00Z"), lockedAt: new Date() } });
});

describe("biwaq import participants with a closed reporting period", () => {
  const file = path.join(dir, "rows.csv");

  it("rejects the rows dated in the closed period", async () => {
    writeFileSync(file, contractCsv([completeRow("TN-1", { entry_date: "2020-02-01" }), completeRow("TN-2", { entry_date: "2021-02-01" })]));
    const strict = await biwaq(["import", "participants", "--project", "CLI-LOCK", "--file", file, "--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("line 2: entry_date 2020-02-01 lies in the closed reporting period 2020-01-01 to 2020-12-31");
    expect(await db.participant.count({ where: { projectId: project.id } })).toBe(0);

    const lenient = await biwaq(["import", "participants", "--project", "CLI-LOCK", "--file", file]);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout.split("\n")[0]).toBe("imported 1, updated 0, unchanged 0, incomplete 0, rejected 1");
    expect(await db.participant.findMany({ where: { projectId: project.id }, select: { participantNo: true } })).toEqual([{ participantNo: "TN-2" }]);
  });
});
