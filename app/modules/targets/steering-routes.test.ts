// Role checks on every milestones, partners and targets route and the home page's to-do list (loaders and
// actions called as Remix calls them, with a real session), plus the form round trip: a valid form
// redirects, an invalid one answers 400 with what was typed and writes nothing, another project's id is 404.
import { beforeAll, describe, expect, it } from "vitest";
import * as home from "~/routes/_index";
import * as milestoneDetail from "~/routes/projects.$projectId.milestones.$milestoneId";
import * as milestoneList from "~/routes/projects.$projectId.milestones._index";
import * as milestoneNew from "~/routes/projects.$projectId.milestones.new";
import * as partnerDetail from "~/routes/projects.$projectId.partners.$partnerId._index";
import * as partnerEdit from "~/routes/projects.$projectId.partners.$partnerId.edit";
import * as partnerList from "~/routes/projects.$projectId.partners._index";
import * as partnerNew from "~/routes/projects.$projectId.partners.new";
import * as targetDetail from "~/routes/projects.$projectId.targets.$targetId";
import * as targetList from "~/routes/projects.$projectId.targets._index";
import * as targetNew from "~/routes/projects.$projectId.targets.new";
import { createMilestone } from "~/modules/milestones/service.server";
import { createPartner } from "~/modules/partners/service.server";
import { db } from "~/utils/db.server";
import type { ProjectRole } from "~/utils/permissions";
import { createTarget } from "./service.server";
import { addMember, createProject, createUser, requestAs, statusOf, type ProjectFixture } from "./steering-test-helpers";

type Who = ProjectRole | "admin" | "outsider";
const EVERYONE: Who[] = ["lead", "coordinator", "manager", "accountant", "admin", "outsider"];
const ALL_ROLES: Who[] = ["lead", "coordinator", "manager", "accountant"];
const LEAD: Who[] = ["lead"];

type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;

let project: ProjectFixture;
let other: ProjectFixture;
const users = {} as Record<Who, { id: string }>;
const ids = { milestone: "", partner: "", target: "", foreignMilestone: "", foreignPartner: "", foreignTarget: "" };

beforeAll(async () => {
  project = await createProject();
  other = await createProject();
  for (const who of EVERYONE) {
    users[who] = await createUser(`User ${who}`);
    if (who === "admin") await db.user.update({ where: { id: users[who].id }, data: { isAdmin: true } });
    else if (who !== "outsider") await addMember(project.id, users[who].id, who);
  }
  await addMember(other.id, users.outsider.id, "lead");
  ids.milestone = (await createMilestone(project.id, users.lead.id, { title: "Auftakt", dueDate: "2021-03-01", status: "planned" })).id;
  ids.partner = (await createPartner(project.id, users.lead.id, { name: "Jobcenter", type: "jobcenter" })).id;
  ids.target = (await createTarget(project.id, users.lead.id, { indicator: "custom", customName: "Feste", targetValue: 4 })).id;
  ids.foreignMilestone = (await createMilestone(other.id, users.outsider.id, { title: "Fremd", dueDate: "2021-03-01", status: "planned" })).id;
  ids.foreignPartner = (await createPartner(other.id, users.outsider.id, { name: "Fremd", type: "company" })).id;
  ids.foreignTarget = (await createTarget(other.id, users.outsider.id, { indicator: "custom", customName: "Fremd", targetValue: 1 })).id;
});

function call(handler: unknown, who: Who, path: string, params: Record<string, string>, form?: Record<string, string>) {
  return requestAs(users[who].id, path, form).then((request) => (handler as Handler)({ request, params, context: {} }));
}

/** Expected answer per role: "ok" when the permission check passes, else 403 (member without it) or 404 (outsider). */
function expectation(allowed: Who[]): Record<Who, number | "ok"> {
  return Object.fromEntries(EVERYONE.map((who) => [who, allowed.includes(who) || who === "admin" ? "ok" : who === "outsider" ? 404 : 403])) as Record<Who, number | "ok">;
}

