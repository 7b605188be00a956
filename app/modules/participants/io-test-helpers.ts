// Test data for the import / export / GDPR tests: a project with areas and members, written straight
// into the test database (each test file has its own, see tests/setup/worker-db.ts).
import { randomBytes } from "node:crypto";
import { db } from "~/utils/db.server";
import type { ProjectRole } from "~/utils/permissions";

export const CONTRACT_HEADER = [
  "participant_no", "first_name", "last_name", "birth_date", "gender", "postcode", "programme_area", "entry_date",
  "employment_status", "long_term_unemployed", "education_level", "disability", "third_country_national",
  "foreign_background", "minority", "homeless", "rural_area", "exit_date", "exit_status", "qualification_gained",
  "employability_improved", "status_6_months", "situation_improved_6_months",
] as const;

export type ContractRow = Partial<Record<(typeof CONTRACT_HEADER)[number], string>>;

/** A CSV in contract format with every column; `delimiter` `,` (default) or `;`. */
export function contractCsv(rows: ContractRow[], delimiter: "," | ";" = ","): string {
  const quote = (value: string) => (/[",;\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = [CONTRACT_HEADER.join(delimiter)];
  for (const row of rows) lines.push(CONTRACT_HEADER.map((c) => quote(row[c] ?? "")).join(delimiter));
  return `${lines.join("\n")}\n`;
}

/** A complete row for the contract; override what a test needs. */
export function completeRow(no: string, overrides: ContractRow = {}): ContractRow {
  return {
    participant_no: no,
    first_name: `Vorname${no}`,
    last_name: `Nachname${no}`,
    birth_date: "1985-04-03",
    gender: "female",
    postcode: "03149",
    entry_date: "2020-02-01",
    employment_status: "unemployed",
    long_term_unemployed: "no",
    education_level: "isced_3_4",
    disability: "no",
    third_country_national: "no",
    foreign_background: "no",
    minority: "no_answer",
    homeless: "no",
    rural_area: "no",
    ...overrides,
  };
}

const suffix = () => randomBytes(4).toString("hex");

/** A project with the given areas; returns ids and the area ids by name. */
export async function createTestProject(options: { code?: string; areas?: string[]; finalStatementDate?: Date | null; retentionYears?: number } = {}) {
  const code = options.code ?? `T-${suffix().toUpperCase()}`;
  const project = await db.project.create({
    data: {
      code,
      title: `Testprojekt ${code}`,
      startDate: new Date("2019-01-01T00:00:00Z"),
      endDate: new Date("2022-12-31T00:00:00Z"),
      finalStatementDate: options.finalStatementDate ?? null,
      retentionYears: options.retentionYears ?? 5,
    },
  });
  const areaIds: Record<string, string> = {};
  for (const name of options.areas ?? ["Forster Innenstadt"]) {
    const area = await db.programmeArea.create({
      data: { name, municipality: `Ort ${suffix()}`, federalState: "Brandenburg", regionCategory: "transition" },
    });
    await db.projectArea.create({ data: { projectId: project.id, areaId: area.id } });
    areaIds[name] = area.id;
  }
  return { id: project.id, code, areaIds };
}

/** A user, optionally member of a project with a role. */
export async function createTestUser(options: { role?: ProjectRole; projectId?: string; isAdmin?: boolean; name?: string } = {}) {
  const user = await db.user.create({
    data: {
      email: `u-${suffix()}@test.example`,
      name: options.name ?? "Test User",
      passwordHash: "x",
      isAdmin: options.isAdmin ?? false,
    },
  });
  if (options.role && options.projectId) {
    await db.projectMembership.create({ data: { projectId: options.projectId, userId: user.id, role: options.role } });
  }
  return user;
}

export const bytes = (text: string) => new TextEncoder().encode(text);
