// Supported organisations against a real database: register, edit with optimistic concurrency, supports
// and the derived first support date (EECO18/EECO19), audit entries, validation writes nothing, other
// projects' ids rejected.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { logActivity } from "~/modules/activities/service.server";
import { addMember, auditOf, createActivityType, createProject, createUser, day, statusOf, validationError, type ProjectFixture } from "~/modules/activities/test-helpers";
import {
  addSupport,
  createOrganisation,
  deleteOrganisation,
  getOrganisation,
  listOrganisations,
  OrganisationConflictError,
  removeSupport,
  updateOrganisation,
} from "./service.server";

let project: ProjectFixture;
let other: ProjectFixture;
let actor: { id: string };

beforeAll(async () => {
  project = await createProject();
  other = await createProject();
  actor = await createUser("Karl Krause");
  await addMember(project.id, actor.id, "coordinator");
});

const bakery = (overrides: Record<string, unknown> = {}) => ({
  name: "Bäckerei Schulze",
  kind: "business",
  sizeClass: "micro",
  sector: "Lebensmittelhandwerk",
  postcode: "03149",
  city: "Forst (Lausitz)",
  contactName: "Erika Schulze",
  contactEmail: "erika@example.org",
  ...overrides,
});

async function counts() {
  const [organisations, supports, audits] = await Promise.all([db.organisation.count(), db.organisationSupport.count(), db.auditEvent.count()]);
  return { organisations, supports, audits };
}

describe("createOrganisation", () => {
  it("registers a business and audits the given field names, never values", async () => {
    const { id } = await createOrganisation(project.id, bakery({ socialEnterprise: "on", areaId: project.areaIds[0] }), actor);
    const organisation = await getOrganisation(project.id, id);
    expect(organisation).toMatchObject({
      name: "Bäckerei Schulze",
      kind: "business",
      sizeClass: "micro",
      socialEnterprise: true,
      cooperative: false,
      areaId: project.areaIds[0],
      firstSupportDate: null,
      version: 1,
      supports: [],
    });
    const [audit] = await auditOf("Organisation", id);
    expect(audit).toMatchObject({ action: "create", userId: actor.id, projectId: project.id });
    expect(audit.fields.sort()).toEqual(["areaId", "city", "contactEmail", "contactName", "kind", "name", "postcode", "sector", "sizeClass", "socialEnterprise"]);
    expect(JSON.stringify(audit)).not.toContain("Schulze");
  });

  it("needs a size class for businesses; public bodies have none", async () => {
    const before = await counts();
    const error = await validationError(createOrganisation(project.id, bakery({ sizeClass: "" }), actor));
    expect(error.fieldErrors).toEqual({ sizeClass: ["organisations.error.sizeClassRequired"] });
    expect(await counts()).toEqual(before);
    const { id } = await createOrganisation(project.id, { name: "Stadtverwaltung Forst, Bauamt", kind: "public_body", sizeClass: "large", soloSelfEmployed: true }, actor);
    expect(await getOrganisation(project.id, id)).toMatchObject({ kind: "public_body", sizeClass: null, soloSelfEmployed: false });
  });

  it("writes nothing on invalid input or another project's area", async () => {
    const before = await counts();
    const error = await validationError(createOrganisation(project.id, { name: " ", kind: "club", postcode: "3149", contactEmail: "kein-at", contactPhone: "abc" }, actor));
    expect(error.fieldErrors).toEqual({
      name: ["validation.required"],
      kind: ["validation.invalid"],
      postcode: ["organisations.error.postcode"],
      contactEmail: ["validation.email"],
      contactPhone: ["organisations.error.phone"],
    });
    const area = await validationError(createOrganisation(project.id, bakery({ areaId: other.areaIds[0] }), actor));
    expect(area.fieldErrors).toEqual({ areaId: ["organisations.error.areaUnknown"] });
    expect(await counts()).toEqual(before);
  });
});

