// npm run bench — ingest, side effects, payment-to-access delay and fault runs of a
// production build on real Postgres, and the Stripe import, appended to BENCHMARKS.md. Needs
// `npm run build` first (not for `--only import` or `cost`) and a local Postgres. Options:
// --only ingest,scale,backlog,faults,reads,model,live,cost,import (default: every part) --short (CI
// sizes) --no-write (print only) --rates 50,100,200 --seconds 10 --port 3500 (0 = any free)
// --database <url> --workers N (ingest: worker processes beside the web process, 0 = the
// one-process layout). Exits 1 if any check failed.
import { execFileSync } from "node:child_process";
import { appendFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { freePort, type Check } from "@/tools/bench/harness";

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    short: { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
    rates: { type: "string" },
    seconds: { type: "string" },
    port: { type: "string", default: "3500" },
    workers: { type: "string", default: "0" },
    database: {
      type: "string",
      default:
        process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/launchready_bench",
    },
  },
});
const require = createRequire(import.meta.url);

async function main() {
  // The reads part runs alert evaluation in this process; keep its logs out of the report
  // (lib/log reads LOG_LEVEL when first imported, hence the import below).
  process.env.LOG_LEVEL ??= "error";
  const { PARTS } = await import("@/tools/bench/parts");
  const only = values.only?.split(",").map((s) => s.trim()) ?? PARTS.map((p) => p.name);
  const unknown = only.filter((n) => !PARTS.some((p) => p.name === n));
  if (unknown.length) {
    throw new Error(
      `unknown part(s) ${unknown.join(", ")}; known: ${PARTS.map((p) => p.name).join(", ")}`,
    );
  }
  const rates = values.rates ?? (values.short ? "20" : "50,100,200");
  const seconds = values.seconds ?? (values.short ? "5" : "10");
  const command = [
    "npm run build && npm run bench --",
    values.only ? `--only ${values.only}` : "",
    values.short ? "--short" : "",
    only.includes("ingest") ? `--rates ${rates} --seconds ${seconds}` : "",
    values.workers !== "0" ? `--workers ${values.workers}` : "",
  ]
    .filter(Boolean)
    .join(" ");
  const port = Number(values.port) || (await freePort());
  const options = {
    rates: rates.split(",").map(Number),
    seconds: Number(seconds),
    port,
    database: values.database,
    short: values.short,
    workers: Number(values.workers),
    command,
    log: (line: string) => console.error(`[bench] ${line}`),
  };
  const checks: Check[] = [];
  const sections: string[] = [];
  for (const part of PARTS.filter((p) => only.includes(p.name))) {
    const started = performance.now();
    const result = await part.run(options);
    options.log(`${part.name} done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    checks.push(...result.checks);
    sections.push(result.lines.join("\n"));
    console.log(`\n${result.lines.join("\n")}`);
  }
  if (!values["no-write"]) {
    appendFileSync("BENCHMARKS.md", `\n${sections.join("\n\n")}\n`);
    execFileSync(
      process.execPath,
      [require.resolve("prettier/bin/prettier.cjs"), "--write", "BENCHMARKS.md"],
      { stdio: "ignore" },
    );
  }
  const failed = checks.filter((c) => !c.ok);
  console.log(`\n${checks.length - failed.length} of ${checks.length} checks passed.`);
  if (failed.length) {
    console.log("Failed checks:");
    for (const c of failed) console.log(`  ✘ ${c.name} — ${c.detail}`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
