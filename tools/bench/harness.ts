// Shared pieces of `npm run bench`: results, checks, percentiles, open-loop load, free ports.
import { createServer, type AddressInfo } from "node:net";
import os from "node:os";

/** One pass/fail fact a part establishes; the bench exits 1 if any is not ok. */
export type Check = { name: string; ok: boolean; detail: string };

/** What every part returns: markdown for BENCHMARKS.md and the checks behind it. */
export type PartResult = { lines: string[]; checks: Check[] };

export type BenchOptions = {
  rates: number[];
  seconds: number;
  port: number;
  /** Base database URL; each run derives its own database name from it. */
  database: string;
  /** Small sizes for CI. */
  short: boolean;
  /** Worker processes beside the web process in the ingest part (0: one process does all). */
  workers?: number;
  /** The command line that produced the results, for BENCHMARKS.md. */
  command: string;
  log: (line: string) => void;
};

export type BenchPart = { name: string; run: (o: BenchOptions) => Promise<PartResult> };

export const check = (name: string, ok: boolean, detail: string): Check => ({ name, ok, detail });

/** Markdown bullets of checks, with a clear mark on those that failed. */
export const checkLines = (checks: Check[]) =>
  checks.map((c) => `- ${c.ok ? "✔" : "✘ FAILED:"} ${c.name} — ${c.detail}.`);

/** A target of an issue, reported as met or NOT met in the report, never a failed check. */
export type Target = { what: string; met: boolean; detail: string };

/** The report's "Targets (reported, not enforced…)" block, `why` after the colon if given. */
export const targetLines = (targets: Target[], why?: string) => [
  `Targets (reported, not enforced${why ? `: ${why}` : ""}):`,
  "",
  ...targets.map((t) => `- ${t.met ? "met" : "NOT met"}: ${t.what} — ${t.detail}.`),
  "",
];

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Nearest-rank percentile of an ascending array (NaN when empty). */
export const pct = (xs: number[], q: number) =>
  xs.length ? xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] : NaN;

export const fmtMs = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(0)} ms` : "n/a");

export const today = () => new Date().toISOString().slice(0, 10);

export const machine = () =>
  `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

/** The same database URL with another database name (one fresh database per run). */
export function databaseNamed(url: string, suffix: string): string {
  const u = new URL(url);
  u.pathname = `${u.pathname}_${suffix}`;
  return u.toString();
}

/** A TCP port nobody listens on right now (asked from the kernel). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export type Run = {
  name: string;
  /** Target requests per second (open loop), or 0 for a closed-loop saturation run. */
  rate: number;
  sent: number;
  ok: number;
  errors: number;
  p50: number;
  p99: number;
  achieved: number;
};

/** Open-loop load: requests start on schedule whatever the answers do, so latency is honest. */
export async function openLoop(
  name: string,
  rate: number,
  seconds: number,
  request: (i: number) => { url: string; init: RequestInit },
): Promise<Run> {
  const total = rate * seconds;
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const { url, init } = request(i);
    const t = performance.now();
    inflight.push(
      fetch(url, { ...init, signal: AbortSignal.timeout(10_000) })
        .then(async (res) => {
          await res.arrayBuffer();
          latencies.push(performance.now() - t);
          if (res.ok) ok++;
          else errors++;
        })
        .catch(() => {
          errors++;
        }),
    );
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    rate,
    sent: total,
    ok,
    errors,
    p50: pct(latencies, 0.5),
    p99: pct(latencies, 0.99),
    achieved: ok / elapsed,
  };
}

/**
 * Closed-loop saturation: `concurrency` clients each send the next request as soon as the
 * previous one answered, for `seconds`. What it achieved is the route's throughput at its
 * limit on this machine (load generator included).
 */
export async function closedLoop(
  name: string,
  concurrency: number,
  seconds: number,
  request: (i: number) => { url: string; init: RequestInit },
): Promise<Run> {
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  let sent = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const { url, init } = request(sent++);
        const t = performance.now();
        try {
          const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
          await res.arrayBuffer();
          latencies.push(performance.now() - t);
          if (res.ok) ok++;
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    rate: 0,
    sent,
    ok,
    errors,
    p50: pct(latencies, 0.5),
    p99: pct(latencies, 0.99),
    achieved: ok / elapsed,
  };
}