describe("updateOrganisation and deleteOrganisation", () => {
  it("saves changed fields with a version bump and audits their names", async () => {
    const { id } = await createOrganisation(project.id, bakery(), actor);
    const result = await updateOrganisation(project.id, id, bakery({ sizeClass: "small", cooperative: "on" }), 1, actor);
    expect(result.version).toBe(2);
    expect(await getOrganisation(project.id, id)).toMatchObject({ sizeClass: "small", cooperative: true, version: 2 });
    expect((await auditOf("Organisation", id)).at(-1)).toMatchObject({ action: "update", fields: ["sizeClass", "cooperative"] });
    // nothing changed: no bump, no audit
    expect((await updateOrganisation(project.id, id, bakery({ sizeClass: "small", cooperative: "on" }), 2, actor)).version).toBe(2);
    expect(await auditOf("Organisation", id)).toHaveLength(2);
  });

  it("refuses a stale version and another project's organisation", async () => {
    const { id } = await createOrganisation(project.id, bakery(), actor);
    await updateOrganisation(project.id, id, bakery({ name: "Bäckerei Schulze & Sohn" }), 1, actor);
    await expect(updateOrganisation(project.id, id, bakery({ name: "Anders" }), 1, actor)).rejects.toBeInstanceOf(OrganisationConflictError);
    expect((await getOrganisation(project.id, id)).name).toBe("Bäckerei Schulze & Sohn");
    expect(await statusOf(updateOrganisation(other.id, id, bakery(), 2, actor))).toBe(404);
    expect(await statusOf(getOrganisation(other.id, id))).toBe(404);
    expect(await statusOf(deleteOrganisation(other.id, id, 2, actor))).toBe(404);
    await expect(deleteOrganisation(project.id, id, 1, actor)).rejects.toBeInstanceOf(OrganisationConflictError);
  });

  it("deletes with its supports, audited", async () => {
    const { id } = await createOrganisation(project.id, bakery(), actor);
    await addSupport(project.id, id, { date: "01.02.2020", type: "advice" }, actor);
    await deleteOrganisation(project.id, id, 1, actor);
    expect(await db.organisation.count({ where: { id } })).toBe(0);
    expect(await db.organisationSupport.count({ where: { organisationId: id } })).toBe(0);
    expect((await auditOf("Organisation", id)).at(-1)).toMatchObject({ action: "delete", note: "supports -1" });
  });
});

