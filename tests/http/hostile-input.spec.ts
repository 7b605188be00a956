// Hostile input against every action: empty bodies, every known field filled with junk (control
// characters, 100 KB strings, SQL and HTML, unicode, numbers out of range, impossible dates, repeated
// keys), random intents, malformed multipart and foreign content types, oversized and length-less bodies
// (announced 30 MB: answered before the body is sent). Every answer
// must be a handled one (never 5xx; a 4xx or a re-rendered form with a visible message) and nothing may
// be written. The actions come from the route matrix (tests/http/route-matrix.ts), which itself fails
// when a route file with an action has no POST row: a new action is covered here automatically.
// "Nothing written" is checked on a project and users of this file's own (see support/isolated-project.ts),
// so the check holds while other tests write beside it on the same server. The end of the file checks the
// real CSV/XLSX downloads for formula injection. HOSTILE_SEED=<n> draws other junk (the default repeats).
import type { APIRequestContext, APIResponse } from "@playwright/test";
import ExcelJS from "exceljs";
import { can } from "../../app/utils/permissions";
import { expect, newApiSession, test } from "../e2e/fixtures";
import { NOT_IN_MATRIX, ROUTES, type Access, type RouteRow } from "./route-matrix";
import { announceOversized, chunkedPost, cookieHeader } from "./support/raw-http";
import { changedParts, createIsolatedProject, FORMULA_TEXT, snapshot, type IsolatedProject, type IsolatedRole } from "./support/isolated-project";

// why: one worker runs this file's tests in order on one project; a failing test does not skip the rest.
test.describe.configure({ mode: "default" });
// why: traces of 100 KB and 30 MB bodies would be large and say nothing the problem list does not.
test.use({ trace: "off" });

/** The seed of the junk generator: fixed so a failure repeats; HOSTILE_SEED=… tries other junk. */
const SEED = Number(process.env.HOSTILE_SEED ?? 20260221);

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BIG = "x".repeat(100 * 1024);
/** Values no form field should accept as they are (or at least must survive without a 500). */
const JUNK = [
  "\u0000\u0001\u0002\u0007\u001b[31m\u007f",
  "Name\u0000mit Nullbyte",
  BIG,
  `${"ä".repeat(60_000)}`,
  `'; DROP TABLE "Participant"; --`,
  `" OR 1=1 --`,
  "<script>alert(1)</script><img src=x onerror=alert(1)>",
  "{{7*7}}${7*7}<%= 7*7 %>",
  "Ünïcödé \u202Egnp.exe \uFEFF\u200B 𝕏 🧪 \u0301",
  "99999999999999999999",
  "-99999999999999999999",
  "1e309",
  "-1",
  "0",
  "NaN",
  "Infinity",
  "0x1F",
  "2147483648",
  "9007199254740993",
  "31.02.2026",
  "29.02.2025",
  "00.00.0000",
  "99.99.9999",
  "2026-02-31",
  "31.12.275760",
  "-0001-01-01",
  "12:99",
  "25:00",
  "../../../../etc/passwd",
  "javascript:alert(1)",
  "   ",
  "\r\n\r\n",
  "true",
  "on",
  "[object Object]",
  "__proto__",
];

/** One role of the isolated project that may post to the route (admins for admin-only rows). */
function postingRole(access: Access): IsolatedRole {
  if (access.kind === "admin") return "admin";
  if (access.kind !== "permission") return "lead";
  for (const role of ["lead", "coordinator", "accountant", "manager"] as const) if (can({ isAdmin: false, role }, access.permission)) return role;
  return "admin";
}

/** The POST rows of the matrix, plus POST routes kept out of it (posted to with a session of their own). */
const ACTIONS: RouteRow[] = [
  ...ROUTES.filter((row) => row.method === "POST"),
  ...Object.keys(NOT_IN_MATRIX)
    .filter((key) => key.startsWith("POST "))
    .map((key): RouteRow => ({ method: "POST", path: key.slice(5), access: { kind: "signedIn" } })),
];

/** Intents that need no input at all: junk around them cannot make them invalid (they are not sent). */
const NO_INPUT_INTENTS = new Set(["delete", "remove", "seed", "cancel", "logout", "resetPassword", "deactivate", "activate"]);

/**
 * Refusals (400, nothing written) whose message the page puts next to a row or section that the junk id
 * in the post does not name, so no message is visible. A browser never sends such ids; kept visible here.
 */
