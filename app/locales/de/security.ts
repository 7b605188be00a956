// German texts of the hostile-input guards: unreadable form bodies, oversized uploads.
export const security = {
  "security.formUnreadable": "Das Formular konnte nicht gelesen werden. Bitte laden Sie die Seite neu und senden Sie es noch einmal.",
} as const;
