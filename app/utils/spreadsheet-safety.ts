// Protection against spreadsheet formula injection (CSV injection) in exported text cells, used by
// every CSV and XLSX export, and its inverse for files that come back in through an import.

/** Characters that make Excel / LibreOffice treat a cell as a formula (OWASP: = + - @, tab, carriage return). */
const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);

/** Returns `text` with a leading apostrophe when it would otherwise start a formula; other text is unchanged. */
export function safeSpreadsheetText(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0]) ? `'${text}` : text;
}

/**
 * An XLSX cell value: text neutralised like in CSV, numbers, dates, booleans and empty cells unchanged
 * (they stay real numbers and dates in the sheet).
 */
export function safeSpreadsheetCell<T>(value: T): T | string {
  return typeof value === "string" ? safeSpreadsheetText(value) : value;
}

/** Undoes `safeSpreadsheetText` for a cell read from an exported file: `'=A1` → `=A1`; anything else unchanged. */
export function restoreSpreadsheetText(text: string): string {
  return text.length > 1 && text[0] === "'" && FORMULA_TRIGGERS.has(text[1]) ? text.slice(1) : text;
}
