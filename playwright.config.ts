// Playwright: browser journeys (tests/e2e) and browser-less HTTP checks (tests/http) against the
// production build, served by `node server/index.js` on its own fresh database for the run:
// a SQLite file under tests/.tmp by default, or PostgreSQL database `biwaq_e2e` when DATABASE_URL is
// a postgres URL. The server seeds the demo data itself (BIWAQ_DEMO=1). See tests/e2e/support/.
import { defineConfig } from "@playwright/test";
import { existsSync } from "node:fs";
import path from "node:path";
import { BASE_URL, E2E_PORT, E2E_SESSION_SECRET, e2eDatabaseUrl, ROOT } from "./tests/e2e/support/run-env";

const databaseUrl = e2eDatabaseUrl();
// why: BIWAQ_E2E_SKIP_BUILD=1 reuses an existing build/ (faster reruns); a clean checkout builds.
const buildFirst = process.env.BIWAQ_E2E_SKIP_BUILD === "1" ? "" : "npm run build && ";

export default defineConfig({
  outputDir: "test-results",
  fullyParallel: true,
  workers: Math.min(2, Number(process.env.E2E_WORKERS ?? 2)),
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "de-DE",
    timezoneId: "Europe/Berlin",
  },
  projects: [
    { name: "http", testDir: "tests/http" },
    // Load and fault tests: each starts its own servers from the same build on its own database.
    { name: "resilience", testDir: "tests/resilience" },
    {
      name: "e2e",
      testDir: "tests/e2e",
      use: {
        browserName: "chromium",
        launchOptions: {
          // The network is closed here: use Debian's Chromium, keep it from phoning home.
          executablePath: process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined),
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    command: `${buildFirst}node scripts/e2e-server.mjs`,
    cwd: ROOT,
    url: `${BASE_URL}/login`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "ignore",
    stderr: "pipe",
    // SIGTERM lets scripts/e2e-server.mjs stop the server and drop the run's database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    env: {
      NODE_ENV: "production",
      PORT: String(E2E_PORT),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      BIWAQ_E2E_DATABASE_URL: databaseUrl,
      BIWAQ_DEMO: "1",
      BIWAQ_COOKIE_SECURE: "false",
      BIWAQ_DATA_DIR: path.join(ROOT, "tests", ".tmp", "e2e-data"),
      SESSION_SECRET: E2E_SESSION_SECRET,
    },
  },
});
