// Role checks on every activities and organisations route (loaders and actions, called as Remix calls
// them, with a real session), plus the form round trip: a logged activity redirects, a failed one
// answers 400 with everything typed, including the attendance grid.
import { beforeAll, describe, expect, it } from "vitest";
import * as activityDetail from "~/routes/projects.$projectId.activities.$activityId";
import * as activityList from "~/routes/projects.$projectId.activities._index";
import * as activityNew from "~/routes/projects.$projectId.activities.new";
import * as participantSearch from "~/routes/projects.$projectId.activities.participant-search";
import * as activityTypes from "~/routes/projects.$projectId.activities.types";
import * as organisationDetail from "~/routes/projects.$projectId.organisations.$organisationId";
import * as organisationList from "~/routes/projects.$projectId.organisations._index";
import * as organisationNew from "~/routes/projects.$projectId.organisations.new";
import { db } from "~/utils/db.server";
import type { ProjectRole } from "~/utils/permissions";
import { logActivity } from "./service.server";
import { addMember, createActivityType, createParticipants, createProject, createUser, requestAs, statusOf, type ProjectFixture } from "./test-helpers";

type Who = ProjectRole | "admin" | "outsider";
const EVERYONE: Who[] = ["lead", "coordinator", "manager", "accountant", "admin", "outsider"];

let project: ProjectFixture;
const users = {} as Record<Who, { id: string }>;
let activityId: string;
let organisationId: string;
let typeId: string;

beforeAll(async () => {
  project = await createProject();
  for (const who of EVERYONE) {
    users[who] = await createUser(`User ${who}`, { isAdmin: who === "admin" });
    if (who !== "admin" && who !== "outsider") await addMember(project.id, users[who].id, who);
  }
  typeId = (await createActivityType(project.id, project.hf1, "Bewerbungstraining")).id;
  activityId = (await logActivity(project.id, { typeId, date: "02.03.2020", time: "10:00", duration: 60 }, [], users.lead)).id;
  organisationId = (await db.organisation.create({ data: { projectId: project.id, name: "Bäckerei", kind: "business", sizeClass: "micro" } })).id;
});

type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;

async function statusFor(handler: Handler, who: Who, path: string, params: Record<string, string>, form?: Record<string, string | string[]>) {
  const request = await requestAs(users[who].id, path, form);
  return statusOf(handler({ request, params, context: {} }));
}

/** Expected answer per role: "ok" when the permission check passes, else 403 (member without it) or 404 (outsider). */
function expectation(allowed: Who[]): Record<Who, number | "ok"> {
  return Object.fromEntries(EVERYONE.map((who) => [who, allowed.includes(who) || who === "admin" ? "ok" : who === "outsider" ? 404 : 403])) as Record<Who, number | "ok">;
}

const READ_ACTIVITY: Who[] = ["lead", "coordinator", "manager"];
const WRITE: Who[] = ["lead", "coordinator"];
const LEAD: Who[] = ["lead"];

