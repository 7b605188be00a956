// Display and parsing of dates and money the way German users write them:
// dates TT.MM.JJJJ, money 1.234,56 €. Stored dates are UTC midnight; money is integer cents.

export type Locale = "de" | "en";

const pad = (n: number) => String(n).padStart(2, "0");

/** 21.11.2026 (de) or 21/11/2026 (en); "" for null. */
export function formatDate(value: Date | string | null | undefined, locale: Locale = "de"): string {
  if (!value) return "";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "";
  const [d, m, y] = [pad(date.getUTCDate()), pad(date.getUTCMonth() + 1), date.getUTCFullYear()];
  return locale === "de" ? `${d}.${m}.${y}` : `${d}/${m}/${y}`;
}

/** 21.11.2026, 14:30 in Europe/Berlin. */
export function formatDateTime(value: Date | string | null | undefined, locale: Locale = "de"): string {
  if (!value) return "";
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Berlin",
  }).format(date);
}

/** ISO calendar date `YYYY-MM-DD` (for <input type="date"> and the data contract). */
export function isoDate(value: Date | string | null | undefined): string {
  if (!value) return "";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return "";
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Parses `YYYY-MM-DD` or `TT.MM.JJJJ` into UTC midnight; null when not a real calendar date. */
export function parseDate(input: string | null | undefined): Date | null {
  const value = (input ?? "").trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date;
}

/** 123456 → "1.234,56 €" (de) / "€1,234.56" (en). */
export function formatMoney(cents: number, locale: Locale = "de"): string {
  return new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB", { style: "currency", currency: "EUR" }).format(cents / 100);
}

/** "1.234,56", "1234,56", "1234.56", "1.234" → cents; null when not a clean amount. */
export function parseMoney(input: string | null | undefined): number | null {
  let value = (input ?? "").replace(/\s|€/g, "");
  if (!value) return null;
  const negative = value.startsWith("-");
  if (negative) value = value.slice(1);
  let euros: string, cents = "";
  if (/^\d{1,3}(\.\d{3})*(,\d{1,2})?$/.test(value) || /^\d+(,\d{1,2})?$/.test(value)) {
    [euros, cents = ""] = value.replace(/\./g, "").split(",");
  } else if (/^\d+(\.\d{1,2})?$/.test(value)) {
    [euros, cents = ""] = value.split(".");
  } else return null;
  const result = Number(euros) * 100 + Number(cents.padEnd(2, "0"));
  return negative ? -result : result;
}

export function formatNumber(value: number, locale: Locale = "de", fractionDigits = 0): string {
  return new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB", {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** Basis points → "12,5 %". */
export function formatPercentBp(bp: number, locale: Locale = "de"): string {
  return `${formatNumber(bp / 100, locale, bp % 100 === 0 ? 0 : 2)} %`;
}
