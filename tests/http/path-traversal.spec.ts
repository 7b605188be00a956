// Path traversal: static paths, download and upload ids, and upload file names with ../ reach no file
// outside the places the app serves or writes (build/client for assets, <data dir>/import-uploads and
// <data dir>/exports for files). Raw request paths go out unnormalised (node:http), as an attacker sends them.
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { projectIdByCode } from "../e2e/support/db";
import { BASE_URL, ROOT } from "../e2e/support/run-env";
import { expect, test } from "../e2e/fixtures";

/** What must never appear in an answer: /etc/passwd, package.json, the SQLite file, the session secret, source. */
const LEAKS = [/root:x?:0:0/, /"name":\s*"biwaq-tracker"/, /SQLite format 3/, /e2e-only-session-secret/, /createRequestHandler/, /"devDependencies"/];

/** GET with the path sent byte for byte (no URL normalisation), with an optional cookie. */
function rawGet(rawPath: string, cookie = ""): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(BASE_URL);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path: rawPath, method: "GET", headers: cookie ? { Cookie: cookie } : {} }, (response) => {
      let body = "";
      response.setEncoding("latin1");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

function expectNoLeak(body: string, what: string) {
  for (const leak of LEAKS) expect(body, `${what} leaks ${leak}`).not.toMatch(leak);
}

const STATIC_PATHS = [
  "/assets/../../package.json",
  "/assets/../../../../../../etc/passwd",
  "/assets/%2e%2e/%2e%2e/package.json",
  "/assets/%2e%2e%2f%2e%2e%2fpackage.json",
  "/assets/..%2f..%2f..%2fpackage.json",
  "/assets/..%5c..%5cpackage.json",
  "/assets/%252e%252e%252fpackage.json",
  "/assets/....//....//package.json",
  "/assets/%c0%ae%c0%ae/%c0%ae%c0%ae/package.json",
  "/%2e%2e/%2e%2e/etc/passwd",
  "/..%2f..%2f..%2fetc%2fpasswd",
  "/favicon.svg/..%2f..%2f..%2fpackage.json",
  "/package.json",
  "/server/index.js",
  "/data/biwaq.db",
  "/.env",
  "/tests/.tmp/e2e-data/.session-secret",
  "/assets/%00../../package.json",
];

test.describe("static paths", () => {
  for (const rawPath of STATIC_PATHS) {
    test(`GET ${rawPath}`, async () => {
      const { status, body } = await rawGet(rawPath);
      // Unknown paths end in the app's 404 (or a 400 for malformed escapes), never a file and never a 500.
      expect([400, 404], `${rawPath} → ${status}`).toContain(status);
      expectNoLeak(body, rawPath);
    });
  }

  test("control: a real asset is served", async ({ apiAs }) => {
    const login = await (await apiAs("anonymous")).get("/login");
    const asset = /href="(\/assets\/[^"]+\.css)"/.exec(await login.text())?.[1];
    expect(asset).toBeTruthy();
    expect((await rawGet(asset!)).status).toBe(200);
  });
});

