import { pct } from "@/tools/bench/harness";

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
 * What `next start` needs for a read run against `databaseUrl` (see server.ts): the
 * in-process executor, the bench's secrets, and `opsApiToken` for the read API.
 */
export function readServerEnv(opts: {
  databaseUrl: string;
  port: number;
  opsApiToken: string;
}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: opts.databaseUrl,
    DATABASE_POOL_SIZE: "10",
    NEXTAUTH_URL: `http://127.0.0.1:${opts.port}`,
    NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-0000",
    // Validated at start-up; nothing in a read run sends mail.
    SMTP_URL: "smtp://127.0.0.1:2525",
    STRIPE_WEBHOOK_SECRET: "whsec_bench_launch_ready_local",
    OPS_API_TOKEN: opts.opsApiToken,
    LOG_LEVEL: "warn",
    INNGEST_EVENT_KEY: "",
    INNGEST_DEV: "",
  };
}
