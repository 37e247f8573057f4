#!/usr/bin/env node
// Runs the Prisma CLI without letting it download native engines.
// `generate` runs Prisma 7 (the client, with its query plan cache). Every other command
// (migrate deploy/status/diff, db ...) runs the Prisma 6.19 CLI (package alias `prisma6`)
// with prisma/migrate6.config.ts: its WebAssembly schema engine migrates offline, Prisma 7's
// CLI cannot (it downloads a native schema-engine). One way of migrating: always 6.19.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const generate = args[0] === "generate" || args[0] === "--version" || args[0] === "-v";
const cli = require.resolve(generate ? "prisma/build/index.js" : "prisma6/build/index.js");
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false",
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? cli,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
if (!generate && !env.DATABASE_URL) {
  console.error(
    "DATABASE_URL is not set: export it (postgresql://…) before running prisma " + args.join(" "),
  );
  process.exit(1);
}
let extra = [];
if (!generate) {
  // 6.19 needs `url = env("DATABASE_URL")` in the datasource block; 7.x refuses it.
  const dir = mkdtempSync(path.join(tmpdir(), "prisma6-"));
  const withUrl = (file, name) => {
    const out = path.join(dir, name);
    const src = readFileSync(file, "utf8");
    if (/datasource\s+\w+\s*\{[^}]*\burl\s*=/.test(src)) return file; // a pre-7 schema (git)
    writeFileSync(
      out,
      src.replace(
        /(datasource\s+\w+\s*\{[^}]*?provider\s*=\s*"[^"]+")/,
        '$1\n  url = env("DATABASE_URL")',
      ),
    );
    return out;
  };
  env.PRISMA6_SCHEMA = withUrl("prisma/schema.prisma", "schema.prisma");
  for (const flag of ["--from-schema-datamodel", "--to-schema-datamodel"]) {
    const i = args.indexOf(flag);
    if (i >= 0) args[i + 1] = withUrl(args[i + 1], `${flag.slice(2)}.prisma`);
  }
  extra = ["--config", "prisma/migrate6.config.ts"];
}
const r = spawnSync(process.execPath, [cli, ...args, ...extra], { stdio: "inherit", env });
process.exit(r.status ?? 1);
