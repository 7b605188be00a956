// German UI texts of the notice shown when someone else saved a record meanwhile (optimistic concurrency).
export const conflicts = {
  "conflict.title": "Inzwischen von jemand anderem gespeichert",
  "conflict.saveText": "Während Sie bearbeitet haben, wurde dieser Datensatz gespeichert. Ihre Eingaben sind unten im Formular erhalten. Prüfen Sie die Unterschiede; wenn Sie erneut speichern, werden Ihre Eingaben übernommen.",
  "conflict.deleteText": "Der Datensatz wurde geändert, nachdem Sie die Seite geöffnet haben, und ist nicht gelöscht. Die Seite zeigt jetzt den aktuellen Stand; wenn Sie ihn trotzdem löschen möchten, löschen Sie erneut.",
  "conflict.savedBy": "{name} hat am {at} gespeichert: {fields}",
  "conflict.someone": "Jemand",
  "conflict.noFields": "keine Feldänderung",
  "conflict.caption": "Geänderte Felder: Ihre Eingabe und der jetzt gespeicherte Stand",
  "conflict.field": "Feld",
  "conflict.yours": "Ihre Eingabe",
  "conflict.current": "jetzt gespeichert",
  "conflict.empty": "(leer)",
};