describe("role checks", () => {
  const cases: { name: string; handler: () => Handler; path: () => string; params: () => Record<string, string>; allowed: Who[]; form?: () => Record<string, string> }[] = [
    { name: "activity list", handler: () => activityList.loader as Handler, path: () => `/projects/${project.id}/activities`, params: () => ({ projectId: project.id }), allowed: READ_ACTIVITY },
    { name: "new activity (page)", handler: () => activityNew.loader as Handler, path: () => `/projects/${project.id}/activities/new`, params: () => ({ projectId: project.id }), allowed: WRITE },
    {
      name: "new activity (save)",
      handler: () => activityNew.action as Handler,
      path: () => `/projects/${project.id}/activities/new`,
      params: () => ({ projectId: project.id }),
      allowed: WRITE,
      form: () => ({ intent: "log", typeId: "" }),
    },
    {
      name: "activity detail (page)",
      handler: () => activityDetail.loader as Handler,
      path: () => `/projects/${project.id}/activities/${activityId}`,
      params: () => ({ projectId: project.id, activityId }),
      allowed: READ_ACTIVITY,
    },
    {
      name: "activity detail (save)",
      handler: () => activityDetail.action as Handler,
      path: () => `/projects/${project.id}/activities/${activityId}`,
      params: () => ({ projectId: project.id, activityId }),
      allowed: WRITE,
      form: () => ({ intent: "delete", version: "1" }),
    },
    { name: "activity types (page)", handler: () => activityTypes.loader as Handler, path: () => `/projects/${project.id}/activities/types`, params: () => ({ projectId: project.id }), allowed: LEAD },
    {
      name: "activity types (save)",
      handler: () => activityTypes.action as Handler,
      path: () => `/projects/${project.id}/activities/types`,
      params: () => ({ projectId: project.id }),
      allowed: LEAD,
      form: () => ({ intent: "create", actionFieldId: project.hf1, name: "" }),
    },
    {
      name: "attendance search",
      handler: () => participantSearch.loader as Handler,
      path: () => `/projects/${project.id}/activities/participant-search?q=TN`,
      params: () => ({ projectId: project.id }),
      allowed: WRITE,
    },
    { name: "organisation list", handler: () => organisationList.loader as Handler, path: () => `/projects/${project.id}/organisations`, params: () => ({ projectId: project.id }), allowed: READ_ACTIVITY },
    { name: "new organisation (page)", handler: () => organisationNew.loader as Handler, path: () => `/projects/${project.id}/organisations/new`, params: () => ({ projectId: project.id }), allowed: WRITE },
    {
      name: "new organisation (save)",
      handler: () => organisationNew.action as Handler,
      path: () => `/projects/${project.id}/organisations/new`,
      params: () => ({ projectId: project.id }),
      allowed: WRITE,
      form: () => ({ name: "" }),
    },
    {
      name: "organisation detail (page)",
      handler: () => organisationDetail.loader as Handler,
      path: () => `/projects/${project.id}/organisations/${organisationId}`,
      params: () => ({ projectId: project.id, organisationId }),
      allowed: READ_ACTIVITY,
    },
    {
      name: "organisation detail (save)",
      handler: () => organisationDetail.action as Handler,
      path: () => `/projects/${project.id}/organisations/${organisationId}`,
      params: () => ({ projectId: project.id, organisationId }),
      allowed: WRITE,
      form: () => ({ intent: "delete", version: "1" }),
    },
  ];

  for (const testCase of cases) {
    it(`${testCase.name}: ${testCase.allowed.join(", ")} (and admins) only`, async () => {
      const result = {} as Record<Who, number | "ok">;
      for (const who of EVERYONE) result[who] = await statusFor(testCase.handler(), who, testCase.path(), testCase.params(), testCase.form?.());
      expect(result).toEqual(expectation(testCase.allowed));
    });
  }

  it("answers 404 for an activity or organisation of another project, and for malformed ids", async () => {
    const other = await createProject();
    await addMember(other.id, users.lead.id, "lead");
    const params = { projectId: other.id, activityId };
    expect(await statusFor(activityDetail.loader as Handler, "lead", `/projects/${other.id}/activities/${activityId}`, params)).toBe(404);
    expect(await statusFor(activityDetail.action as Handler, "lead", `/projects/${other.id}/activities/${activityId}`, params, { intent: "delete", version: "1", confirm: "on" })).toBe(404);
    expect(await statusFor(organisationDetail.loader as Handler, "lead", `/x`, { projectId: other.id, organisationId })).toBe(404);
    expect(await statusFor(activityDetail.loader as Handler, "lead", `/x`, { projectId: project.id, activityId: "../../etc" })).toBe(404);
    expect(await db.activity.count({ where: { id: activityId } })).toBe(1);
  });

  it("answers 400 for an unknown intent", async () => {
    expect(await statusFor(activityNew.action as Handler, "coordinator", `/x`, { projectId: project.id }, { intent: "explode" })).toBe(400);
    expect(await statusFor(activityDetail.action as Handler, "coordinator", `/x`, { projectId: project.id, activityId }, { intent: "explode", version: "1" })).toBe(400);
  });
});

