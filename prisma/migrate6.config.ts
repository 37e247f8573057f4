import { PrismaPg } from "@prisma/adapter-pg";

// Migrations stay on the Prisma 6.19 CLI (package alias `prisma6`): its WebAssembly schema
// engine runs through the pg adapter, offline. Prisma 7's CLI needs a native schema-engine
// download for every migrate/db command. A plain object, not defineConfig: `prisma/config` is
// 7.x here and does not know these 6.19 fields. prisma/cli.mjs points PRISMA6_SCHEMA at a copy
// of prisma/schema.prisma with the `url` line 6.19 requires (and 7.x refuses).
const config = {
  experimental: { adapter: true },
  engine: "js",
  schema: process.env.PRISMA6_SCHEMA,
  migrations: { path: "migrations" }, // relative to this file
  adapter: async () =>
    new PrismaPg({ connectionString: process.env.DATABASE_URL, idleTimeoutMillis: 200 }),
};

export default config;
