// The bench's parts, in the order `npm run bench` runs them. A new part is one file under
// tools/bench/ exporting `run(o): Promise<PartResult>`, registered here.
import os from "node:os";
import { runBacklog } from "@/tools/bench/backlog";
import { runCost } from "@/tools/bench/cost";
import { runFaults } from "@/tools/bench/faults";
import { databaseNamed, type BenchOptions, type BenchPart } from "@/tools/bench/harness";
import { runImportBench } from "@/tools/bench/import";
import { runIngest, runScale } from "@/tools/bench/ingest";
import { runLive } from "@/tools/bench/live";
import { runModelBench } from "@/tools/bench/model";
import { runReadBench } from "@/tools/bench/reads";

/** Read paths at 100,000 customers and 1,000,000 ledger events (CI: 2,000 and 20,000). */
async function runReads(o: BenchOptions) {
  const size = o.short
    ? { customers: 2_000, ledgerEvents: 20_000, repeats: 3, httpRequests: 50 }
    : { customers: 100_000, ledgerEvents: 1_000_000, repeats: 5, httpRequests: 200 };
  const { lines, checks } = await runReadBench({
    ...size,
    databaseUrl: databaseNamed(o.database, "reads"),
    seed: true,
    http: { port: o.port },
    log: o.log,
  });
  const heading = `## Read paths at ${size.customers.toLocaleString("en-US")} customers and ${size.ledgerEvents.toLocaleString("en-US")} ledger events — ${new Date().toISOString().slice(0, 10)}`;
  return {
    lines: [
      heading,
      "",
      `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, local PostgreSQL; 1-minute load average ${os.loadavg()[0].toFixed(1)} at the end (above ${os.cpus().length} means other work shared the CPUs).`,
      `Command: \`${o.command}\``,
      "",
      ...lines,
    ],
    checks: checks.map((c) => ({ ...c, name: `reads: ${c.name}` })),
  };
}

export const PARTS: BenchPart[] = [
  { name: "ingest", run: runIngest },
  { name: "scale", run: runScale },
  { name: "backlog", run: runBacklog },
  { name: "faults", run: runFaults },
  { name: "reads", run: runReads },
  { name: "model", run: runModelBench },
  { name: "live", run: runLive },
  { name: "cost", run: runCost },
  { name: "import", run: runImportBench },
];