describe("role checks", () => {
  const p = () => project.id;
  // Action bodies are invalid on purpose: a permitted role gets the 400 form answer, nothing is written.
  const cases: { name: string; handler: unknown; path: () => string; params: () => Record<string, string>; allowed: Who[]; form?: Record<string, string> }[] = [
    { name: "milestone list", handler: milestoneList.loader, path: () => `/projects/${p()}/milestones`, params: () => ({ projectId: p() }), allowed: ALL_ROLES },
    { name: "new milestone (page)", handler: milestoneNew.loader, path: () => `/projects/${p()}/milestones/new`, params: () => ({ projectId: p() }), allowed: LEAD },
    { name: "new milestone (save)", handler: milestoneNew.action, path: () => `/projects/${p()}/milestones/new`, params: () => ({ projectId: p() }), allowed: LEAD, form: { intent: "create", title: "" } },
    { name: "milestone (page)", handler: milestoneDetail.loader, path: () => `/projects/${p()}/milestones/${ids.milestone}`, params: () => ({ projectId: p(), milestoneId: ids.milestone }), allowed: ALL_ROLES },
    { name: "milestone (save)", handler: milestoneDetail.action, path: () => `/projects/${p()}/milestones/${ids.milestone}`, params: () => ({ projectId: p(), milestoneId: ids.milestone }), allowed: LEAD, form: { intent: "update", version: "1", title: "" } },
    { name: "partner list", handler: partnerList.loader, path: () => `/projects/${p()}/partners`, params: () => ({ projectId: p() }), allowed: ALL_ROLES },
    { name: "new partner (page)", handler: partnerNew.loader, path: () => `/projects/${p()}/partners/new`, params: () => ({ projectId: p() }), allowed: LEAD },
    { name: "new partner (save)", handler: partnerNew.action, path: () => `/projects/${p()}/partners/new`, params: () => ({ projectId: p() }), allowed: LEAD, form: { name: "" } },
    { name: "partner (page)", handler: partnerDetail.loader, path: () => `/projects/${p()}/partners/${ids.partner}`, params: () => ({ projectId: p(), partnerId: ids.partner }), allowed: ALL_ROLES },
    { name: "partner (contact)", handler: partnerDetail.action, path: () => `/projects/${p()}/partners/${ids.partner}`, params: () => ({ projectId: p(), partnerId: ids.partner }), allowed: LEAD, form: { intent: "addContact", name: "" } },
    { name: "edit partner (page)", handler: partnerEdit.loader, path: () => `/projects/${p()}/partners/${ids.partner}/edit`, params: () => ({ projectId: p(), partnerId: ids.partner }), allowed: LEAD },
    { name: "edit partner (save)", handler: partnerEdit.action, path: () => `/projects/${p()}/partners/${ids.partner}/edit`, params: () => ({ projectId: p(), partnerId: ids.partner }), allowed: LEAD, form: { name: "", version: "1" } },
    { name: "target list", handler: targetList.loader, path: () => `/projects/${p()}/targets`, params: () => ({ projectId: p() }), allowed: ALL_ROLES },
    { name: "new target (page)", handler: targetNew.loader, path: () => `/projects/${p()}/targets/new`, params: () => ({ projectId: p() }), allowed: LEAD },
    { name: "new target (save)", handler: targetNew.action, path: () => `/projects/${p()}/targets/new`, params: () => ({ projectId: p() }), allowed: LEAD, form: { indicator: "" } },
    { name: "target (page)", handler: targetDetail.loader, path: () => `/projects/${p()}/targets/${ids.target}`, params: () => ({ projectId: p(), targetId: ids.target }), allowed: ALL_ROLES },
    { name: "target (save)", handler: targetDetail.action, path: () => `/projects/${p()}/targets/${ids.target}`, params: () => ({ projectId: p(), targetId: ids.target }), allowed: LEAD, form: { intent: "addActual", date: "", value: "" } },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const answers = {} as Record<Who, number | "ok">;
      for (const who of EVERYONE) answers[who] = await statusOf(call(c.handler, who, c.path(), c.params(), c.form));
      expect(answers).toEqual(expectation(c.allowed));
    });
  }

  it("home page with the to-do list: every signed-in user", async () => {
    for (const who of EVERYONE) expect(await statusOf(call(home.loader, who, "/", {}))).toBe("ok");
  });

  it("no test above wrote anything", async () => {
    expect(await db.milestone.count({ where: { projectId: project.id } })).toBe(1);
    expect(await db.partner.count({ where: { projectId: project.id } })).toBe(1);
    expect(await db.partnerContact.count({ where: { partner: { projectId: project.id } } })).toBe(0);
    expect(await db.target.count({ where: { projectId: project.id } })).toBe(1);
    expect(await db.targetActual.count({ where: { target: { projectId: project.id } } })).toBe(0);
  });
});

