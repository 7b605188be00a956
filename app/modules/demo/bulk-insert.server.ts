// Multi-row INSERTs of generated rows for any model, in the caller's transaction: the large demo data
// set (`biwaq demo generate`) writes hundreds of thousands of rows this way (docs/decisions/010).
// Column types come from the generated client's model description, values are encoded by
// participants/bulk-write.server.ts exactly as Prisma writes them, so Prisma reads them back unchanged.
import { createRequire } from "node:module";
import { insertRows, type Column, type ColumnType, type Value } from "~/modules/participants/bulk-write.server";
import type { Tx } from "~/utils/db.server";

interface ModelField {
  name: string;
  kind: string;
  type: string;
}

// why: both generated clients describe the same models; the SQLite one is always generated.
const requireFromHere = createRequire(import.meta.url);
let models: Map<string, ModelField[]> | null = null;

function fieldsOf(model: string): ModelField[] {
  if (!models) {
    const { Prisma } = requireFromHere("#prisma/sqlite") as { Prisma: { dmmf: { datamodel: { models: { name: string; fields: ModelField[] }[] } } } };
    models = new Map(Prisma.dmmf.datamodel.models.map((m) => [m.name, m.fields.filter((f) => f.kind === "scalar" || f.kind === "enum")]));
  }
  const fields = models.get(model);
  if (!fields) throw new Error(`unknown model ${model}`);
  return fields;
}

function columnType(field: ModelField): ColumnType {
  if (field.kind === "enum") return { enum: field.type };
  if (field.type === "Int") return "int";
  if (field.type === "Boolean") return "bool";
  if (field.type === "DateTime") return "timestamp";
  if (field.type === "String") return "text";
  throw new Error(`unsupported column type ${field.type} of ${field.name}`);
}

/**
 * Inserts `rows` (plain objects keyed by field name, as for createMany) into `model`'s table. The columns
 * are every field some row sets (absent values are NULL), plus createdAt/updatedAt set to `now` when
 * the model has them and no row sets them. Returns the number of rows written.
 */
export async function insertModelRows(tx: Tx, model: string, rows: readonly object[], now = new Date()): Promise<number> {
  if (rows.length === 0) return 0;
  const fields = fieldsOf(model);
  const used = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) used.add(key);
  const stamped = fields.filter((f) => (f.name === "createdAt" || f.name === "updatedAt") && !used.has(f.name)).map((f) => f.name);
  const chosen = fields.filter((f) => used.has(f.name) || stamped.includes(f.name));
  const columns: Column[] = chosen.map((f) => [f.name, columnType(f)] as const);
  const values = rows.map((row) => {
    const record = row as Record<string, unknown>;
    return chosen.map((f) => (stamped.includes(f.name) ? now : ((record[f.name] ?? null) as Value)));
  });
  return insertRows(tx, model, columns, values);
}