test.describe("download and upload ids", () => {
  const hostileIds = ["..%2F..%2F..%2Fetc%2Fpasswd", "..%2F..%2Fpackage.json", "%2e%2e", "..", "x%00y", "a".repeat(300), "..%5C..%5Cwindows"];

  test("export job ids with ../ answer 404, for page and download", async ({ apiAs }) => {
    const lead = await apiAs("lead");
    const cookie = (await lead.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const projectId = await projectIdByCode("FORST-2019");
    for (const id of hostileIds) {
      for (const suffix of ["", "/download"]) {
        const rawPath = `/projects/${projectId}/exports/${id}${suffix}`;
        const { status, body } = await rawGet(rawPath, cookie);
        // why: a bare ".." segment is resolved by the URL itself (…/exports/.. is the project page, which the
        // lead may open); every id that names something below answers 404.
        const allowed = /^(\.\.|%2e%2e)$/.test(id) ? [200, 302, 400, 404] : [400, 404];
        expect(allowed, `${rawPath.slice(0, 120)} → ${status}`).toContain(status);
        expectNoLeak(body, rawPath);
      }
    }
  });

  test("participant import: an upload token with ../ opens no file (notice that the upload is gone)", async ({ apiAs }) => {
    const lead = await apiAs("lead");
    const projectId = await projectIdByCode("FORST-2019");
    for (const token of ["../../../../etc/passwd", "..%2F..%2F.session-secret", "../.session-secret", "../../package"]) {
      const response = await lead.get(`/projects/${projectId}/participants/import?upload=${encodeURIComponent(token)}`, { maxRedirects: 0 });
      expect(response.status()).toBe(200);
      const body = await response.text();
      expectNoLeak(body, token);
      expect(body).toContain('role="alert"');
    }
  });

  test("GDPR download of a participant id with ../ answers 404", async ({ apiAs }) => {
    const lead = await apiAs("lead");
    const cookie = (await lead.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const projectId = await projectIdByCode("FORST-2019");
    for (const id of hostileIds) {
      const rawPath = `/projects/${projectId}/participants/${id}/gdpr.json`;
      const { status, body } = await rawGet(rawPath, cookie);
      expect([400, 404], `${rawPath.slice(0, 120)} → ${status}`).toContain(status);
      expectNoLeak(body, rawPath);
    }
  });
});

test.describe("upload file names with ../", () => {
  const csv = "participant_no,first_name,last_name,postcode\r\nTN-TRAV-1,Anna,Muster,03149\r\n";

  test("participant import: the file is kept under its token, never under the sent name", async ({ newSession }) => {
    const lead = await newSession("lead");
    const projectId = await projectIdByCode("FORST-2019");
    const marker = `traversal-${randomBytes(4).toString("hex")}`;
    const names = [`../../../../../../tmp/${marker}.csv`, `..\\..\\..\\${marker}.csv`, `/tmp/${marker}-abs.csv`, `${"../".repeat(20)}${marker}.csv`];
    for (const name of names) {
      const response = await lead.post(`/projects/${projectId}/participants/import`, {
        multipart: { intent: "upload", file: { name, mimeType: "text/csv", buffer: Buffer.from(csv) } },
        maxRedirects: 0,
      });
      expect(response.status(), name).toBeLessThan(500);
      // The preview names the file as sent, HTML-escaped; the stored file is token.bin.
      const location = response.headers().location;
      if (location) {
        const preview = await lead.get(location);
        expect(preview.status()).toBe(200);
        // Cancel: the stored upload is removed again.
        const token = new URL(location, BASE_URL).searchParams.get("upload");
        if (token) await lead.post(`/projects/${projectId}/participants/import`, { form: { intent: "cancel", upload: token }, maxRedirects: 0 });
      }
    }
    expect(existsSync(`/tmp/${marker}.csv`)).toBe(false);
    expect(existsSync(`/tmp/${marker}-abs.csv`)).toBe(false);
    const dataDir = path.join(ROOT, "tests", ".tmp", "e2e-data");
    expect(existsSync(path.join(path.dirname(dataDir), `${marker}.csv`))).toBe(false);
    expect(existsSync(path.join(ROOT, `${marker}.csv`))).toBe(false);
    // Only token-named files in the upload folder (no file carries a sent name).
    const uploads = path.join(dataDir, "import-uploads");
    if (existsSync(uploads)) for (const file of readdirSync(uploads)) expect(file).toMatch(/^[A-Za-z0-9_-]{22}\.(json|bin)$/);
  });

  test("receipt import: a ../ file name is only read, never written", async ({ newSession }) => {
    const accountant = await newSession("accountant");
    const projectId = await projectIdByCode("FORST-2019");
    const marker = `traversal-${randomBytes(4).toString("hex")}`;
    const response = await accountant.post(`/projects/${projectId}/finance/expenses/import`, {
      multipart: { intent: "preview", file: { name: `../../../../tmp/${marker}.csv`, mimeType: "text/csv", buffer: Buffer.from("Datum;Kategorie\r\n01.01.2025;material\r\n") } },
      maxRedirects: 0,
    });
    expect(response.status()).toBeLessThan(500);
    expect(existsSync(`/tmp/${marker}.csv`)).toBe(false);
  });
});
