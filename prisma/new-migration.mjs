#!/usr/bin/env node
// npm run db:new-migration -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes the
// schema as committed (HEAD) to the working-tree prisma/schema.prisma. `prisma migrate dev`
// cannot run here (see README, "Database"), so this is how a migration is made.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <snake_case_name>");
  process.exit(1);
}
const base = process.env.MIGRATION_BASE ?? "HEAD";
const old = path.join(mkdtempSync(path.join(tmpdir(), "schema-")), "schema.prisma");
writeFileSync(old, execFileSync("git", ["show", `${base}:prisma/schema.prisma`]));
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
};
const sql = execFileSync(
  process.execPath,
  [
    "prisma/cli.mjs",
    "migrate",
    "diff",
    "--from-schema-datamodel",
    old,
    "--to-schema-datamodel",
    "prisma/schema.prisma",
    "--script",
  ],
  { env, encoding: "utf8" },
);
if (!sql.trim() || /This is an empty migration/.test(sql)) {
  console.error("schema.prisma has no changes against " + base);
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join("prisma/migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
console.log(`wrote ${dir}/migration.sql`);
