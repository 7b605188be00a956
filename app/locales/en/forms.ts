import type { forms as de } from "../de/forms";

export const forms: Record<keyof typeof de, string> = {
  "form.wholeNumber": "Please enter a whole number.",
  "form.outOfRange": "The value is outside the allowed range.",
  "form.percentPrecision": "Please use at most two decimal places.",
  "form.money": "Please enter an amount, e.g. 1234.56 or 1.234,56.",
  "form.choose": "Please choose",
};
