import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { ValidationError } from "~/utils/validation";
import { createArea, getArea, listAreas, updateArea } from "./service.server";

const forst = {
  name: "Forster Innenstadt",
  municipality: "Forst (Lausitz)",
  federalState: "Brandenburg",
  regionCategory: "transition",
  sizeHectares: "303",
  inhabitants: "6.638",
  sgb2Rate: "18,3",
  unemploymentRate: "10,6",
  migrantShare: "9,63",
  factsYear: "2019",
  factsSource: "Stadt Forst (Lausitz), INSEK",
} as const;

async function expectValidationError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

async function counts() {
  return { areas: await db.programmeArea.count(), audit: await db.auditEvent.count() };
}

describe("programme areas", () => {
  it("creates an area from form input with German decimal commas and audits the filled fields", async () => {
    const { id } = await createArea(forst, null);
    const area = await getArea(id);
    expect(area).toMatchObject({
      name: "Forster Innenstadt",
      municipality: "Forst (Lausitz)",
      federalState: "Brandenburg",
      regionCategory: "transition",
      sizeHectares: 303,
      inhabitants: 6638,
      sgb2Rate: 18.3,
      unemploymentRate: 10.6,
      migrantShare: 9.63,
      factsYear: 2019,
    });
    const [event] = await db.auditEvent.findMany({ where: { entity: "ProgrammeArea", entityId: id } });
    expect(event.action).toBe("create");
    expect(JSON.parse(event.fields)).toEqual(expect.arrayContaining(["name", "municipality", "sgb2Rate", "factsSource"]));
  });

  it("accepts typed numbers and leaves empty facts empty", async () => {
    const { id } = await createArea(
      { name: "Leipziger Osten", municipality: "Leipzig", federalState: "Sachsen", regionCategory: "transition", sgb2Rate: 21.5, inhabitants: "" },
      null,
    );
    const area = await getArea(id);
    expect(area.sgb2Rate).toBe(21.5);
    expect(area.inhabitants).toBeNull();
    expect(area.factsSource).toBeNull();
  });

  it("refuses a second area with the same name in the same municipality (any case); nothing is written", async () => {
    await createArea({ ...forst, name: "Grünau", municipality: "Leipzig", federalState: "Sachsen" }, null);
    const before = await counts();
    const error = await expectValidationError(createArea({ ...forst, name: "GRÜNAU", municipality: "leipzig", federalState: "Sachsen" }, null));
    expect(error.fieldErrors.name).toEqual(["admin.areas.duplicate"]);
    expect(await counts()).toEqual(before);
    // The same name in another municipality is a different place.
    await createArea({ ...forst, name: "Grünau", municipality: "Berlin", federalState: "Berlin" }, null);
  });

  it("refuses unknown federal states, region categories, bad numbers and rates above 100 %", async () => {
    const before = await counts();
    const error = await expectValidationError(
      createArea({ ...forst, name: "Test", federalState: "Bavaria" as never, regionCategory: "rich" as never, sgb2Rate: "101", inhabitants: "12,5", sizeHectares: "viel" }, null),
    );
    expect(error.fieldErrors).toEqual({
      federalState: ["validation.invalid"],
      regionCategory: ["validation.invalid"],
      sgb2Rate: ["form.outOfRange"],
      inhabitants: ["form.wholeNumber"],
      sizeHectares: ["validation.number"],
    });
    const missing = await expectValidationError(createArea({ name: "", municipality: "", federalState: "" as never, regionCategory: "" as never }, null));
    expect(missing.fieldErrors).toEqual({
      name: ["validation.required"],
      municipality: ["validation.required"],
      federalState: ["validation.required"],
      regionCategory: ["validation.required"],
    });
    expect(await counts()).toEqual(before);
  });

  it("updates and audits only the changed fields; unchanged input writes nothing", async () => {
    const { id } = await createArea({ ...forst, name: "Paunsdorf", municipality: "Leipzig", federalState: "Sachsen" }, null);
    await updateArea(id, { ...forst, name: "Paunsdorf", municipality: "Leipzig", federalState: "Sachsen", sgb2Rate: "17,9", regionCategory: "more_developed" }, null);
    const events = await db.auditEvent.findMany({ where: { entityId: id }, orderBy: { at: "asc" } });
    expect(events.at(-1)!.action).toBe("update");
    expect(JSON.parse(events.at(-1)!.fields).sort()).toEqual(["regionCategory", "sgb2Rate"]);
    const count = events.length;
    await updateArea(id, { ...forst, name: "Paunsdorf", municipality: "Leipzig", federalState: "Sachsen", sgb2Rate: "17,9", regionCategory: "more_developed" }, null);
    expect(await db.auditEvent.count({ where: { entityId: id } })).toBe(count);
    expect((await getArea(id)).sgb2Rate).toBe(17.9);
  });

  it("refuses renaming into an existing area and answers 404 for unknown ids", async () => {
    const { id } = await createArea({ ...forst, name: "Schönefeld", municipality: "Leipzig", federalState: "Sachsen" }, null);
    const error = await expectValidationError(updateArea(id, { ...forst, name: "Paunsdorf", municipality: "Leipzig", federalState: "Sachsen" }, null));
    expect(error.fieldErrors.name).toEqual(["admin.areas.duplicate"]);
    expect((await getArea(id)).name).toBe("Schönefeld");
    await expect(getArea("nosucharea")).rejects.toMatchObject({ init: { status: 404 } });
    await expect(updateArea("nosucharea", forst, null)).rejects.toMatchObject({ init: { status: 404 } });
  });

  it("lists areas with the number of projects working in them", async () => {
    const { id } = await createArea({ ...forst, name: "Weißwasser Süd", municipality: "Weißwasser/O.L.", federalState: "Sachsen" }, null);
    const project = await db.project.create({ data: { code: "AREA-LIST", title: "x", startDate: new Date("2024-01-01"), endDate: new Date("2024-12-31") } });
    await db.projectArea.create({ data: { projectId: project.id, areaId: id } });
    const listed = (await listAreas()).find((area) => area.id === id);
    expect(listed).toMatchObject({ name: "Weißwasser Süd", projectCount: 1 });
  });
});
