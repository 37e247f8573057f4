// npm run bench — ingest, side effects and payment-to-access delay of a production build on
// real Postgres, written to BENCHMARKS.md. Needs `npm run build` first and a local Postgres.
// Options: --rates 50,100,200 --seconds 10 --port 3500
import { execFileSync, spawn } from "node:child_process";
import { appendFileSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { startDemoFakes } from "@/lib/dev/demo-fakes";
import { startMailCapture } from "@/lib/dev/mail-capture";
import { recreateDatabase } from "@/lib/testing/local-database";
import { invoicePaid, signStripePayload, stripeId } from "@/lib/testing/stripe-events";

const { values } = parseArgs({
  options: {
    rates: { type: "string", default: "50,100,200" },
    seconds: { type: "string", default: "10" },
    port: { type: "string", default: "3500" },
    database: {
      type: "string",
      default:
        process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/launchready_bench",
    },
  },
});
const require = createRequire(import.meta.url);
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;
const secret = "whsec_bench_launch_ready_local";

type Run = {
  name: string;
  rate: number;
  sent: number;
  ok: number;
  errors: number;
  p50: number;
  p99: number;
  achieved: number;
};

const pct = (xs: number[], q: number) =>
  xs.length ? xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] : NaN;

/** Open-loop load: requests start on schedule whatever the answers do, so latency is honest. */
async function load(
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
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
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

function rssMb(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

async function main() {
  await recreateDatabase(values.database);
  const fakes = await startDemoFakes({ ports: { hubspot: 0, zendesk: 0, app: 0 } });
  const mail = await startMailCapture({ smtpPort: 0 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...fakes.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: values.database,
    DATABASE_POOL_SIZE: "10",
    NEXTAUTH_URL: base,
    NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-0000",
    SMTP_URL: mail.smtpUrl,
    STRIPE_WEBHOOK_SECRET: secret,
    OPS_API_TOKEN: "bench-ops-api-token-0123456789abcdef",
    LOG_LEVEL: "warn",
    INNGEST_EVENT_KEY: "",
    INNGEST_DEV: "",
  };
  execFileSync(process.execPath, ["prisma/cli.mjs", "migrate", "deploy"], { env, stdio: "ignore" });
  const server = spawn(
    process.execPath,
    [require.resolve("next/dist/bin/next"), "start", "-p", String(port)],
    { env, stdio: "ignore" },
  );
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(server.pid!))), 500);
  try {
    for (let i = 0; i < 100; i++) {
      if (
        await fetch(`${base}/api/health`)
          .then((r) => r.ok)
          .catch(() => false)
      )
        break;
      await new Promise((r) => setTimeout(r, 300));
    }
    const rates = values.rates.split(",").map(Number);
    const seconds = Number(values.seconds);
    const runs: Run[] = [];
    const unique = new Set<string>();
    for (const rate of rates) {
      runs.push(
        await load("bare route (/api/ping)", rate, seconds, () => ({
          url: `${base}/api/ping`,
          init: { method: "POST", body: "{}" },
        })),
      );
      let last: string | null = null;
      runs.push(
        await load("stripe webhook (10 % duplicates)", rate, seconds, () => {
          // 10 % of deliveries repeat the previous event, as providers' retries do.
          const body =
            last && Math.random() < 0.1
              ? last
              : JSON.stringify(
                  invoicePaid({
                    customer: stripeId("cus"),
                    email: `${stripeId("b")}@example.com`.toLowerCase(),
                  }),
                );
          last = body;
          unique.add(JSON.parse(body).id);
          return {
            url: `${base}/api/webhooks/stripe`,
            init: {
              method: "POST",
              headers: {
                "content-type": "application/json",
                "stripe-signature": signStripePayload(body, secret),
              },
              body,
            },
          };
        }),
      );
    }
    // Let processing and side effects finish, then count what happened.
    const db = new pg.Client({ connectionString: values.database });
    await db.connect();
    const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0].n);
    for (let i = 0; i < 240; i++) {
      const open =
        (await count(
          `SELECT count(*) AS n FROM "SyncTask" WHERE status IN ('pending','running','failed')`,
        )) +
        (await count(
          `SELECT count(*) AS n FROM "LedgerEvent" WHERE status IN ('received','processing')`,
        ));
      if (open === 0) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const ledgerRows = await count(`SELECT count(*) AS n FROM "LedgerEvent"`);
    const customers = await count(`SELECT count(*) AS n FROM "Customer"`);
    const delays = (
      await db.query<{ ms: number }>(`
        SELECT EXTRACT(EPOCH FROM (t."at" - l."receivedAt")) * 1000 AS ms
          FROM "AccessTransition" t JOIN "LedgerEvent" l ON l.id = t."ledgerEventId"
         WHERE t."to" = 'active'`)
    ).rows
      .map((r) => Number(r.ms))
      .sort((a, b) => a - b);
    await db.end();
    const contacts = fakes.hubspot.contacts().length;
    const welcome = mail.mails.filter((m) => /^Welcome/.test(m.subject)).length;
    const appHooks = fakes.app.messages().length;

    const lines = [
      `\n## Ingest and side effects — ${new Date().toISOString().slice(0, 10)}`,
      "",
      `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; \`next start\` (production build) on local Postgres 15, in-process executor, connectors against the local fakes. Load: open-loop, ${seconds} s per rate, from the same machine.`,
      `Command: \`npm run build && npm run bench -- --rates ${values.rates} --seconds ${seconds}\``,
      "",
      "| route | target req/s | sent | 2xx | errors | achieved req/s | p50 ms | p99 ms |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
      ...runs.map(
        (r) =>
          `| ${r.name} | ${r.rate} | ${r.sent} | ${r.ok} | ${r.errors} | ${r.achieved.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`,
      ),
      "",
      `- Ledger rows ${ledgerRows} = unique events sent ${unique.size}: ${ledgerRows === unique.size ? "yes" : "NO"}.`,
      `- Side effects, exactly one per cause: customers ${customers}, HubSpot contacts ${contacts}, welcome emails ${welcome}, app webhooks ${appHooks}: ${[contacts, welcome, appHooks].every((n) => n === customers) ? "yes" : "NO"}.`,
      `- Payment → access active (ledger receivedAt → access transition), ${delays.length} payments: p50 ${pct(delays, 0.5).toFixed(0)} ms, p95 ${pct(delays, 0.95).toFixed(0)} ms, max ${delays.at(-1)?.toFixed(0)} ms.`,
      `- Peak server RSS: ${peakRss.toFixed(0)} MB.`,
    ];
    appendFileSync("BENCHMARKS.md", `${lines.join("\n")}\n`);
    execFileSync(
      process.execPath,
      [require.resolve("prettier/bin/prettier.cjs"), "--write", "BENCHMARKS.md"],
      { stdio: "ignore" },
    );
    console.log(lines.join("\n"));
  } finally {
    clearInterval(sampler);
    server.kill("SIGTERM");
    await fakes.stop();
    await mail.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
