// English texts of the hostile-input guards: unreadable form bodies, oversized uploads.
import type { security as de } from "../de/security";

export const security: Record<keyof typeof de, string> = {
  "security.formUnreadable": "The form could not be read. Please reload the page and send it again.",
};
