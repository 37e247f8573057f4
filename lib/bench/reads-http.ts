import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export type HttpRun = {
  name: string;
  concurrency: number;
  requests: number;
  ok: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
};

const pct = (xs: number[], q: number) =>
  xs.length ? xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] : NaN;

/** Resident set size of a process in MB (Linux /proc), 0 if it is gone. */
export function rssMb(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

/**
 * `requests` GETs, `concurrency` at a time (closed loop: each worker sends its next request
 * when the previous answer is read), bearer token set; latency is the full round trip.
 */
export async function measureHttp(
  name: string,
  opts: { requests: number; concurrency: number; token: string; url: (i: number) => string },
): Promise<HttpRun> {
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < opts.requests; i = next++) {
      const t = performance.now();
      try {
        const res = await fetch(opts.url(i), {
          headers: { authorization: `Bearer ${opts.token}` },
          signal: AbortSignal.timeout(10_000),
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        if (res.ok) ok++;
        else errors++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  latencies.sort((a, b) => a - b);
  return {
    name,
    concurrency: opts.concurrency,
    requests: opts.requests,
    ok,
    errors,
    p50: pct(latencies, 0.5),
    p99: pct(latencies, 0.99),
    max: latencies.at(-1) ?? NaN,
  };
}

/**
 * Starts the production build (`next start`, needs `npm run build`) against `databaseUrl`
 * with the in-process executor, and waits until /api/health answers 200.
 */
export async function startProductionServer(opts: {
  databaseUrl: string;
  port: number;
  opsApiToken: string;
}): Promise<{ baseUrl: string; server: ChildProcess }> {
  const require = createRequire(import.meta.url);
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  const server = spawn(
    process.execPath,
    [require.resolve("next/dist/bin/next"), "start", "-p", String(opts.port)],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: opts.databaseUrl,
        DATABASE_POOL_SIZE: "10",
        NEXTAUTH_URL: baseUrl,
        NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-0000",
        // Validated at start-up; nothing in a read run sends mail.
        SMTP_URL: "smtp://127.0.0.1:2525",
        STRIPE_WEBHOOK_SECRET: "whsec_bench_launch_ready_local",
        OPS_API_TOKEN: opts.opsApiToken,
        LOG_LEVEL: "warn",
        INNGEST_EVENT_KEY: "",
        INNGEST_DEV: "",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  for (let i = 0; i < 200; i++) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    const up = await fetch(`${baseUrl}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (up) return { baseUrl, server };
    await new Promise((r) => setTimeout(r, 300));
  }
  server.kill("SIGTERM");
  throw new Error("next start did not become healthy within 60 s");
}