describe("another project's ids", () => {
  const cases: { name: string; handler: unknown; params: () => Record<string, string>; form?: Record<string, string> }[] = [
    { name: "milestone page", handler: milestoneDetail.loader, params: () => ({ projectId: project.id, milestoneId: ids.foreignMilestone }) },
    { name: "milestone save", handler: milestoneDetail.action, params: () => ({ projectId: project.id, milestoneId: ids.foreignMilestone }), form: { intent: "complete", version: "1" } },
    { name: "partner page", handler: partnerDetail.loader, params: () => ({ projectId: project.id, partnerId: ids.foreignPartner }) },
    { name: "partner contact", handler: partnerDetail.action, params: () => ({ projectId: project.id, partnerId: ids.foreignPartner }), form: { intent: "addContact", name: "Eingeschleust" } },
    { name: "partner edit", handler: partnerEdit.action, params: () => ({ projectId: project.id, partnerId: ids.foreignPartner }), form: { name: "Übernommen", type: "company", version: "1" } },
    { name: "target page", handler: targetDetail.loader, params: () => ({ projectId: project.id, targetId: ids.foreignTarget }) },
    { name: "target actual", handler: targetDetail.action, params: () => ({ projectId: project.id, targetId: ids.foreignTarget }), form: { intent: "addActual", date: "01.02.2021", value: "5" } },
    { name: "target delete", handler: targetDetail.action, params: () => ({ projectId: project.id, targetId: ids.foreignTarget }), form: { intent: "delete", version: "1" } },
  ];
  for (const c of cases) {
    it(`${c.name} answers 404 and changes nothing`, async () => {
      expect(await statusOf(call(c.handler, "lead", "/x", c.params(), c.form))).toBe(404);
    });
  }
  it("left the other project's records untouched", async () => {
    expect(await db.milestone.findUnique({ where: { id: ids.foreignMilestone } })).toMatchObject({ status: "planned", version: 1 });
    expect(await db.partner.findUnique({ where: { id: ids.foreignPartner } })).toMatchObject({ name: "Fremd" });
    expect(await db.partnerContact.count({ where: { partnerId: ids.foreignPartner } })).toBe(0);
    expect(await db.targetActual.count({ where: { targetId: ids.foreignTarget } })).toBe(0);
    expect(await db.target.findUnique({ where: { id: ids.foreignTarget } })).not.toBeNull();
  });
});

