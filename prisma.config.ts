// Prisma CLI configuration (migrate deploy / dev / diff). The provider follows DATABASE_URL's
// scheme, like the app at runtime: postgres(ql):// → PostgreSQL, anything else → SQLite file.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { postgresMigrationAdapter, sqliteMigrationAdapter, unrefLongTimers } from "./prisma/cli-workarounds";
import { databaseProvider, resolveDatabaseUrl } from "./app/utils/database-url";

const url = resolveDatabaseUrl(process.env.DATABASE_URL);
const provider = databaseProvider(url);

unrefLongTimers();

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", provider, "schema.prisma"),
  migrations: { path: path.join("prisma", provider, "migrations") },
  adapter: async () => (provider === "postgresql" ? postgresMigrationAdapter(url) : sqliteMigrationAdapter(url)),
});
