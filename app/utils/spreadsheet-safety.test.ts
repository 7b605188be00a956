import { describe, expect, it } from "vitest";
import { restoreSpreadsheetText, safeSpreadsheetCell, safeSpreadsheetText } from "./spreadsheet-safety";

const TRIGGERS = ["=", "+", "-", "@", "\t", "\r"];

describe("safeSpreadsheetText", () => {
  it.each(TRIGGERS)("prefixes text starting with %j with an apostrophe", (trigger) => {
    expect(safeSpreadsheetText(`${trigger}HYPERLINK("http://x")`)).toBe(`'${trigger}HYPERLINK("http://x")`);
  });

  it.each(["", "Müller", "'=already quoted", " =leading space", "1=1", "TN-0001", "\n=newline first"])("leaves %j unchanged", (text) => {
    expect(safeSpreadsheetText(text)).toBe(text);
  });
});

describe("safeSpreadsheetCell", () => {
  it("neutralises strings and keeps numbers, dates, booleans and empty cells as they are", () => {
    const date = new Date("2025-02-10T00:00:00Z");
    expect(safeSpreadsheetCell("=1+1")).toBe("'=1+1");
    expect(safeSpreadsheetCell(-12.5)).toBe(-12.5);
    expect(safeSpreadsheetCell(date)).toBe(date);
    expect(safeSpreadsheetCell(true)).toBe(true);
    expect(safeSpreadsheetCell(null)).toBeNull();
  });
});

describe("restoreSpreadsheetText", () => {
  it.each(TRIGGERS)("undoes the guard before %j", (trigger) => {
    const text = `${trigger}2+3`;
    expect(restoreSpreadsheetText(safeSpreadsheetText(text))).toBe(text);
  });

  it.each(["'t Hooft", "'", "''", "Müller", "'a=1"])("leaves %j unchanged", (text) => {
    expect(restoreSpreadsheetText(text)).toBe(text);
  });
});
