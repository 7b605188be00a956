// The progress report's route module called as Remix calls it, with a real session: who may read, edit and
// export; a stale save answers 409 with the typed text and the stored one; bad input answers 400 with the
// typed text; coordinators get the report without the ESF table and cannot post.
import { beforeAll, describe, expect, it } from "vitest";
import * as page from "~/routes/projects.$projectId.reports.progress";
import * as exportRoute from "~/routes/projects.$projectId.reports.progress_.export";
import { addMember, createProject, createUser, requestAs, statusOf, type ProjectFixture } from "~/modules/targets/steering-test-helpers";
import { db } from "~/utils/db.server";
import type { ProjectRole } from "~/utils/permissions";

let project: ProjectFixture;
const users = {} as Record<ProjectRole, { id: string }>;

type Answer = { data: Record<string, unknown>; init: { status?: number } | null };

beforeAll(async () => {
  project = await createProject({ start: "2020-01-01", end: "2022-12-31" });
  for (const role of ["lead", "coordinator", "manager", "accountant"] as const) {
    users[role] = await createUser(`User ${role}`);
    await addMember(project.id, users[role].id, role);
  }
});

const path = (query = "?from=2021-01-01&to=2021-12-31") => `/projects/${project.id}/reports/progress${query}`;
const params = () => ({ projectId: project.id });
const load = async (who: ProjectRole, query?: string) => page.loader({ request: await requestAs(users[who].id, path(query)), params: params(), context: {} });
const post = async (who: ProjectRole, form: Record<string, string>) =>
  page.action({ request: await requestAs(users[who].id, path(), form), params: params(), context: {} }) as unknown as Promise<Answer>;
const form = (body: string, version: string) => ({ intent: "saveNarrative", from: "2021-01-01", to: "2021-12-31", section: "summary", actionFieldId: "", body, version });

describe("progress report page", () => {
  it("lets every role read; only the lead edits; the ESF table follows report:esf", async () => {
    const lead = await load("lead");
    expect(lead.canEdit).toBe(true);
    expect(lead.report?.esf).not.toBeNull();
    const coordinator = await load("coordinator");
    expect(coordinator.canEdit).toBe(false);
    expect(coordinator.report?.esf).toBeNull();
    expect((await load("accountant")).report?.esf).not.toBeNull();
    expect(await statusOf(post("coordinator", form("x", "0")))).toBe(403);
    expect(await statusOf(post("manager", form("x", "0")))).toBe(403);
    expect(await db.reportNarrative.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("answers a bad period with field errors instead of a report", async () => {
    const result = await load("lead", "?from=2019-01-01&to=2019-12-31");
    expect(result.report).toBeNull();
    expect(result.errors).toEqual({ from: ["reports.progress.outsideProject"] });
    expect((await load("lead", "?from=31.02.2021")).errors).toEqual({ from: ["reports.progress.invalidDate"] });
  });

  it("saves, answers a stale save with 409 keeping the typed text, and a too long one with 400", async () => {
    const saved = await post("lead", form("Stand A", "0"));
    expect(saved.data).toMatchObject({ key: "summary", ok: true, version: 1 });
    await post("lead", form("Stand B", "1"));

    const stale = await post("lead", form("Mein neuer Text", "1"));
    expect(stale.init?.status).toBe(409);
    expect(stale.data).toMatchObject({ key: "summary", ok: false, body: "Mein neuer Text", version: 2, conflict: { body: "Stand B", updatedByName: "User lead" } });

    const tooLong = await post("lead", form(`Anfang ${"x".repeat(20_001)}`, "2"));
    expect(tooLong.init?.status).toBe(400);
    expect(tooLong.data).toMatchObject({ ok: false, fieldErrors: { body: ["reports.progress.bodyTooLong"] } });
    expect(String(tooLong.data.body).startsWith("Anfang ")).toBe(true);

    expect((await load("coordinator")).report?.narratives[0].body).toBe("Stand B");
    expect(await statusOf(post("lead", { intent: "somethingElse" }))).toBe(400);
  });
});

describe("progress report export route", () => {
  it("sends a DOCX or PDF with a file name for every role, and 400 for a bad query", async () => {
    const get = async (who: ProjectRole, query: string) =>
      exportRoute.loader({ request: await requestAs(users[who].id, `/projects/${project.id}/reports/progress/export${query}`), params: params(), context: {} });
    const docx = (await get("coordinator", "?format=docx&from=2021-01-01&to=2021-06-30")) as Response;
    expect(docx.status).toBe(200);
    expect(docx.headers.get("Content-Disposition")).toBe(`attachment; filename="Sachbericht-${project.code}-2021-01-01-2021-06-30.docx"`);
    const pdf = (await get("manager", "?format=pdf&from=2021-01-01&to=2021-06-30")) as Response;
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(await statusOf(get("lead", "?format=odt"))).toBe(400);
    expect(await statusOf(get("lead", "?format=pdf&from=2019-01-01&to=2019-02-01"))).toBe(400);
    const audits = await db.auditEvent.findMany({ where: { projectId: project.id, entity: "ProgressReport", action: "export" }, select: { userId: true, note: true } });
    expect(audits).toEqual(
      expect.arrayContaining([
        { userId: users.coordinator.id, note: "format=docx from=2021-01-01 to=2021-06-30 esf=omitted" },
        { userId: users.manager.id, note: "format=pdf from=2021-01-01 to=2021-06-30" },
      ]),
    );
  });
});