const SILENT_REFUSALS: Record<string, string[]> = {
  "POST /admin/users/:userId": ["removeRole"],
  "POST /admin/projects/:projectId": ["changeRole", "removeMember"],
  "POST /projects/:projectId/reports/progress": ["saveNarrative"],
};

let project: IsolatedProject;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  project = await createIsolatedProject("hostile");
});

test.afterAll(async () => {
  await project?.dispose();
});

function fillPath(row: RouteRow): string {
  const values: Record<string, string> = {
    projectId: project.projectId,
    userId: project.users.coordinator.id,
    areaId: project.areaId,
    actionFieldId: project.actionFieldId,
    ...project.ids,
  };
  return row.path.replace(/:(\w+)/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no id for :${name}`);
    return encodeURIComponent(values[name]);
  }) + (row.query ?? "");
}


/** Field names and intent values the page's forms send (the page at the same path), plus those the route source reads. */
async function formFields(api: APIRequestContext, url: string): Promise<{ names: string[]; intents: string[] }> {
  const page = await api.get(url.replace(/\?index$/, ""), { maxRedirects: 0 });
  const html = page.status() === 200 ? await page.text() : "";
  const names = new Set<string>();
  const intents = new Set<string>();
  for (const tag of html.matchAll(/<(?:input|select|textarea|button)\b[^>]*>/g)) {
    const name = /\bname="([^"]+)"/.exec(tag[0])?.[1];
    if (!name) continue;
    names.add(name);
    const value = /\bvalue="([^"]*)"/.exec(tag[0])?.[1];
    if (name === "intent" && value) intents.add(value);
  }
  return { names: [...names], intents: [...intents] };
}

function encode(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
}

/** What a handled refusal looks like: a message the user sees (alert, field error, or a plain-text answer). */
function hasVisibleMessage(body: string, contentType: string): boolean {
  if (!contentType.includes("html")) return body.trim().length > 0;
  return /role="alert"|class="field-error"|class="alert[ "]/.test(body);
}

interface Problem {
  what: string;
  status: number;
  detail?: string;
}

async function check(problems: Problem[], what: string, response: APIResponse, options: { form: boolean; silentAllowed?: boolean }) {
  const status = response.status();
  const body = await response.text();
  const contentType = response.headers()["content-type"] ?? "";
  if (status >= 500) problems.push({ what, status, detail: body.replace(/\s+/g, " ").slice(0, 200) });
  else if (options.form && status >= 200 && status < 300 && !hasVisibleMessage(body, contentType)) problems.push({ what, status, detail: "answered without a visible message" });
  else if (options.form && status >= 400 && !options.silentAllowed && !hasVisibleMessage(body, contentType)) problems.push({ what, status, detail: "refused without a visible message" });
}

for (const row of ACTIONS) {
  test(`POST ${row.path}${row.query ?? ""}`, async () => {
    test.slow();
    const key = `POST ${row.path}`;
    const isLogin = row.path === "/login";
    const isLogout = row.path === "/logout";
    const role = postingRole(row.access);
    const api = await project.as(role);
    const url = fillPath(row);
    const { names, intents } = await formFields(api, url);
    const fields = [...new Set([...names, "intent", "version"])].filter((name) => !(isLogin && name === "password"));
    const junkIntents = intents.filter((intent) => !NO_INPUT_INTENTS.has(intent));
    const rnd = random(SEED + [...key].reduce((sum, ch) => sum + ch.charCodeAt(0), 0));
    const pick = () => JUNK[Math.floor(rnd() * JUNK.length)];
    const problems: Problem[] = [];
    // why: a logout post ends the session it is sent with; it gets a session of its own per request.
    const send = async (what: string, options: Parameters<APIRequestContext["post"]>[1]) => {
      if (isLogout) {
        const own = await newApiSession({ email: project.users.manager.email, password: project.users.manager.password });
        try {
          await check(problems, what, await own.post(url, { ...options, maxRedirects: 0 }), { form: false });
        } finally {
          await own.dispose();
        }
        return;
      }
      const silentAllowed = (SILENT_REFUSALS[key] ?? []).some((intent) => what.endsWith(`(intent ${intent})`));
      await check(problems, what, await api.post(url, { ...options, maxRedirects: 0 }), { form: true, silentAllowed });
    };

    const before = await snapshot(project);

    // (a) empty body, as a form and as nothing at all
    await send("empty form", { form: {} });
    await send("no body", {});

    // (b) every known field with junk, once per intent the page offers (and once without an intent)
    for (const intent of [null, ...junkIntents]) {
      const pairs: [string, string][] = [];
      for (const name of fields) {
        if (name === "intent") continue;
        pairs.push([name, pick()]);
        // arrays via repeated keys
        if (rnd() < 0.3) pairs.push([name, pick()]);
      }
      if (intent) pairs.push(["intent", intent]);
      await send(`junk fields${intent ? ` (intent ${intent})` : ""}`, { data: encode(pairs), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
      // every field 100 KB at once
      const big: [string, string][] = fields.filter((n) => n !== "intent").map((n) => [n, BIG]);
      if (intent) big.push(["intent", intent]);
      if (!isLogin) await send(`100 KB in every field${intent ? ` (intent ${intent})` : ""}`, { data: encode(big), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
      // invalid UTF-8 percent-escapes
      await send(`invalid UTF-8${intent ? ` (intent ${intent})` : ""}`, {
        data: `${fields.map((n) => `${encodeURIComponent(n)}=%C3%28%FF%FE`).join("&")}${intent ? `&intent=${encodeURIComponent(intent)}` : ""}`,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
    }

    // (c) a random intent
    await send("random intent", { form: { intent: `x-${Math.floor(rnd() * 1e9).toString(36)}`, version: "1" } });

    // (d) malformed multipart and foreign content types
    await send("multipart without boundary", { data: "--x\r\nbroken", headers: { "Content-Type": "multipart/form-data" } });
    await send("multipart, truncated part", {
      data: '--xyz\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupdate',
      headers: { "Content-Type": "multipart/form-data; boundary=xyz" },
    });
    await send("multipart, wrong boundary", { data: "--abc\r\nContent-Disposition: form-data\r\n\r\n1\r\n--abc--\r\n", headers: { "Content-Type": "multipart/form-data; boundary=xyz" } });
    await send("JSON", { data: '{"intent":"update","version":1,"__proto__":{"isAdmin":true}}', headers: { "Content-Type": "application/json" } });
    await send("text/plain", { data: "intent=update&version=1", headers: { "Content-Type": "text/plain" } });
    await send("binary", { data: Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02]), headers: { "Content-Type": "application/octet-stream" } });

    // (e) an oversized body: refused before the server has read it; a body without a length: refused
    if (!isLogout) {
      const oversized = await announceOversized(url, await cookieHeader(api), 30 * 1024 * 1024, "application/x-www-form-urlencoded");
      if (oversized.status !== 413) problems.push({ what: "30 MB body", status: oversized.status, detail: oversized.body.slice(0, 200) });
      const chunked = await chunkedPost(url, await cookieHeader(api), "application/x-www-form-urlencoded");
      if (chunked.status !== 411) problems.push({ what: "chunked body without length", status: chunked.status, detail: chunked.body.slice(0, 200) });
    }

    expect(problems, `${key} as ${role} (HOSTILE_SEED=${SEED})`).toEqual([]);
    expect(changedParts(before, await snapshot(project)), `${key}: nothing may be written`).toEqual([]);
  });
}

// ---------------------------------------------------------------------------------------------
// Formula injection in the real downloads: text that starts with = + - @ tab CR leaves with a leading
// apostrophe (CSV and XLSX); numbers and dates stay numbers and dates.

const GUARDED = (text: string) => `'${text}`;

/** The cells of a CSV (`;` or `,`, quotes, BOM) as rows of strings. */
function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) row.push(cell), (cell = "");
    else if (ch === "\n" || (ch === "\r" && body[i + 1] === "\n")) {
      if (ch === "\r") i++;
      row.push(cell), rows.push(row), (row = []), (cell = "");
    } else cell += ch;
  }
  if (cell !== "" || row.length) row.push(cell), rows.push(row);
  return rows;
}

