import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  server: { port: Number(process.env.PORT ?? 3000) },
  build: { target: "es2022" },
  ssr: { external: ["@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "better-sqlite3", "pg", "exceljs", "pdfkit"] },
  plugins: [
    remix({
      // why: parallel local builds (several worktrees of work at once) each need their own output.
      buildDirectory: process.env.BIWAQ_BUILD_DIR ?? "build",
      ignoredRouteFiles: ["**/*.test.ts", "**/*.test.tsx", "**/*.css"],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tsconfigPaths(),
  ],
});
