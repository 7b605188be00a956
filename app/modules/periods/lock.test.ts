// The period lock helper against a real database: open, closed, reopened and closed-again periods,
// inclusive day bounds, ranges, and the German message with the period's days.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { translate } from "~/utils/i18n";
import { createProject, day, type ProjectFixture } from "~/modules/activities/test-helpers";
import { assertDatesOpen, assertRangeOpen, isClosed, PeriodLockedError } from "./lock.server";

let project: ProjectFixture;
let other: ProjectFixture;

beforeAll(async () => {
  project = await createProject();
  other = await createProject();
  const at = (iso: string) => new Date(iso);
  await db.reportingPeriod.createMany({
    data: [
      { projectId: project.id, start: day("2020-01-01"), end: day("2020-06-30"), lockedAt: at("2020-07-10T08:00:00Z") },
      { projectId: project.id, start: day("2020-07-01"), end: day("2020-12-31"), lockedAt: at("2021-01-10T08:00:00Z"), reopenedAt: at("2021-01-12T08:00:00Z") },
      { projectId: project.id, start: day("2021-01-01"), end: day("2021-06-30") },
      { projectId: project.id, start: day("2021-07-01"), end: day("2021-12-31"), lockedAt: at("2022-01-20T08:00:00Z"), reopenedAt: at("2022-01-15T08:00:00Z") },
    ],
  });
});

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(PeriodLockedError);
  return error as PeriodLockedError;
}

describe("isClosed", () => {
  it("is closed only when locked and not reopened after that lock", () => {
    expect(isClosed({ lockedAt: null, reopenedAt: null })).toBe(false);
    expect(isClosed({ lockedAt: new Date(2), reopenedAt: null })).toBe(true);
    expect(isClosed({ lockedAt: new Date(2), reopenedAt: new Date(3) })).toBe(false);
    expect(isClosed({ lockedAt: new Date(3), reopenedAt: new Date(2) })).toBe(true);
  });
});

describe("assertDatesOpen", () => {
  it("refuses days inside a closed period, first and last day included", async () => {
    for (const iso of ["2020-01-01", "2020-03-15", "2020-06-30"]) await refusal(assertDatesOpen(db, project.id, [day(iso)]));
    await refusal(assertDatesOpen(db, project.id, [null, day("2022-06-01"), day("2021-12-31")]));
    // a time of day on the last day is still inside
    await refusal(assertDatesOpen(db, project.id, [new Date("2020-06-30T22:30:00Z")]));
  });

  it("lets open, never closed and reopened periods and other projects through", async () => {
    await assertDatesOpen(db, project.id, [day("2019-12-31"), day("2020-07-01"), day("2020-12-31"), day("2021-03-01"), undefined, null]);
    await assertDatesOpen(db, other.id, [day("2020-03-15")]);
    await assertDatesOpen(db, project.id, []);
  });

  it("names the closed period in the form error, in German and English", async () => {
    const error = await refusal(assertDatesOpen(db, project.id, [day("2020-02-02")]));
    expect(error.periodStart).toEqual(day("2020-01-01"));
    expect(error.periodEnd).toEqual(day("2020-06-30"));
    expect(translate("de", error.formErrors[0])).toBe(
      "Der Berichtszeitraum 01.01.2020–30.06.2020 ist abgeschlossen. Einträge mit Datum in diesem Zeitraum können erst geändert werden, nachdem eine Administratorin oder ein Administrator ihn wieder geöffnet hat.",
    );
    expect(translate("en", error.formErrors[0])).toContain("01/01/2020–30/06/2020 is closed");
  });
});

describe("assertRangeOpen", () => {
  it("refuses a range overlapping a closed period and allows one that does not", async () => {
    await refusal(assertRangeOpen(db, project.id, day("2019-06-01"), day("2020-01-01")));
    await refusal(assertRangeOpen(db, project.id, day("2020-06-30"), day("2020-09-01")));
    await refusal(assertRangeOpen(db, project.id, day("2019-01-01"), day("2023-01-01")));
    await assertRangeOpen(db, project.id, day("2020-07-01"), day("2021-06-30"));
    await assertRangeOpen(db, other.id, day("2019-01-01"), day("2023-01-01"));
  });
});
