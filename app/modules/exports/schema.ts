// What kinds of export run as jobs, who may see each kind, and the job id of the routes.
import { z } from "zod";
import type { Permission } from "~/utils/permissions";

export const EXPORT_KINDS = ["participants"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The permission a user must still hold to follow or download a job of this kind. */
export const EXPORT_KIND_PERMISSION: Record<ExportKind, Permission> = {
  participants: "participant:export",
};

/** A job id as the routes accept it (22 URL-safe characters); anything else is "not found". */
export const exportJobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
