import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { ValidationError } from "~/utils/validation";
import { VersionConflictError } from "~/modules/audit/conflict.server";
import { auditOf, createProject, createUser, day, expectStatus, type ProjectFixture } from "~/modules/targets/steering-test-helpers";
import {
  addPartnerContact,
  createPartner,
  deletePartner,
  deletePartnerContact,
  getPartner,
  jobcenterAgreementState,
  listPartners,
  updatePartner,
  updatePartnerContact,
} from "./service.server";

let project: ProjectFixture;
let other: ProjectFixture;
let userId: string;

beforeAll(async () => {
  project = await createProject();
  other = await createProject();
  userId = (await createUser("Lea Leitung")).id;
});

async function validationError(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe("createPartner", () => {
  it("creates a partner and audits the given field names, never the values", async () => {
    const { id } = await createPartner(project.id, userId, {
      name: "Kompetenzzentrum Forst/L. e. V.",
      type: "sub_project_partner",
      roleInProject: "Coaching und Qualifizierung im HF 1",
      agreementType: "Weiterleitungsvertrag",
      agreementDate: "14.01.2019",
      postcode: "03149",
      city: "Forst (Lausitz)",
      website: "https://example.org",
    });
    const partner = await getPartner(project.id, id);
    expect(partner).toMatchObject({
      name: "Kompetenzzentrum Forst/L. e. V.",
      type: "sub_project_partner",
      hasBudget: true, // a sub-project partner always has its own budget
      agreementDate: day("2019-01-14"),
      postcode: "03149",
      street: null,
      contacts: [],
    });
    const [audit] = await auditOf("Partner", id);
    expect(audit).toMatchObject({ action: "create", projectId: project.id, userId });
    expect(audit.fields.sort()).toEqual(["agreementDate", "agreementType", "city", "hasBudget", "name", "postcode", "roleInProject", "type", "website"]);
    expect(JSON.stringify(audit)).not.toContain("Forst");
  });

  it("keeps a cooperation partner without budget unless ticked", async () => {
    const { id } = await createPartner(project.id, userId, { name: "Gewerbeverein Forst", type: "association", hasBudget: "" });
    expect((await getPartner(project.id, id)).hasBudget).toBe(false);
    const ticked = await createPartner(project.id, userId, { name: "BQS GmbH Döbern", type: "education_provider", hasBudget: "on" });
    expect((await getPartner(project.id, ticked.id)).hasBudget).toBe(true);
  });

  it("writes nothing on a validation error", async () => {
    const before = await db.partner.count();
    const auditBefore = await db.auditEvent.count();
    const error = await validationError(
      createPartner(project.id, userId, { name: "", type: "club", postcode: "3149", website: "example.org", agreementDate: "32.01.2019" }),
    );
    expect(error.fieldErrors).toEqual({
      name: ["validation.required"],
      type: ["validation.invalid"],
      postcode: ["partners.postcodeInvalid"],
      website: ["partners.websiteInvalid"],
      agreementDate: ["validation.date"],
    });
    expect(await db.partner.count()).toBe(before);
    expect(await db.auditEvent.count()).toBe(auditBefore);
  });
});

describe("updatePartner", () => {
  it("audits the changed fields only, and nothing when nothing changed", async () => {
    const { id } = await createPartner(project.id, userId, { name: "Jobcenter Landkreis Spree-Neiße", type: "jobcenter" });
    const result = await updatePartner(project.id, userId, id, 1, { name: "Jobcenter Landkreis Spree-Neiße", type: "jobcenter", agreementType: "Letter of Intent", agreementDate: "2018-11-30" });
    expect(result.changed.sort()).toEqual(["agreementDate", "agreementType"]);
    expect(result.version).toBe(2);
    const same = await updatePartner(project.id, userId, id, 2, { name: "Jobcenter Landkreis Spree-Neiße", type: "jobcenter", agreementType: "Letter of Intent", agreementDate: "30.11.2018" });
    expect(same.changed).toEqual([]);
    expect(same.version).toBe(2);
    expect((await getPartner(project.id, id)).version).toBe(2);
    expect((await auditOf("Partner", id)).map((a) => a.action)).toEqual(["create", "update"]);
  });
});

describe("optimistic concurrency", () => {
  const jobcenter = { name: "Jobcenter Spree-Neiße", type: "jobcenter" };

  it("refuses a save on a stale version, names who changed which fields, and writes nothing", async () => {
    const other = await createUser("Kai Koordination");
    const { id } = await createPartner(project.id, userId, jobcenter);
    // Two people opened version 1; the first saves a new address.
    await updatePartner(project.id, other.id, id, 1, { ...jobcenter, postcode: "03149", city: "Forst (Lausitz)" });
    // The second saves a note on the version they read.
    const error = await validationError(updatePartner(project.id, userId, id, 1, { ...jobcenter, notes: "Ansprechpartnerin gewechselt" }));
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error.formErrors).toEqual(["error.conflict"]);
    const { conflict } = error as VersionConflictError;
    expect(conflict.currentVersion).toBe(2);
    expect(conflict.fields).toEqual(["postcode", "city"]);
    expect(conflict.changes).toHaveLength(1);
    expect(conflict.changes[0]).toMatchObject({ by: "Kai Koordination", fields: ["postcode", "city"] });
    expect(conflict.changes[0].at).toBeInstanceOf(Date);
    expect(await getPartner(project.id, id)).toMatchObject({ postcode: "03149", city: "Forst (Lausitz)", notes: null, version: 2 });
    expect((await auditOf("Partner", id)).map((a) => a.action)).toEqual(["create", "update"]);

    // Saving again on the version now stored applies the second person's input on purpose.
    const saved = await updatePartner(project.id, userId, id, conflict.currentVersion, { ...jobcenter, notes: "Ansprechpartnerin gewechselt" });
    expect(saved).toMatchObject({ version: 3, changed: ["postcode", "city", "notes"] });
  });

  it("lists every missed save, newest first, when several happened", async () => {
    const { id } = await createPartner(project.id, userId, jobcenter);
    await updatePartner(project.id, userId, id, 1, { ...jobcenter, city: "Forst" });
    await updatePartner(project.id, userId, id, 2, { ...jobcenter, city: "Forst", website: "https://jobcenter.example.org" });
    const { conflict } = (await validationError(updatePartner(project.id, userId, id, 1, { ...jobcenter, name: "Jobcenter SPN" }))) as VersionConflictError;
    expect(conflict.changes.map((c) => c.fields)).toEqual([["website"], ["city"]]);
    expect(conflict.fields).toEqual(["website", "city"]);
  });

  it("refuses a delete on a stale version and keeps the partner", async () => {
    const { id } = await createPartner(project.id, userId, jobcenter);
    await updatePartner(project.id, userId, id, 1, { ...jobcenter, agreementType: "Letter of Intent" });
    const error = await validationError(deletePartner(project.id, userId, id, 1));
    expect((error as VersionConflictError).conflict).toMatchObject({ currentVersion: 2, fields: ["agreementType"] });
    expect(await db.partner.findUnique({ where: { id } })).not.toBeNull();
    await deletePartner(project.id, userId, id, 2);
    expect(await db.partner.findUnique({ where: { id } })).toBeNull();
  });

  it("of two saves on the same version at the same time, exactly one wins", async () => {
    const { id } = await createPartner(project.id, userId, jobcenter);
    const results = await Promise.allSettled([
      updatePartner(project.id, userId, id, 1, { ...jobcenter, city: "Forst" }),
      updatePartner(project.id, userId, id, 1, { ...jobcenter, city: "Cottbus" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(VersionConflictError);
    expect((await getPartner(project.id, id)).version).toBe(2);
    expect((await auditOf("Partner", id)).map((a) => a.action)).toEqual(["create", "update"]);
  });
});

describe("jobcenterAgreementState", () => {
  it("reports a missing Jobcenter, a missing letter of intent, and ok", async () => {
    const p = await createProject();
    expect(await jobcenterAgreementState(p.id)).toBe("missing_partner");
    const { id } = await createPartner(p.id, userId, { name: "Jobcenter", type: "jobcenter" });
    expect(await jobcenterAgreementState(p.id)).toBe("missing_agreement");
    await updatePartner(p.id, userId, id, 1, { name: "Jobcenter", type: "jobcenter", agreementType: "Letter of Intent", agreementDate: "2019-01-01" });
    expect(await jobcenterAgreementState(p.id)).toBe("ok");
  });
});

describe("contacts", () => {
  it("adds, edits and removes contact persons, each audited", async () => {
    const { id: partnerId } = await createPartner(project.id, userId, { name: "Stadt Forst, Fachbereich Stadtplanung", type: "municipality" });
    const { id: contactId } = await addPartnerContact(project.id, userId, partnerId, { name: "Frau Schulze", function: "Sachgebietsleitung", email: " Schulze@Forst.de ", phone: "03562 989-0" });
    let partner = await getPartner(project.id, partnerId);
    expect(partner.contacts).toEqual([{ id: contactId, name: "Frau Schulze", function: "Sachgebietsleitung", email: "schulze@forst.de", phone: "03562 989-0" }]);
    await updatePartnerContact(project.id, userId, partnerId, contactId, { name: "Frau Schulze", function: "Fachbereichsleitung", email: "schulze@forst.de", phone: "03562 989-0" });
    partner = await getPartner(project.id, partnerId);
    expect(partner.contacts[0].function).toBe("Fachbereichsleitung");
    await deletePartnerContact(project.id, userId, partnerId, contactId);
    expect((await getPartner(project.id, partnerId)).contacts).toEqual([]);
    const audit = await auditOf("PartnerContact", contactId);
    expect(audit.map((a) => [a.action, a.fields])).toEqual([
      ["create", ["name", "function", "email", "phone"]],
      ["update", ["function"]],
      ["delete", []],
    ]);
    expect(audit.every((a) => a.projectId === project.id)).toBe(true);
  });

  it("refuses invalid contact data without writing", async () => {
    const { id: partnerId } = await createPartner(project.id, userId, { name: "FlüNet", type: "association" });
    const error = await validationError(addPartnerContact(project.id, userId, partnerId, { name: "", email: "kein-at", phone: "abc" }));
    expect(error.fieldErrors).toEqual({ name: ["validation.required"], email: ["validation.email"], phone: ["partners.phoneInvalid"] });
    expect(await db.partnerContact.count({ where: { partnerId } })).toBe(0);
  });
});

describe("listPartners", () => {
  it("lists the project's partners by name with contact counts, filtered by type", async () => {
    const p = await createProject();
    const a = await createPartner(p.id, userId, { name: "Wohnungsgesellschaft", type: "company" });
    await createPartner(p.id, userId, { name: "Agentur", type: "company" });
    await createPartner(p.id, userId, { name: "Jobcenter", type: "jobcenter" });
    await addPartnerContact(p.id, userId, a.id, { name: "Herr Krause" });
    const all = await listPartners(p.id);
    expect(all.map((x) => [x.name, x.contactCount])).toEqual([["Agentur", 0], ["Jobcenter", 0], ["Wohnungsgesellschaft", 1]]);
    expect((await listPartners(p.id, { type: "company" })).map((x) => x.name)).toEqual(["Agentur", "Wohnungsgesellschaft"]);
  });
});

describe("deletePartner", () => {
  it("deletes a partner with its contacts (audited)", async () => {
    const { id } = await createPartner(project.id, userId, { name: "Kirchengemeinde", type: "other" });
    await addPartnerContact(project.id, userId, id, { name: "Pfarrerin" });
    await deletePartner(project.id, userId, id, 1);
    expect(await db.partner.findUnique({ where: { id } })).toBeNull();
    expect(await db.partnerContact.count({ where: { partnerId: id } })).toBe(0);
    expect((await auditOf("Partner", id)).map((a) => a.action)).toEqual(["create", "delete"]);
  });

  it("refuses while budget lines name the partner", async () => {
    const { id } = await createPartner(project.id, userId, { name: "Teilvorhaben", type: "sub_project_partner" });
    await db.budgetLine.create({ data: { projectId: project.id, year: 2020, category: "staff", partnerId: id, amountCents: 100_00 } });
    const error = await validationError(deletePartner(project.id, userId, id, 1));
    expect(error.formErrors).toEqual(["partners.deleteInUse"]);
    expect(await db.partner.findUnique({ where: { id } })).not.toBeNull();
  });
});

describe("project scope", () => {
  it("answers 404 for another project's partner and contacts on every path", async () => {
    const { id: foreignId } = await createPartner(other.id, userId, { name: "Fremder Partner", type: "company" });
    const { id: foreignContact } = await addPartnerContact(other.id, userId, foreignId, { name: "Fremde Person" });
    const { id: ownId } = await createPartner(project.id, userId, { name: "Eigener Partner", type: "company" });
    await expectStatus(getPartner(project.id, foreignId), 404);
    await expectStatus(updatePartner(project.id, userId, foreignId, 1, { name: "Übernommen", type: "company" }), 404);
    await expectStatus(deletePartner(project.id, userId, foreignId, 1), 404);
    await expectStatus(addPartnerContact(project.id, userId, foreignId, { name: "X" }), 404);
    // a foreign contact through an own partner id is not found either
    await expectStatus(updatePartnerContact(project.id, userId, ownId, foreignContact, { name: "X" }), 404);
    await expectStatus(deletePartnerContact(project.id, userId, ownId, foreignContact), 404);
    await expectStatus(deletePartnerContact(project.id, userId, foreignId, foreignContact), 404);
    expect((await getPartner(other.id, foreignId)).contacts).toHaveLength(1);
  });
});
