// Access to other projects' data and hostile ids: a plain 404 (403 for non-admins in the admin area),
// never a hint, never a 500.
import { randomBytes } from "node:crypto";
import { projectIdByCode } from "../e2e/support/db";
import { expect, test } from "../e2e/fixtures";

test.describe("cross-project access", () => {
  test("a lead opening a project they are not a member of gets the same 404 as for a random id", async ({ apiAs }) => {
    const lead = await apiAs("lead");
    const existingId = await projectIdByCode("WEISSWASSER");
    const randomId = randomBytes(12).toString("hex");
    const weisswasser = await lead.get(`/projects/${existingId}`, { maxRedirects: 0 });
    const random = await lead.get(`/projects/${randomId}`, { maxRedirects: 0 });
    expect(weisswasser.status()).toBe(404);
    expect(random.status()).toBe(404);
    const body = await weisswasser.text();
    expect(body).not.toContain("Perspektiven Weißwasser");
    expect(body).not.toContain("WEISSWASSER");
    // The same page apart from the requested id and the per-request CSP nonce: nothing tells
    // "exists, not yours" from "does not exist".
    const normalise = (html: string, id: string) => html.replaceAll(id, "<id>").replace(/nonce="[^"]*"/g, 'nonce=""');
    expect(normalise(body, existingId)).toBe(normalise(await random.text(), randomId));
  });

  test("the same lead does open their own project", async ({ apiAs }) => {
    const lead = await apiAs("lead");
    const forst = await lead.get(`/projects/${await projectIdByCode("FORST-2019")}`, { maxRedirects: 0 });
    expect(forst.status()).toBe(200);
    expect(await forst.text()).toContain("Mittendrin statt Außen vor");
  });

  test("a lead cannot reach another project's data through a data request either", async ({ apiAs }) => {
    const lead = await apiAs("lead");
    const id = await projectIdByCode("WEISSWASSER");
    // Remix single-fetch data request for the project routes.
    const response = await lead.get(`/projects/${id}.data`, { maxRedirects: 0 });
    expect(response.status()).not.toBe(200);
    expect(response.status()).toBeLessThan(500);
    expect(await response.text()).not.toContain("Perspektiven Weißwasser");
  });
});

test.describe("malformed ids answer 404, never 500", () => {
  const paths = [
    "/projects/..%2F..%2Fetc",
    "/projects/..%2F..%2Fetc%2Fpasswd",
    `/projects/${"a".repeat(300)}`,
    "/projects/%00",
    "/projects/%E2%80%AE",
    "/projects/'%20OR%201=1--",
    "/admin/users/'%20OR%201=1",
    `/admin/users/${"x".repeat(300)}`,
    "/admin/projects/..%2F..%2Fetc",
    "/admin/areas/%3Cscript%3E",
  ];
  for (const path of paths) {
    test(path.length > 60 ? `${path.slice(0, 40)}… (${path.length} chars)` : path, async ({ apiAs }) => {
      const asAdmin = await (await apiAs("admin")).get(path, { maxRedirects: 0 });
      expect(asAdmin.status(), `admin GET ${path}`).toBe(404);
      // A non-admin is stopped at the admin area's door (403) before any id is looked at.
      const asLead = await (await apiAs("lead")).get(path, { maxRedirects: 0 });
      expect(path.startsWith("/admin/") ? [403, 404] : [404], `lead GET ${path}`).toContain(asLead.status());
    });
  }
});