describe("supports and the first support date", () => {
  it("recomputes firstSupportDate on every support change and audits it", async () => {
    const { id } = await createOrganisation(project.id, bakery(), actor);
    const first = await addSupport(project.id, id, { date: "15.03.2020", type: "advice", notes: "Förderberatung" }, actor);
    expect((await getOrganisation(project.id, id)).firstSupportDate).toEqual(day("2020-03-15"));
    const earlier = await addSupport(project.id, id, { date: "2020-02-01", type: "event" }, actor);
    expect((await getOrganisation(project.id, id)).firstSupportDate).toEqual(day("2020-02-01"));
    await addSupport(project.id, id, { date: "01.06.2020", type: "networking" }, actor);
    expect((await getOrganisation(project.id, id)).firstSupportDate).toEqual(day("2020-02-01"));
    await removeSupport(project.id, earlier.id, actor);
    expect((await getOrganisation(project.id, id)).firstSupportDate).toEqual(day("2020-03-15"));

    const supportAudit = await auditOf("OrganisationSupport", first.id);
    expect(supportAudit[0]).toMatchObject({ action: "create", fields: ["organisationId", "date", "type", "notes"] });
    expect(JSON.stringify(supportAudit)).not.toContain("Förderberatung");
    expect((await auditOf("OrganisationSupport", earlier.id)).at(-1)).toMatchObject({ action: "delete" });
    // firstSupportDate changed three times: 15.03., 01.02., back to 15.03.
    const derived = (await auditOf("Organisation", id)).filter((e) => e.fields.includes("firstSupportDate"));
    expect(derived).toHaveLength(3);

    const organisation = await getOrganisation(project.id, id);
    expect(organisation.supports.map((s) => s.type)).toEqual(["advice", "networking"]);
    await removeSupport(project.id, first.id, actor);
    await removeSupport(project.id, organisation.supports[1].id, actor);
    expect((await getOrganisation(project.id, id)).firstSupportDate).toBeNull();
  });

  it("links a support to an activity of the project and takes its Berlin day when no date is given", async () => {
    const type = await createActivityType(project.id, project.hf2, "Unternehmerfrühstück");
    const activity = await logActivity(project.id, { typeId: type.id, date: "05.05.2020", time: "00:30", duration: 90 }, [], actor);
    const { id } = await createOrganisation(project.id, bakery(), actor);
    const support = await addSupport(project.id, id, { type: "networking", activityId: activity.id }, actor);
    const organisation = await getOrganisation(project.id, id);
    expect(organisation.supports).toEqual([expect.objectContaining({ id: support.id, date: day("2020-05-05"), activity: expect.objectContaining({ id: activity.id }) })]);
    expect(organisation.firstSupportDate).toEqual(day("2020-05-05"));
  });

  it("rejects invalid supports, dates outside the project and other projects' ids, writing nothing", async () => {
    const { id } = await createOrganisation(project.id, bakery(), actor);
    const foreignType = await createActivityType(other.id, other.hf2, "Beratung");
    const foreignActivity = await logActivity(other.id, { typeId: foreignType.id, date: "05.05.2020", time: "10:00", duration: 60 }, [], actor);
    const foreignOrganisation = await createOrganisation(other.id, bakery(), actor);
    const before = await counts();
    expect((await validationError(addSupport(project.id, id, { date: "", type: "advice" }, actor))).fieldErrors).toEqual({ date: ["validation.required"] });
    expect((await validationError(addSupport(project.id, id, { date: "32.01.2020", type: "lunch" }, actor))).fieldErrors).toEqual({
      date: ["validation.date"],
      type: ["validation.invalid"],
    });
    expect((await validationError(addSupport(project.id, id, { date: "31.12.2019", type: "advice" }, actor))).fieldErrors).toEqual({ date: ["organisations.error.outsideProject"] });
    expect((await validationError(addSupport(project.id, id, { type: "advice", activityId: foreignActivity.id }, actor))).fieldErrors).toEqual({
      activityId: ["organisations.error.activityUnknown"],
    });
    expect(await statusOf(addSupport(project.id, foreignOrganisation.id, { date: "01.02.2020", type: "advice" }, actor))).toBe(404);
    expect(await counts()).toEqual(before);
    const support = await addSupport(other.id, foreignOrganisation.id, { date: "01.02.2020", type: "advice" }, actor);
    expect(await statusOf(removeSupport(project.id, support.id, actor))).toBe(404);
    expect(await statusOf(removeSupport(other.id, support.id, actor, id))).toBe(404);
  });
});

describe("listOrganisations", () => {
  it("searches name, sector and town case-insensitively, filters by kind and area, sorted by name", async () => {
    const fresh = await createProject();
    await createOrganisation(fresh.id, bakery({ name: "Zweirad Krüger", sector: "Fahrradhandel", areaId: fresh.areaIds[0] }), actor);
    await createOrganisation(fresh.id, bakery({ name: "Änderungsschneiderei Özdemir", sector: "Textil" }), actor);
    const office = await createOrganisation(fresh.id, { name: "Jobcenter Spree-Neiße", kind: "public_body", city: "Forst (Lausitz)" }, actor);
    await createOrganisation(other.id, bakery({ name: "Zweirad Fremd" }), actor);

    const all = await listOrganisations(fresh.id, {});
    expect(all.items.map((o) => o.name)).toEqual(["Änderungsschneiderei Özdemir", "Jobcenter Spree-Neiße", "Zweirad Krüger"]);
    expect((await listOrganisations(fresh.id, { q: "zweirad" })).items.map((o) => o.name)).toEqual(["Zweirad Krüger"]);
    expect((await listOrganisations(fresh.id, { q: "TEXTIL" })).items.map((o) => o.name)).toEqual(["Änderungsschneiderei Özdemir"]);
    expect((await listOrganisations(fresh.id, { q: "özdemir" })).total).toBe(1);
    expect((await listOrganisations(fresh.id, { kind: "public_body" })).items.map((o) => o.id)).toEqual([office.id]);
    expect((await listOrganisations(fresh.id, { areaId: fresh.areaIds[0] })).items.map((o) => o.name)).toEqual(["Zweirad Krüger"]);
  });
});
