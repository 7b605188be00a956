// Recognising database errors that are expected input problems, on both providers.

/** True for a unique-constraint violation (Prisma P2002), e.g. two requests creating the same email at once. */
export function isUniqueConstraintError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
