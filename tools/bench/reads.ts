import { execFileSync } from "node:child_process";
import { PrismaPg } from "@prisma/adapter-pg";
import { readCases } from "@/tools/bench/reads-cases";
import { searchBench } from "@/tools/bench/reads-search";
import type { Check } from "@/tools/bench/harness";
import { measureHttp, readServerEnv, type HttpRun } from "@/tools/bench/reads-http";
import { prepareReadBenchData, seedReadBench } from "@/tools/bench/reads-seed";
import { rssMb, startNextServer, type NextServer } from "@/tools/bench/server";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { recreateDatabase } from "@/dev/local-database";
import { hashToken } from "@/lib/tokens/api-tokens";

export type ReadBenchOptions = {
  /** A local database; with `seed` it is dropped, recreated, migrated and seeded. */
  databaseUrl: string;
  customers: number;
  ledgerEvents: number;
  seed: boolean;
  /** Timed runs per read path after one discarded warm-up run (default 5). */
  repeats?: number;
  /**
   * The read API over HTTP: `{ port }` starts `next start` (needs `npm run build`) against the
   * database; `{ baseUrl, pid? }` uses a server already running on it (started with
   * OPS_API_TOKEN = `opsApiToken`); omitted: skipped.
   */
  http?: { port: number } | { baseUrl: string; pid?: number };
  httpRequests?: number;
  concurrency?: number;
  opsApiToken?: string;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
};

const TARGET_MS = 200;
const RSS_LIMIT_MB = 500;
const DB_API_TOKEN = "lr_bench_read_api_token_0123456789abcdef";
const customerId = (i: number) => "c" + String(i).padStart(7, "0");

/**
 * Read paths at a given size (issue 7): seeds (optionally), times every read path server-side
 * with the functions the pages and routes call (median and max of `repeats` runs, the first
 * run discarded), then the read API over real HTTP with the server's peak RSS. Returns the
 * markdown lines for BENCHMARKS.md and one check per target; a failed check is reported, not
 * thrown.
 */
