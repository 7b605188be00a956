import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  checkbox,
  decimalInputValue,
  echoValues,
  formDataToValues,
  moneyInputValue,
  optionalDate,
  optionalMoneyCents,
  parseDecimal,
  percentBp,
  percentInputValue,
  stringList,
} from "./form-values";

describe("form values", () => {
  it("reads German and plain decimals", () => {
    expect(parseDecimal("18,3")).toBe(18.3);
    expect(parseDecimal("1.234,5")).toBe(1234.5);
    expect(parseDecimal("1.234")).toBe(1234);
    expect(parseDecimal("18.3")).toBe(18.3);
    expect(parseDecimal(" 9,63 % ")).toBe(9.63);
    expect(parseDecimal("1,2,3")).toBeNull();
    expect(parseDecimal("abc")).toBeNull();
    expect(decimalInputValue(18.3)).toBe("18,3");
  });

  it("turns typed percentages into basis points and keeps numbers as basis points", () => {
    const schema = percentBp({ max: 4000, default: 0 });
    expect(schema.parse("26")).toBe(2600);
    expect(schema.parse("12,5")).toBe(1250);
    expect(schema.parse(2600)).toBe(2600);
    expect(schema.parse("")).toBe(0);
    expect(schema.safeParse("40,01").success).toBe(false);
    expect(percentInputValue(1250)).toBe("12,5");
  });

  it("reads money as cents and writes it back German style", () => {
    const schema = optionalMoneyCents();
    expect(schema.parse("1.234,56")).toBe(123456);
    expect(schema.parse("1234.5")).toBe(123450);
    expect(schema.parse(99)).toBe(99);
    expect(schema.parse("")).toBeNull();
    expect(schema.safeParse("-5").success).toBe(false);
    expect(moneyInputValue(123456)).toBe("1.234,56");
  });

  it("handles checkboxes, value lists and optional dates from forms and from code alike", () => {
    const schema = z.object({ on: checkbox(), list: stringList(), when: optionalDate() });
    expect(schema.parse({ on: "on", list: "a", when: "31.12.2024" })).toEqual({ on: true, list: ["a"], when: new Date("2024-12-31T00:00:00Z") });
    expect(schema.parse({})).toEqual({ on: false, list: [], when: null });
    expect(schema.parse({ on: true, list: ["a", " b ", "a", ""], when: new Date("2024-01-02T00:00:00Z") })).toEqual({
      on: true,
      list: ["a", "b"],
      when: new Date("2024-01-02T00:00:00Z"),
    });
    expect(schema.safeParse({ when: "2024-02-30" }).error?.issues[0].message).toBe("validation.date");
  });

  it("collects FormData and never echoes secrets", () => {
    const form = new FormData();
    form.append("name", "Anna");
    form.append("ids", "1");
    form.append("ids", "2");
    form.append("password", "geheim-geheim");
    form.append("intent", "update");
    const values = formDataToValues(form, ["ids", "other"]);
    expect(values).toEqual({ name: "Anna", ids: ["1", "2"], password: "geheim-geheim", intent: "update", other: [] });
    expect(echoValues(values, ["password"])).toEqual({ name: "Anna", ids: ["1", "2"], other: [] });
  });
});
