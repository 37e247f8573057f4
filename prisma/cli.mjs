#!/usr/bin/env node
// Runs the Prisma CLI without letting it download native engines (this project uses the
// WebAssembly schema engine and the Rust-free client; see prisma.config.ts).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false",
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? cli,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const args = process.argv.slice(2);
if (args[0] !== "generate" && !env.DATABASE_URL) {
  console.error(
    "DATABASE_URL is not set: export it (postgresql://…) before running prisma " + args.join(" "),
  );
  process.exit(1);
}
const r = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit", env });
process.exit(r.status ?? 1);
