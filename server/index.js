#!/usr/bin/env node
// The HTTP server: security headers with a per-request CSP nonce, one central same-origin check for
// every non-GET request, static assets, and the Remix handler. Before listening it applies pending
// migrations and (only when asked: BIWAQ_DEMO=1) seeds an empty database with the demo data.
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const isDev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
/** Request bodies above this are refused before they are read (uploads have their own, smaller limits). */
const MAX_BODY_BYTES = 25 * 1024 * 1024;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const extraOrigins = (process.env.BIWAQ_ALLOWED_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean);

function runCli(args) {
  const result = spawnSync(process.execPath, [path.join(root, "bin", "biwaq.js"), ...args], { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`biwaq ${args.join(" ")} failed; the server does not start.`);
    process.exit(result.status ?? 1);
  }
}

if (!process.argv.includes("--skip-migrate")) runCli(["db", "migrate", "--quiet"]);
if (["1", "true", "yes"].includes(process.env.BIWAQ_DEMO ?? "")) runCli(["demo", "seed", "--if-empty"]);

const app = express();
app.disable("x-powered-by");
if (process.env.BIWAQ_TRUST_PROXY) app.set("trust proxy", process.env.BIWAQ_TRUST_PROXY);
// Server-Timing: app;dur=<ms from the request's arrival to its response headers> (the benchmark reads it).
app.use((req, res, next) => {
  const started = process.hrtime.bigint();
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    if (!res.headersSent) res.setHeader("Server-Timing", `app;dur=${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)}`);
    return writeHead.apply(this, args);
  };
  next();
});
app.use(compression());

app.use((req, res, next) => {
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  const connectSrc = isDev ? "'self' ws: wss:" : "'self'";
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      `connect-src ${connectSrc}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
  );
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  if (!isDev && process.env.NODE_ENV === "production" && req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000");
  next();
});

// CSRF: every state-changing request must come from this origin (Origin header, or the browser's
// Sec-Fetch-Site when no Origin is sent). SameSite=Lax cookies are the second line.
app.use((req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const length = Number(req.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) {
    res.status(413).type("text/plain; charset=utf-8").send("Die Anfrage ist zu groß. / Request too large.");
    return;
  }
  // why: a body without a length (chunked) could not be held to the limit before it is read; browsers
  // always announce the length of a form post.
  if (req.get("transfer-encoding") && req.get("content-length") === undefined) {
    res.status(411).type("text/plain; charset=utf-8").send("Die Anfrage muss ihre Länge angeben. / Length required.");
    return;
  }
  const origin = req.get("origin");
  const ownOrigin = `${req.protocol}://${req.get("host")}`;
  const sameOrigin = origin ? origin === ownOrigin || extraOrigins.includes(origin) : req.get("sec-fetch-site") === "same-origin";
  if (!sameOrigin) {
    res.status(403).type("text/plain; charset=utf-8").send("Die Anfrage kam nicht von dieser Anwendung und wurde abgelehnt. / Cross-origin request refused.");
    return;
  }
  next();
});

let build;
if (isDev) {
  const vite = await import("vite");
  const viteServer = await vite.createServer({ server: { middlewareMode: true } });
  app.use(viteServer.middlewares);
  build = () => viteServer.ssrLoadModule("virtual:remix/server-build");
} else {
  const buildDir = path.resolve(root, process.env.BIWAQ_BUILD_DIR ?? "build");
  app.use("/assets", express.static(path.join(buildDir, "client", "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
  build = await import(path.join(buildDir, "server", "index.js"));
}

app.use((req, res, next) => {
  // Pages and data carry personal data: never cached by browsers or proxies.
  res.setHeader("Cache-Control", "no-store");
  next();
});

app.all(
  "*",
  createRequestHandler({
    build,
    mode: isDev ? "development" : "production",
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
  }),
);

const server = app.listen(port, host, () => {
  const url = `http://localhost:${port}`;
  console.log(`biwaq-tracker listens on ${url} (${isDev ? "development" : process.env.NODE_ENV ?? "production"})`);
  if (["1", "true", "yes"].includes(process.env.BIWAQ_DEMO ?? "")) {
    console.log("Demo logins (password: biwaq-demo-2026):");
    for (const role of ["admin", "lead", "coordinator", "manager", "accountant"]) console.log(`  ${role.padEnd(12)} ${role}@demo.biwaq.de`);
  }
});

function shutdown() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