export async function runReadBench(
  opts: ReadBenchOptions,
): Promise<{ lines: string[]; checks: Check[] }> {
  const log = opts.log ?? (() => {});
  const repeats = opts.repeats ?? 5;
  const opsApiToken = opts.opsApiToken ?? "bench-ops-api-token-0123456789abcdef";
  const lines: string[] = [];
  const checks: Check[] = [];
  if (opts.seed) {
    const t = performance.now();
    await recreateDatabase(opts.databaseUrl);
    execFileSync(process.execPath, ["prisma/cli.mjs", "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: opts.databaseUrl },
      stdio: "ignore",
    });
    const migrated = performance.now();
    await seedReadBench(opts.databaseUrl, opts);
    const s = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
    lines.push(
      `Seeded in ${s(performance.now() - migrated)} (migrations ${s(migrated - t)}), VACUUM ANALYZE included.`,
    );
    log(lines.at(-1)!);
  }
  lines.push(await prepareReadBenchData(opts.databaseUrl, hashToken(DB_API_TOKEN)), "");

  const db = new PrismaClient({
    adapter: new PrismaPg({ connectionString: opts.databaseUrl, max: 10 }),
  });
  lines.push(
    `Server-side time (the functions the pages and routes call, ${repeats} runs after a discarded first run):`,
    "",
    "| area | read path | median ms | max ms | under 200 ms (median) |",
    "| --- | --- | --- | --- | --- |",
  );
  try {
    for (const c of readCases({
      customers: opts.customers,
      opsApiToken,
      dbApiToken: DB_API_TOKEN,
    })) {
      const times: number[] = [];
      for (let i = 0; i <= repeats; i++) {
        const t = performance.now();
        await c.run(db);
        if (i > 0) times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      const max = times[times.length - 1];
      const ok = median < TARGET_MS;
      checks.push({
        name: `${c.group}: ${c.name} under ${TARGET_MS} ms server time (median)`,
        ok,
        detail: `median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms`,
      });
      lines.push(
        `| ${c.group} | ${c.name} | ${median.toFixed(1)} | ${max.toFixed(1)} | ${ok ? "yes" : "**NO**"} |`,
      );
      log(lines.at(-1)!);
    }
    lines.push("", ...(await searchBench(db, opts.customers, repeats * 4, checks, log)));
  } finally {
    await db.$disconnect();
  }
  if (opts.http) lines.push("", ...(await httpRuns(opts, opsApiToken, checks, log)));
  return { lines, checks };
}

async function httpRuns(
  opts: ReadBenchOptions,
  opsApiToken: string,
  checks: Check[],
  log: (line: string) => void,
): Promise<string[]> {
  let server: NextServer | undefined;
  let baseUrl: string;
  let pid: number | undefined;
  if (opts.http && "port" in opts.http) {
    const { port } = opts.http;
    server = startNextServer(
      port,
      readServerEnv({ databaseUrl: opts.databaseUrl, port, opsApiToken }),
    );
    await server.waitHealthy().catch(async (e) => {
      await server?.stop();
      throw e;
    });
    ({ base: baseUrl, pid } = server);
  } else {
    baseUrl = opts.http!.baseUrl;
    pid = opts.http!.pid;
  }
  let peakRss = pid ? rssMb(pid) : 0;
  const startRss = peakRss;
  const sampler = setInterval(() => pid && (peakRss = Math.max(peakRss, rssMb(pid))), 200);
  const requests = opts.httpRequests ?? 200;
  const concurrency = opts.concurrency ?? 10;
  const n = opts.customers;
  // Spread over all customers so the database cache is exercised, not one row.
  const someId = (i: number) => customerId(1 + ((i * 7919 + 13) % n));
  const endpoints: [string, string, (i: number) => string][] = [
    ["GET /api/v1/customers/{id}", opsApiToken, (i) => `${baseUrl}/api/v1/customers/${someId(i)}`],
    [
      "GET /api/v1/customers/{id} (settings token)",
      DB_API_TOKEN,
      (i) => `${baseUrl}/api/v1/customers/${someId(i)}`,
    ],
    [
      "GET /api/v1/customers?email=",
      opsApiToken,
      (i) => `${baseUrl}/api/v1/customers?email=user${1 + ((i * 7919 + 13) % n)}%40example.com`,
    ],
  ];
  const runs: HttpRun[] = [];
  try {
    // Warm-up: compile-on-first-use caches, the connection pool.
    await measureHttp("warm-up", {
      requests: 30,
      concurrency: 2,
      token: opsApiToken,
      url: endpoints[0][2],
    });
    for (const [name, token, url] of endpoints)
      for (const c of [1, concurrency]) {
        runs.push(await measureHttp(name, { requests, concurrency: c, token, url }));
        const r = runs.at(-1)!;
        log(`${r.name} ×${r.concurrency}: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`);
      }
  } finally {
    clearInterval(sampler);
    if (pid) peakRss = Math.max(peakRss, rssMb(pid));
    await server?.stop();
  }
  for (const r of runs)
    checks.push({
      name: `HTTP ${r.name} at concurrency ${r.concurrency}: every request answered 200`,
      ok: r.errors === 0 && r.ok === r.requests,
      detail: `${r.ok}/${r.requests} ok, ${r.errors} errors`,
    });
  if (pid)
    checks.push({
      name: `server RSS under ${RSS_LIMIT_MB} MB through the read run`,
      ok: peakRss < RSS_LIMIT_MB,
      detail: `peak ${peakRss.toFixed(0)} MB (at start ${startRss.toFixed(0)} MB)`,
    });
  return [
    `Read API over HTTP (\`next start\`, production build, same machine; ${requests} requests per row, random customers, closed loop):`,
    "",
    "| endpoint | concurrency | 2xx | errors | p50 ms | p99 ms | max ms |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...runs.map(
      (r) =>
        `| ${r.name} | ${r.concurrency} | ${r.ok} | ${r.errors} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} |`,
    ),
    "",
    pid
      ? `Server RSS: ${startRss.toFixed(0)} MB once healthy, peak ${peakRss.toFixed(0)} MB through the read run (sampled every 200 ms; the in-process sweep — alert evaluation every 15 s — runs meanwhile).`
      : "Server RSS: not measured (no server pid given).",
  ];
}
