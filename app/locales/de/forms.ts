// German texts of the shared form helpers (app/utils/form-values.ts, app/components/form-field.tsx).
export const forms = {
  "form.wholeNumber": "Bitte geben Sie eine ganze Zahl ein.",
  "form.outOfRange": "Der Wert liegt außerhalb des erlaubten Bereichs.",
  "form.percentPrecision": "Bitte höchstens zwei Nachkommastellen angeben.",
  "form.money": "Bitte geben Sie einen Betrag ein, z. B. 1.234,56.",
  "form.choose": "Bitte wählen",
} as const;
