import { defineConfig } from "prisma/config";

// Prisma 7: this config only serves `prisma generate`. Migrations run through the 6.19 CLI
// with prisma/migrate6.config.ts (see prisma/cli.mjs).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
