// Form and query schemas of the import, export and anonymisation pages (shared by page and action).
import { z } from "zod";
import { EXPORT_FORMATS } from "./export-formats";

/** Upper bound of an uploaded or read participant file; larger files are refused before parsing. */
export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024;

/** The upload form: one file (size and type are checked by the upload handler and the parser). */
export const importUploadSchema = z.object({
  intent: z.literal("upload"),
  file: z
    .custom<File>((value) => typeof File !== "undefined" && value instanceof File, { message: "participantsIo.import.error.noFile" })
    .refine((file) => file.size > 0 && file.name !== "", { message: "participantsIo.import.error.noFile" }),
});

const token = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

/** The preview's buttons: confirm (with the fingerprint of the plan the user saw) or cancel. */
export const importDecisionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("confirm"),
    upload: token,
    fingerprint: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    strict: z.literal("on").optional(),
  }),
  z.object({ intent: z.literal("cancel"), upload: token }),
]);

/** The counts shown after an import (from the redirect's query; display only). */
export const importDoneSchema = z.object({
  imported: z.coerce.number().int().min(0),
  updated: z.coerce.number().int().min(0),
  unchanged: z.coerce.number().int().min(0),
  incomplete: z.coerce.number().int().min(0),
  rejected: z.coerce.number().int().min(0),
});

export const exportFormatSchema = z.enum(EXPORT_FORMATS);

/** The anonymisation page: run only after the dry run was acknowledged. */
export const anonymiseSchema = z.object({
  intent: z.literal("anonymise"),
  confirm: z.literal("on", { message: "participantsIo.anon.confirmRequired" }),
});
