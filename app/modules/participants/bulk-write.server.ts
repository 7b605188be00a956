// Set-based writes for the participant import: multi-row INSERT and UPDATE … FROM (VALUES …) in plain
// SQL, run inside the caller's Prisma transaction.
// why: Prisma 6's client engine compiles every createMany/updateMany argument through its query
// compiler; for 10,000 participants (+ identities + audit rows) that alone costs ~15 s of CPU on these
// machines, while the same rows as a few dozen parameterised statements take well under a second.
// Values are written exactly as Prisma writes them (SQLite: ISO text with "+00:00", booleans 0/1;
// PostgreSQL: typed parameters cast to the column type, enums included), so Prisma reads them back
// unchanged. Table and column names come from the constants below, never from input.
import { getDbHandle, type Tx } from "~/utils/db.server";

export type ColumnType = "text" | "int" | "bool" | "timestamp" | { enum: string };
export type Column = readonly [name: string, type: ColumnType];
export type Value = string | number | boolean | Date | null;

/** Parameters per statement: below SQLite's limit (32,766) and PostgreSQL's (65,535) with room to spare. */
const MAX_PARAMS = 9_000;

function isPostgres(): boolean {
  return getDbHandle().provider === "postgresql";
}

const quote = (name: string) => `"${name}"`;

function pgCast(type: ColumnType): string {
  if (typeof type === "object") return `"${type.enum}"`;
  return { text: "text", int: "integer", bool: "boolean", timestamp: "timestamp(3)" }[type];
}

/** A value as the driver should receive it for this provider. */
function encode(value: Value, postgres: boolean): string | number | boolean | null {
  if (value === null) return null;
  if (value instanceof Date) return postgres ? value.toISOString() : value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return postgres ? value : value ? 1 : 0;
  return value;
}

/** Placeholder for parameter number `index` (1-based) of a column. */
function placeholder(postgres: boolean, index: number, type: ColumnType): string {
  return postgres ? `$${index}::${pgCast(type)}` : "?";
}

function chunked<T>(rows: T[], width: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / width));
  const result: T[][] = [];
  for (let i = 0; i < rows.length; i += size) result.push(rows.slice(i, i + size));
  return result;
}

/** INSERT INTO table (columns) VALUES (…), (…) in chunks; returns the number of rows written. */
export async function insertRows(tx: Tx, table: string, columns: readonly Column[], rows: Value[][]): Promise<number> {
  const postgres = isPostgres();
  let written = 0;
  for (const part of chunked(rows, columns.length)) {
    let n = 0;
    const tuples = part.map(() => `(${columns.map(([, type]) => placeholder(postgres, ++n, type)).join(", ")})`);
    const sql = `INSERT INTO ${quote(table)} (${columns.map(([name]) => quote(name)).join(", ")}) VALUES ${tuples.join(", ")}`;
    written += await tx.$executeRawUnsafe(sql, ...part.flatMap((row) => row.map((value) => encode(value, postgres))));
  }
  return written;
}

/**
 * UPDATE table SET (set columns) = the values of each row, matched on the key columns (all must be
 * equal) and on `scope` (e.g. the project). `extraSet` adds fixed assignments such as a version bump.
 * Returns how many rows were updated, so the caller can tell whether every row still matched.
 */
export async function updateRows(
  tx: Tx,
  table: string,
  keys: readonly Column[],
  set: readonly Column[],
  rows: Value[][],
  options: { scope: [column: string, value: string]; extraSet?: { column: string; expression: "increment" | Value }[] },
): Promise<number> {
  const postgres = isPostgres();
  const columns = [...keys, ...set];
  let updated = 0;
  for (const part of chunked(rows, columns.length)) {
    const params: (string | number | boolean | null)[] = [];
    let n = 0;
    const add = (value: Value, type: ColumnType) => {
      params.push(encode(value, postgres));
      return placeholder(postgres, ++n, type);
    };
    // SQLite numbers placeholders by their position in the text: the SET clause comes first.
    const target = postgres ? "t" : quote(table);
    const sourceColumn = (index: number) => (postgres ? `v.${quote(columns[index][0])}` : `v.column${index + 1}`);
    const assignments = set.map(([name], i) => `${quote(name)} = ${sourceColumn(keys.length + i)}`);
    for (const extra of options.extraSet ?? []) {
      assignments.push(
        extra.expression === "increment"
          ? `${quote(extra.column)} = ${target}.${quote(extra.column)} + 1`
          : `${quote(extra.column)} = ${add(extra.expression, extra.expression instanceof Date ? "timestamp" : "text")}`,
      );
    }
    const tuples = part.map((row) => `(${row.map((value, i) => add(value, columns[i][1])).join(", ")})`);
    const matches = keys.map(([name], i) => `${target}.${quote(name)} = ${sourceColumn(i)}`);
    matches.push(`${target}.${quote(options.scope[0])} = ${add(options.scope[1], "text")}`);
    const alias = postgres ? ` AS v(${columns.map(([name]) => quote(name)).join(", ")})` : " AS v";
    const sql =
      `UPDATE ${quote(table)}${postgres ? " AS t" : ""} SET ${assignments.join(", ")} ` +
      `FROM (VALUES ${tuples.join(", ")})${alias} WHERE ${matches.join(" AND ")}`;
    updated += await tx.$executeRawUnsafe(sql, ...params);
  }
  return updated;
}
