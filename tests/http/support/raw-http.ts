// Requests Playwright's client cannot send: a body announced larger than what is sent (the server must
// answer from the headers alone), and chunked bodies without a length.
import http from "node:http";
import { BASE_URL } from "../../e2e/support/run-env";

export interface RawAnswer {
  status: number;
  body: string;
}

/** The cookie header of a Playwright request context (for requests sent past it). */
export async function cookieHeader(api: { storageState(): Promise<{ cookies: { name: string; value: string }[] }> }): Promise<string> {
  return (await api.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

/**
 * POSTs with `Content-Length: length` but sends only the first 64 KB and then waits: resolves with the
 * answer the server gives before the rest arrives, rejects after 15 s (the server waited for the body).
 */
export function announceOversized(url: string, cookie: string, length: number, contentType: string): Promise<RawAnswer> {
  return send(url, { Cookie: cookie, "Content-Type": contentType, "Content-Length": String(length) }, (request) => request.write(Buffer.alloc(64 * 1024, 0x61)));
}

/** POSTs a chunked body without Content-Length and keeps it open; resolves with the server's answer. */
export function chunkedPost(url: string, cookie: string, contentType: string): Promise<RawAnswer> {
  return send(url, { Cookie: cookie, "Content-Type": contentType, "Transfer-Encoding": "chunked" }, (request) => request.write("intent=x&"));
}

function send(url: string, headers: Record<string, string>, start: (request: http.ClientRequest) => void): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(url, BASE_URL), { method: "POST", headers: { Origin: BASE_URL, ...headers } });
    const timer = setTimeout(() => {
      request.destroy();
      reject(new Error(`no answer to ${url} within 15 s: the server waits for the whole body`));
    }, 15_000);
    request.on("response", (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => {
        clearTimeout(timer);
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    start(request);
  });
}
