// The dashboard and portfolio routes as Remix calls them (real sessions): who may open them, the budget
// only for finance roles, bad filter input answered with a message instead of a 500.
import { beforeAll, describe, expect, it } from "vitest";
import * as portfolio from "~/routes/portfolio";
import * as dashboard from "~/routes/projects.$projectId.dashboard";
import { addMember, createProject, createUser, requestAs, statusOf, type ProjectFixture } from "~/modules/targets/steering-test-helpers";
import { db } from "~/utils/db.server";
import type { ProjectRole } from "~/utils/permissions";

type Who = ProjectRole | "admin" | "outsider";
const EVERYONE: Who[] = ["lead", "coordinator", "manager", "accountant", "admin", "outsider"];

let project: ProjectFixture;
const users = {} as Record<Who, { id: string }>;

beforeAll(async () => {
  project = await createProject();
  for (const who of EVERYONE) {
    users[who] = await createUser(`User ${who}`);
    if (who === "admin") await db.user.update({ where: { id: users[who].id }, data: { isAdmin: true } });
    else if (who !== "outsider") await addMember(project.id, users[who].id, who);
  }
});

type Loaded = Awaited<ReturnType<typeof dashboard.loader>>;

async function openDashboard(who: Who, query = "") {
  const request = await requestAs(users[who].id, `/projects/${project.id}/dashboard${query}`);
  return dashboard.loader({ request, params: { projectId: project.id }, context: {} }) as Promise<Loaded>;
}

describe("project dashboard route", () => {
  it("opens for every project role and the admin; others get 404", async () => {
    for (const who of EVERYONE) {
      const status = await statusOf(openDashboard(who));
      expect([who, status]).toEqual([who, who === "outsider" ? 404 : "ok"]);
    }
  });

  it("shows the budget to roles with finance:read only", async () => {
    for (const who of ["lead", "manager", "accountant", "admin"] as Who[]) expect((await openDashboard(who)).dashboard?.budget, who).not.toBeNull();
    expect((await openDashboard("coordinator")).dashboard?.budget).toBeNull();
  });

  it("keeps the filter in the URL and answers bad input with field errors", async () => {
    const filtered = await openDashboard("lead", "?from=01.01.2021&to=2021-06-30");
    expect(filtered.values).toMatchObject({ from: "2021-01-01", to: "2021-06-30" });
    const reversed = await openDashboard("lead", "?from=2021-06-01&to=2021-01-01");
    expect(reversed.dashboard).toBeNull();
    expect(reversed.errors).toEqual({ to: ["dashboards.fromAfterTo"] });
    expect(reversed.values.from).toBe("2021-06-01");
    // only a start after the project's end: reversed once the end is filled in
    const late = await openDashboard("lead", "?from=2030-01-01");
    expect([late.dashboard, late.errors]).toEqual([null, { to: ["dashboards.fromAfterTo"] }]);
    const garbage = await openDashboard("lead", "?from=gestern&areaId=%27%3B--");
    expect(garbage.dashboard).toBeNull();
    expect(Object.keys(garbage.errors ?? {}).sort()).toEqual(["areaId", "from"]);
  });
});

describe("portfolio route", () => {
  it("opens for admins and managers only", async () => {
    for (const who of EVERYONE) {
      const request = await requestAs(users[who].id, "/portfolio");
      const status = await statusOf(portfolio.loader({ request, params: {}, context: {} }));
      expect([who, status]).toEqual([who, who === "admin" || who === "manager" ? "ok" : 403]);
    }
  });
});
