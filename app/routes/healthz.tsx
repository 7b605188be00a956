// Liveness check for load balancers and the HTTP benchmark's baseline: answers "ok" without touching
// the database or the session, so its time is the server's own floor for one request.
export function loader() {
  return new Response("ok", { headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