describe("the logging form round trip", () => {
  it("saves a group session from the posted grid and redirects to it", async () => {
    const people = await createParticipants(project.id, 15);
    const form: Record<string, string | string[]> = { intent: "log", typeId, date: "09.03.2020", time: "10:00", duration: "1,5", format: "group", attendee: people.map((p) => p.id) };
    for (const p of people) {
      form[`present_${p.id}`] = "on";
      form[`hours_${p.id}`] = "1,5";
    }
    const request = await requestAs(users.coordinator.id, `/projects/${project.id}/activities/new`, form);
    const response = (await activityNew.action({ request, params: { projectId: project.id }, context: {} })) as Response;
    expect(response.status).toBe(302);
    const id = response.headers.get("Location")!.match(/activities\/([^?]+)\?created=1$/)![1];
    expect(await db.attendance.count({ where: { activityId: id, present: true, minutes: 90 } })).toBe(15);
  });

  it("answers 400 with every value and grid row as typed, writing nothing", async () => {
    const people = await createParticipants(project.id, 2);
    const before = await db.activity.count();
    const form = {
      intent: "log",
      typeId,
      date: "09.03.2020",
      time: "10:00",
      duration: "zwei",
      title: "Bewerbungsfotos",
      attendee: people.map((p) => p.id),
      [`present_${people[0].id}`]: "on",
      [`hours_${people[0].id}`]: "30",
    };
    const request = await requestAs(users.coordinator.id, `/projects/${project.id}/activities/new`, form);
    const answer = (await activityNew.action({ request, params: { projectId: project.id }, context: {} })) as unknown as {
      data: { values: Record<string, string>; attendees: { id: string; present: boolean; hours: string | null }[]; fieldErrors: Record<string, string[]> };
      init: { status: number };
    };
    expect(answer.init.status).toBe(400);
    expect(answer.data.values).toMatchObject({ duration: "zwei", title: "Bewerbungsfotos", date: "09.03.2020" });
    expect(answer.data.attendees.map((a) => [a.id, a.present, a.hours])).toEqual([
      [people[0].id, true, "30"],
      [people[1].id, false, null],
    ]);
    expect(answer.data.fieldErrors).toEqual({ duration: ["activities.error.duration"], [`attendee.${people[0].id}`]: ["activities.error.minutes"] });
    expect(await db.activity.count()).toBe(before);
  });

  it("answers 409 with the typed values when someone saved in between", async () => {
    const { id } = await logActivity(project.id, { typeId, date: "02.03.2020", time: "10:00", duration: 60 }, [], users.lead);
    await db.activity.update({ where: { id }, data: { version: 2 } });
    const request = await requestAs(users.coordinator.id, `/x`, { intent: "update", version: "1", typeId, date: "02.03.2020", time: "11:00", duration: "1" });
    const answer = (await activityDetail.action({ request, params: { projectId: project.id, activityId: id }, context: {} })) as unknown as { data: { values: { time: string }; formError: string }; init: { status: number } };
    expect(answer.init.status).toBe(409);
    expect(answer.data).toMatchObject({ values: { time: "11:00" }, formError: "activities.conflict" });
  });

  it("shows participant names in the search only to roles with participant access", async () => {
    const [person] = await createParticipants(project.id, 1);
    const request = await requestAs(users.lead.id, `/projects/${project.id}/activities/participant-search?q=${person.participantNo}`);
    const answer = (await participantSearch.loader({ request, params: { projectId: project.id }, context: {} })) as { participants: { id: string; name: string | null }[] };
    expect(answer.participants).toEqual([expect.objectContaining({ id: person.id, name: expect.stringContaining("Nachname") })]);
  });
});