async function workbookCells(buffer: Buffer): Promise<ExcelJS.CellValue[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as never);
  const cells: ExcelJS.CellValue[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.value))));
  return cells;
}

/** Starts a participant export job and downloads its file (small exports are ready within seconds). */
async function participantExport(api: APIRequestContext, format: "csv" | "xlsx"): Promise<Buffer> {
  const start = await api.post(`/projects/${project.projectId}/participants/export`, { form: { format }, maxRedirects: 0 });
  expect(start.status(), (await start.text()).slice(0, 200)).toBe(302);
  const job = start.headers().location!;
  for (let attempt = 0; attempt < 40; attempt++) {
    const download = await api.get(`${job}/download`, { maxRedirects: 0 });
    if (download.status() === 200) return download.body();
    expect(download.status()).toBe(302);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`export ${job} not ready after 10 s`);
}

test("participant export (CSV, XLSX): formula-like names, address and number are neutralised", async () => {
  const lead = await project.as("lead");
  const csv = parseCsv((await participantExport(lead, "csv")).toString("utf8"), ";");
  const header = csv[0];
  const row = csv.find((r) => r[0] === GUARDED(FORMULA_TEXT.participantNo))!;
  expect(row, "the formula-like participant number leaves guarded").toBeTruthy();
  const cell = (name: string) => row[header.indexOf(name)];
  expect(cell("Nachname")).toBe(GUARDED(FORMULA_TEXT.lastName));
  expect(cell("Vorname")).toBe(GUARDED(FORMULA_TEXT.firstName));
  expect(cell("Straße")).toBe(GUARDED(FORMULA_TEXT.street));
  expect(cell("Telefon")).toBe(GUARDED(FORMULA_TEXT.phone));
  expect(cell("Ort")).toBe(GUARDED(FORMULA_TEXT.city));
  expect(cell("Geburtsdatum")).toBe("03.04.1985");
  const other = csv.find((r) => r[0] === "TN-0002")!;
  expect(other[header.indexOf("Nachname")]).toBe("Beispiel");

  const cells = await workbookCells(await participantExport(lead, "xlsx"));
  for (const text of [FORMULA_TEXT.participantNo, FORMULA_TEXT.lastName, FORMULA_TEXT.firstName, FORMULA_TEXT.street, FORMULA_TEXT.phone, FORMULA_TEXT.city]) {
    expect(cells, `XLSX: ${JSON.stringify(text)}`).toContain(GUARDED(text));
    expect(cells).not.toContain(text);
  }
  expect(cells.some((v) => v instanceof Date), "dates stay dates").toBe(true);
  expect(cells.some((v) => typeof v === "number"), "ages stay numbers").toBe(true);
  expect(cells.some((v) => typeof v === "object" && v !== null && !(v instanceof Date)), "no formula or rich cells").toBe(false);
});

