// Expected failures are thrown responses; the shared ErrorBoundary renders them.
import { data } from "@remix-run/node";

/** Throws a `status` response with `message` unless `condition` holds. */
export function invariantResponse(condition: unknown, message: string, status = 400): asserts condition {
  if (!condition) throw data({ message }, { status });
}

export function notFound(message = "Not found"): never {
  throw data({ message }, { status: 404 });
}

export function forbidden(message = "Forbidden"): never {
  throw data({ message }, { status: 403 });
}

export function badRequest(message = "Bad request"): never {
  throw data({ message }, { status: 400 });
}

// cuid()s are 25 lower-case alphanumerics; we accept a little more so seeds with readable ids work.
const ID_PATTERN = /^[a-z0-9_-]{1,64}$/i;

/** A route param that must be an id; anything else (malformed, too long) answers 404, never 500. */
export function requireId(value: string | undefined): string {
  if (!value || !ID_PATTERN.test(value)) notFound();
  return value;
}

/** The client address as seen by the server (set by server/index.js into the load context). */
export function clientAddress(context: unknown): string {
  const address = (context as { clientAddress?: string } | undefined)?.clientAddress;
  return address || "unknown";
}

/** A file to download: name offered to the browser, media type and content. */
export interface DownloadFile {
  fileName: string;
  contentType: string;
  body: Uint8Array;
}

/** An attachment response for `file`: never cached, never content-sniffed, with its exact length. */
export function downloadResponse(file: DownloadFile): Response {
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Content-Length": String(file.body.length),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
