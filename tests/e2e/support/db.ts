// Direct access to the test server's database from the tests (better-sqlite3 or pg), for what a
// browser cannot do: look up ids, age a session. Write queries with `?` placeholders and quoted
// identifiers ("Project"."code"); they run unchanged on both providers.
import Database from "better-sqlite3";
import pg from "pg";
import { e2eDatabaseUrl, isPostgresUrl } from "./run-env";

export type Row = Record<string, unknown>;

export async function sql<T extends Row = Row>(text: string, params: unknown[] = []): Promise<T[]> {
  const url = e2eDatabaseUrl();
  if (isPostgresUrl(url)) {
    let n = 0;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const result = await client.query(text.replace(/\?/g, () => `$${++n}`), params);
      return result.rows as T[];
    } finally {
      await client.end();
    }
  }
  const file = url.replace(/^file:/, "");
  const database = new Database(file, { fileMustExist: true, timeout: 5_000 });
  try {
    const statement = database.prepare(text);
    return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
  } finally {
    database.close();
  }
}

/** The single value of the first row; throws when there is none (a missing demo record is a setup error). */
export async function sqlValue<T = string>(text: string, params: unknown[] = []): Promise<T> {
  const rows = await sql(text, params);
  if (!rows.length) throw new Error(`no row for: ${text} ${JSON.stringify(params)}`);
  return Object.values(rows[0])[0] as T;
}

export function projectIdByCode(code: string): Promise<string> {
  return sqlValue(`SELECT "id" FROM "Project" WHERE "code" = ?`, [code]);
}

/** Titles of the projects a user is a member of (all projects for admins), by project code. */
export async function projectTitles(): Promise<Record<string, string>> {
  const rows = await sql<{ code: string; title: string }>(`SELECT "code", "title" FROM "Project"`);
  return Object.fromEntries(rows.map((r) => [r.code, r.title]));
}

/** The user's role in a project (null when not a member). */
export async function membershipRole(email: string, projectCode: string): Promise<string | null> {
  const rows = await sql<{ role: string }>(
    `SELECT m."role" AS "role" FROM "ProjectMembership" m JOIN "User" u ON u."id" = m."userId" JOIN "Project" p ON p."id" = m."projectId"
     WHERE u."email" = ? AND p."code" = ?`,
    [email, projectCode],
  );
  return rows[0]?.role ?? null;
}

/**
 * Moves a session's last activity `minutes` into the past, keeping the column's storage format
 * (SQLite: Prisma's ISO text or epoch ms; PostgreSQL: timestamp).
 */
export async function ageSession(sessionId: string, minutes: number): Promise<void> {
  const url = e2eDatabaseUrl();
  const when = new Date(Date.now() - minutes * 60_000);
  if (isPostgresUrl(url)) {
    // why: the column is a timestamp without time zone holding UTC; pass UTC text, not a JS Date.
    await sql(`UPDATE "Session" SET "lastSeenAt" = (?::timestamptz AT TIME ZONE 'UTC') WHERE "id" = ?`, [when.toISOString(), sessionId]);
    return;
  }
  const [row] = await sql<{ lastSeenAt: unknown }>(`SELECT "lastSeenAt" FROM "Session" WHERE "id" = ?`, [sessionId]);
  if (!row) throw new Error(`session ${sessionId.slice(0, 6)}… not found`);
  const value = typeof row.lastSeenAt === "number" ? when.getTime() : when.toISOString().replace("Z", "+00:00");
  await sql(`UPDATE "Session" SET "lastSeenAt" = ? WHERE "id" = ?`, [value, sessionId]);
}

/** The session id inside a signed Remix cookie value (base64 JSON, then ".signature"). */
export function sessionIdFromCookie(cookieValue: string): string {
  const [encoded] = decodeURIComponent(cookieValue).split(".");
  return JSON.parse(Buffer.from(encoded, "base64").toString("utf8")) as string;
}