test("finance report export (CSV, XLSX): receipt texts neutralised, amounts stay numbers", async () => {
  const lead = await project.as("lead");
  const base = `/projects/${project.projectId}/finance/report/export`;
  const csvResponse = await lead.get(`${base}?format=csv&year=2025`);
  expect(csvResponse.status()).toBe(200);
  const csv = parseCsv(await csvResponse.text(), ";");
  const receipt = csv.find((r) => r.includes(GUARDED(FORMULA_TEXT.receiptNo)))!;
  expect(receipt, "receipt row").toBeTruthy();
  expect(receipt).toContain(GUARDED(FORMULA_TEXT.expensePayee));
  expect(receipt).toContain(GUARDED(FORMULA_TEXT.expensePurpose));
  expect(receipt).toContain("123,45");
  expect(receipt).toContain("10.02.2025");

  const xlsx = await lead.get(`${base}?format=xlsx&year=2025`);
  expect(xlsx.status()).toBe(200);
  const cells = await workbookCells(await xlsx.body());
  for (const text of [FORMULA_TEXT.receiptNo, FORMULA_TEXT.expensePayee, FORMULA_TEXT.expensePurpose]) {
    expect(cells).toContain(GUARDED(text));
    expect(cells).not.toContain(text);
  }
  expect(cells).toContain(123.45);
});

test("ESF report export (CSV, XLSX): participant numbers in the incomplete list are neutralised", async () => {
  const lead = await project.as("lead");
  const base = `/projects/${project.projectId}/reports/esf/export`;
  const csvResponse = await lead.get(`${base}?format=csv`);
  expect(csvResponse.status()).toBe(200);
  const csv = parseCsv(await csvResponse.text(), ";");
  expect(csv.some((r) => r[0] === GUARDED(FORMULA_TEXT.participantNo))).toBe(true);
  expect(csv.some((r) => r[0] === FORMULA_TEXT.participantNo)).toBe(false);

  const xlsx = await lead.get(`${base}?format=xlsx`);
  expect(xlsx.status()).toBe(200);
  const cells = await workbookCells(await xlsx.body());
  expect(cells).toContain(GUARDED(FORMULA_TEXT.participantNo));
  expect(cells).not.toContain(FORMULA_TEXT.participantNo);
  expect(cells.filter((v) => typeof v === "number").length, "indicator counts stay numbers").toBeGreaterThan(20);
});