describe("form round trip", () => {
  it("a valid milestone redirects to the list; an invalid one answers 400 with the typed values and writes nothing", async () => {
    const path = `/projects/${project.id}/milestones/new`;
    const params = { projectId: project.id };
    const before = await db.milestone.count();
    const failed = (await call(milestoneNew.action, "lead", path, params, { intent: "create", title: "Netzwerktreffen", dueDate: "31.02.2021", status: "planned", description: "mit dem Gewerbeverein" })) as {
      init: { status: number };
      data: { fieldErrors: Record<string, string[]>; values: Record<string, string> };
    };
    expect(failed.init.status).toBe(400);
    expect(failed.data.fieldErrors).toEqual({ dueDate: ["validation.date"] });
    expect(failed.data.values).toMatchObject({ title: "Netzwerktreffen", dueDate: "31.02.2021", description: "mit dem Gewerbeverein" });
    expect(await db.milestone.count()).toBe(before);

    const saved = (await call(milestoneNew.action, "lead", path, params, { intent: "create", title: "Netzwerktreffen", dueDate: "28.02.2021", status: "planned" })) as Response;
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/projects/${project.id}/milestones?created=1`);
    expect(await db.milestone.count()).toBe(before + 1);
  });

  it("completing a milestone with a stale version reports the conflict and keeps the status", async () => {
    const { id } = await createMilestone(project.id, users.lead.id, { title: "Konflikt", dueDate: "2021-05-01", status: "planned" });
    const path = `/projects/${project.id}/milestones/${id}`;
    const params = { projectId: project.id, milestoneId: id };
    const ok = (await call(milestoneDetail.action, "lead", path, params, { intent: "complete", version: "1", completedAt: "02.05.2021", evidenceNote: "Protokoll" })) as Response;
    expect(ok.headers.get("Location")).toBe(`${path}?completed=1`);
    const stale = (await call(milestoneDetail.action, "lead", path, params, { intent: "delete", version: "1" })) as { init: { status: number }; data: { formErrors: string[] } };
    expect(stale.init.status).toBe(400);
    expect(stale.data.formErrors).toEqual(["error.conflict"]);
    expect(await db.milestone.findUnique({ where: { id } })).toMatchObject({ status: "done", version: 2 });
  });

  it("saving a partner on a stale version answers 409 with what changed and what was typed; the next save applies it", async () => {
    const { id } = await createPartner(project.id, users.lead.id, { name: "Quartiersmanagement", type: "municipality" });
    const path = `/projects/${project.id}/partners/${id}/edit`;
    const params = { projectId: project.id, partnerId: id };
    const first = (await call(partnerEdit.action, "lead", path, params, { intent: "save", version: "1", name: "Quartiersmanagement", type: "municipality", city: "Forst (Lausitz)" })) as Response;
    expect(first.headers.get("Location")).toBe(`/projects/${project.id}/partners/${id}?saved=1`);
    const typed = { intent: "save", version: "1", name: "Quartiersmanagement Nord", type: "municipality", notes: "neue Leitung" };
    const stale = (await call(partnerEdit.action, "lead", path, params, typed)) as {
      init: { status: number };
      data: { formErrors: string[]; values: Record<string, string>; conflict: { currentVersion: number; fields: string[]; changes: { by: string }[] } };
    };
    expect(stale.init.status).toBe(409);
    expect(stale.data.formErrors).toEqual(["error.conflict"]);
    expect(stale.data.conflict).toMatchObject({ currentVersion: 2, fields: ["city"], changes: [{ by: "User lead" }] });
    expect(stale.data.values).toMatchObject({ name: "Quartiersmanagement Nord", notes: "neue Leitung" });
    expect(await db.partner.findUnique({ where: { id } })).toMatchObject({ name: "Quartiersmanagement", city: "Forst (Lausitz)", notes: null, version: 2 });
    const again = (await call(partnerEdit.action, "lead", path, params, { ...typed, version: "2" })) as Response;
    expect(again.status).toBe(302);
    expect(await db.partner.findUnique({ where: { id } })).toMatchObject({ name: "Quartiersmanagement Nord", city: null, notes: "neue Leitung", version: 3 });
  });

  it("saving or deleting a target on a stale version answers 409 and changes nothing", async () => {
    const { id } = await createTarget(project.id, users.lead.id, { indicator: "custom", customName: "Hoffeste", targetValue: 3 });
    const path = `/projects/${project.id}/targets/${id}`;
    const params = { projectId: project.id, targetId: id };
    const form = { intent: "update", indicator: "custom", customName: "Hoffeste", targetValue: "4" };
    expect(((await call(targetDetail.action, "lead", path, params, { ...form, version: "1" })) as Response).status).toBe(302);
    const stale = (await call(targetDetail.action, "lead", path, params, { ...form, version: "1", targetValue: "5" })) as { init: { status: number }; data: { intent: string; formErrors: string[]; conflict: { fields: string[] } } };
    expect(stale.init.status).toBe(409);
    expect(stale.data).toMatchObject({ intent: "update", formErrors: ["error.conflict"], conflict: { fields: ["targetValue"] } });
    const staleDelete = (await call(targetDetail.action, "lead", path, params, { intent: "delete", version: "1" })) as { init: { status: number }; data: { intent: string } };
    expect(staleDelete.init.status).toBe(409);
    expect(staleDelete.data.intent).toBe("delete");
    expect(await db.target.findUnique({ where: { id } })).toMatchObject({ targetValue: 4, version: 2 });
  });

  it("the home page lists the lead's tasks", async () => {
    const result = (await call(home.loader, "lead", "/", {})) as { todos: { project: { id: string }; items: { kind: string }[] }[] };
    const group = result.todos.find((g) => g.project.id === project.id);
    expect(group?.items.map((i) => i.kind)).toContain("milestones_overdue");
  });
});
