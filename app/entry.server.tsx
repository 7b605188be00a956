// Server rendering. The CSP nonce comes from server/index.js (load context) and is put on every
// script Remix renders; the security headers themselves are set by the server for all responses.
import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "~/components/nonce";
import { startExportHousekeeping } from "~/modules/exports/jobs.server";

// Export files left by an earlier server process are deleted at start-up, expired ones every minute.
startExportHousekeeping();

// why 30 s, not the template's 5 s: our loaders resolve before rendering starts, so this only bounds the
// render itself; on an overloaded machine (load tests) 5 s turned slow renders into 500s for pages that
// would have arrived a little later.
const ABORT_DELAY = 30_000;
export const streamTimeout = ABORT_DELAY;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as { cspNonce?: string }).cspNonce ?? "";
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY + 1000);
  });
}

/** Unexpected errors: log with an id (never request bodies), the UI shows the same id. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  // Expected answers (404 for unknown or foreign ids, 403, 400) are thrown responses, not errors.
  if (isRouteErrorResponse(error) || error instanceof Response) return;
  console.error(`[error] ${request.method} ${new URL(request.url).pathname}:`, error instanceof Error ? error.stack : error);
};
