import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// Migrations run through Prisma's WebAssembly schema engine and the pg driver adapter,
// so no native engine is downloaded (see README, "Database").
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () =>
    new PrismaPg({ connectionString: process.env.DATABASE_URL, idleTimeoutMillis: 200 }),
});
