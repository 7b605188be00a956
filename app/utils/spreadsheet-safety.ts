// Protection against spreadsheet formula injection (CSV injection) in exported text cells.

/** Characters that make Excel / LibreOffice treat a cell as a formula (OWASP: = + - @, tab, carriage return). */
const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);

/** Returns `text` with a leading apostrophe when it would otherwise start a formula; other text is unchanged. */
export function safeSpreadsheetText(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0]) ? `'${text}` : text;
}
