// npm run bench:reads — read paths (customers list and detail, read API, ledger, exceptions,
// overview metrics, alert evaluation) at a seeded size on a local Postgres; see BENCHMARKS.md.
// Options: --customers 100000 --ledger-events 1000000 --no-seed --repeats 5 --no-http
//          --port 3510 --requests 200 --concurrency 10 --write (append to BENCHMARKS.md)
//          --strict (exit 1 when a check fails). The HTTP part needs `npm run build` first.
import { execFileSync } from "node:child_process";
import { appendFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "100000" },
    "ledger-events": { type: "string", default: "1000000" },
    "no-seed": { type: "boolean", default: false },
    repeats: { type: "string", default: "5" },
    "no-http": { type: "boolean", default: false },
    port: { type: "string", default: "3510" },
    requests: { type: "string", default: "200" },
    concurrency: { type: "string", default: "10" },
    write: { type: "boolean", default: false },
    strict: { type: "boolean", default: false },
    database: {
      type: "string",
      default:
        process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/lr_bench_reads",
    },
  },
});

async function main() {
  // Alert evaluation logs what fires; keep that out of the report.
  process.env.LOG_LEVEL ??= "error";
  const { runReadBench } = await import("@/tools/bench/reads");
  const customers = Number(values.customers);
  const ledgerEvents = Number(values["ledger-events"]);
  const loadBefore = os.loadavg()[0];
  const { lines, checks } = await runReadBench({
    databaseUrl: values.database,
    customers,
    ledgerEvents,
    seed: !values["no-seed"],
    repeats: Number(values.repeats),
    http: values["no-http"] ? undefined : { port: Number(values.port) },
    httpRequests: Number(values.requests),
    concurrency: Number(values.concurrency),
    log: (line) => console.error(line),
  });
  const failed = checks.filter((c) => !c.ok);
  const args = process.argv.slice(2).filter((a) => a !== "--write");
  const section = [
    `\n## Read paths at ${customers.toLocaleString("en-US")} customers and ${ledgerEvents.toLocaleString("en-US")} ledger events — ${new Date().toISOString().slice(0, 10)}`,
    "",
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, local PostgreSQL; 1-minute load average ${loadBefore.toFixed(1)} at the start and ${os.loadavg()[0].toFixed(1)} at the end (above ${os.cpus().length} means other work shared the CPUs).`,
    `Command: \`npm run build && npm run bench:reads -- ${args.join(" ")}\``,
    "",
    ...lines,
    "",
    `Checks: ${checks.length - failed.length} of ${checks.length} pass.${failed.length ? " Failing:" : ""}`,
    ...failed.map((c) => `- ${c.name}: ${c.detail}`),
  ];
  console.log(section.join("\n"));
  if (values.write) {
    appendFileSync("BENCHMARKS.md", `${section.join("\n")}\n`);
    const require = createRequire(import.meta.url);
    execFileSync(
      process.execPath,
      [require.resolve("prettier/bin/prettier.cjs"), "--write", "BENCHMARKS.md"],
      { stdio: "ignore" },
    );
  }
  if (values.strict && failed.length) process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
