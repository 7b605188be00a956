// `biwaq import participants` end to end: the command's main(argv) against this test file's database,
// checking the exact output lines of the data contract and the exit codes.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { completeRow, contractCsv, createTestProject } from "~/modules/participants/io-test-helpers";
import { db } from "~/utils/db.server";
import { main } from "./main";

const dir = mkdtempSync(path.join(tmpdir(), "biwaq-import-cli-"));
let project: Awaited<ReturnType<typeof createTestProject>>;

/** Runs the command in this process and returns its exit code and what it printed. */
async function biwaq(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const log = vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void (stdout += `${parts.join(" ")}\n`));
  const error = vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void (stderr += `${parts.join(" ")}\n`));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

function file(name: string, content: string | Buffer): string {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

const count = () => db.participant.count({ where: { projectId: project.id } });

beforeAll(async () => {
  project = await createTestProject({ code: "CLI-IMPORT", areas: ["Forster Innenstadt"] });
});

describe("biwaq import participants", () => {
  const mixed = contractCsv([
    completeRow("TN-1"),
    completeRow("TN-2", { education_level: "" }),
    completeRow("TN-3", { entry_date: "2020-05-01", exit_date: "2020-04-01" }),
    completeRow("TN-4", { programme_area: "Nirgendwo" }),
  ]);

  it("--strict with a rejected row prints the lines, exits non-zero and writes nothing", async () => {
    const result = await biwaq(["import", "participants", "--project", "CLI-IMPORT", "--file", file("mixed.csv", mixed), "--strict"]);
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n")).toEqual([
      "imported 0, updated 0, unchanged 0, incomplete 0, rejected 2",
      "line 4: exit_date 2020-04-01 is before entry_date 2020-05-01",
      'line 5: programme_area "Nirgendwo" is not an area of this project',
      "",
    ]);
    expect(result.stderr).toContain("nothing was written");
    expect(await count()).toBe(0);
  });

  it("prints the contract summary and one line per rejected row; exit 0 with rejected rows", async () => {
    const result = await biwaq(["import", "participants", "--project", "CLI-IMPORT", "--file", file("mixed.csv", mixed)]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")).toEqual([
      "imported 2, updated 0, unchanged 0, incomplete 1, rejected 2",
      "line 4: exit_date 2020-04-01 is before entry_date 2020-05-01",
      'line 5: programme_area "Nirgendwo" is not an area of this project',
      "",
    ]);
    expect(await count()).toBe(2);
  });

  it("re-importing the same file reports everything unchanged", async () => {
    const clean = file("clean.csv", contractCsv([completeRow("TN-1"), completeRow("TN-2", { education_level: "" })]));
    const result = await biwaq(["import", "participants", "--project", "CLI-IMPORT", "--file", clean, "--strict"]);
    expect(result).toMatchObject({ code: 0, stdout: "imported 0, updated 0, unchanged 2, incomplete 1, rejected 0\n" });
  });

  it("fails with a clear message for an unknown project, a missing file, an unreadable file and a wrong type", async () => {
    const unknown = await biwaq(["import", "participants", "--project", "NOPE", "--file", file("clean2.csv", mixed)]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown project: NOPE");

    const missing = await biwaq(["import", "participants", "--project", "CLI-IMPORT", "--file", path.join(dir, "none.csv")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no such file");

    const binary = await biwaq(["import", "participants", "--project", "CLI-IMPORT", "--file", file("bad.csv", Buffer.from([0xff, 0xfe, 0x00, 0x41]))]);
    expect(binary.code).toBe(1);
    expect(binary.stderr).toContain("not valid UTF-8");

    const wrongType = await biwaq(["import", "participants", "--project", "CLI-IMPORT", "--file", file("list.txt", "a;b\n")]);
    expect(wrongType.code).toBe(1);
    expect(wrongType.stderr).toContain("unsupported file type");

    const usage = await biwaq(["import", "participants", "--project", "CLI-IMPORT"]);
    expect(usage.code).toBe(2);
    expect(await count()).toBe(2);
  });

  it("refuses a file over the size limit before reading it", async () => {
    const big = file("big.csv", Buffer.alloc(20 * 1024 * 1024 + 1, 0x41));
    const result = await biwaq(["import", "participants", "--project", "CLI-IMPORT", "--file", big]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/too large .* limit is 20 MB/);
  });
});
