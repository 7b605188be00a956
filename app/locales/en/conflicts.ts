// English UI texts of the conflict notice (keys from de/conflicts.ts).
import type { conflicts as de } from "../de/conflicts";

export const conflicts: Record<keyof typeof de, string> = {
  "conflict.title": "Saved by someone else in the meantime",
  "conflict.saveText": "While you were editing, this record was saved. Your input is kept in the form below. Check the differences; if you save again, your input is applied.",
  "conflict.deleteText": "The record was changed after you opened the page and has not been deleted. The page now shows the current state; if you still want to delete it, delete again.",
  "conflict.savedBy": "{name} saved on {at}: {fields}",
  "conflict.someone": "Someone",
  "conflict.noFields": "no field changed",
  "conflict.caption": "Changed fields: your input and what is saved now",
  "conflict.field": "Field",
  "conflict.yours": "Your input",
  "conflict.current": "saved now",
  "conflict.empty": "(empty)",
};
