// Programme areas (Programmgebiete): the form schema shared by the admin screen and the service.
import { z } from "zod";
import { choice, optionalDecimal, optionalInteger, optionalText, text } from "~/utils/form-values";

/** The 16 German Länder, stored by their German name. */
export const FEDERAL_STATES = [
  "Baden-Württemberg",
  "Bayern",
  "Berlin",
  "Brandenburg",
  "Bremen",
  "Hamburg",
  "Hessen",
  "Mecklenburg-Vorpommern",
  "Niedersachsen",
  "Nordrhein-Westfalen",
  "Rheinland-Pfalz",
  "Saarland",
  "Sachsen",
  "Sachsen-Anhalt",
  "Schleswig-Holstein",
  "Thüringen",
] as const;
export type FederalState = (typeof FEDERAL_STATES)[number];

/** ESF Plus region categories (the German labels are in the catalogue: admin.region.*). */
export const REGION_CATEGORIES = ["less_developed", "transition", "more_developed"] as const;
export type RegionCategory = (typeof REGION_CATEGORIES)[number];

const rate = () => optionalDecimal({ min: 0, max: 100 });

export const AreaInputSchema = z.object({
  name: text(120),
  municipality: text(120),
  federalState: choice(FEDERAL_STATES),
  regionCategory: choice(REGION_CATEGORIES),
  sizeHectares: optionalDecimal({ min: 0, max: 10_000_000 }),
  inhabitants: optionalInteger({ min: 0, max: 100_000_000 }),
  sgb2Rate: rate(),
  unemploymentRate: rate(),
  migrantShare: rate(),
  factsYear: optionalInteger({ min: 1950, max: 2100 }),
  factsSource: optionalText(500),
});
export type AreaInputValues = z.input<typeof AreaInputSchema>;
export type AreaInput = z.output<typeof AreaInputSchema>;
