// Bench part "ingest": open-loop signed Stripe invoice.paid load (10 % duplicates) against
// the webhook and the bare /api/ping route per rate, then both at saturation (closed loop),
// then ledger and side-effect counts, payment → access delay per phase and peak RSS, with
// the issue's targets reported (met or not) beside the correctness checks.
import {
  check,
  checkLines,
  targetLines,
  closedLoop,
  databaseNamed,
  fmtMs,
  freePort,
  machine,
  openLoop,
  pct,
  today,
  type BenchOptions,
  type PartResult,
  type Run,
} from "@/tools/bench/harness";
import { startNextServer } from "@/tools/bench/server";
import {
  BENCH_STRIPE_SECRET,
  connect,
  freshDatabase,
  startStack,
  waitForDrain,
} from "@/tools/bench/stack";
import { invoicePaid, signStripePayload, stripeId } from "@/fakes/stripe/events";

/** Concurrent clients of the saturation runs (enough to keep both cores busy). */
const SATURATION_CLIENTS = 32;

/**
 * How the app runs: `webs` web processes (one port each) and `workers` worker processes
 * (npm start's layout, tools/start/start.ts), or workers 0: `next start` alone, serving and
 * processing in one process (the layout before the split).
 */
export type Layout = { webs: number; workers: number };

export function layoutName(l: Layout): string {
  if (l.workers === 0) return `${l.webs} × \`next start\` (serves and processes in one process)`;
  return `${l.webs} web + ${l.workers} worker process${l.workers > 1 ? "es" : ""} (\`npm start\`'s layout)`;
}

export function runIngest(o: BenchOptions): Promise<PartResult> {
  return runIngestWith(o, { webs: 1, workers: o.workers ?? 0 }, "ingest");
}

/** Several web and worker processes on one database: every event and side effect once. */
export function runScale(o: BenchOptions): Promise<PartResult> {
  return runIngestWith(
    { ...o, rates: o.short ? [20] : [50, 100] },
    { webs: 2, workers: 2 },
    "scale",
  );
}

async function runIngestWith(o: BenchOptions, layout: Layout, name: string): Promise<PartResult> {
  const databaseUrl = databaseNamed(o.database, name);
  await freshDatabase(databaseUrl, o.database);
  const stack = await startStack({ databaseUrl, port: o.port });
  const ports = [o.port];
  while (ports.length < layout.webs) ports.push(await freePort());
  // The first web process comes with the workers (npm start); further ones are web processes
  // alone (PROCESS_ROLE=web), as on other machines behind a load balancer.
  const servers = ports.map((port, i) => {
    const env = { ...stack.env, NEXTAUTH_URL: `http://127.0.0.1:${port}` };
    if (layout.workers === 0) return startNextServer(port, env);
    if (i === 0) return startNextServer(port, env, { workers: layout.workers });
    return startNextServer(port, { ...env, PROCESS_ROLE: "web" });
  });
  const db = await connect(databaseUrl);
  try {
    await Promise.all(servers.map((s) => s.waitHealthy()));
    const runs: Run[] = [];
    const unique = new Set<string>();
    /** Which phase (e.g. "100 req/s") sent each event, for payment → access per phase. */
    const phaseOf = new Map<string, string>();
    let turn = 0;
    /** Deliveries alternate between the web processes (a repeat goes to the other one). */
    const baseOf = () => servers[turn++ % servers.length].base;
    const ping = () => ({
      url: `${baseOf()}/api/ping`,
      init: { method: "POST", body: "{}" } as RequestInit,
    });
    let last: string | null = null;
    const webhook = (phase: string) => () => {
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
      const id = JSON.parse(body).id as string;
      unique.add(id);
      if (!phaseOf.has(id)) phaseOf.set(id, phase);
      return {
        url: `${baseOf()}/api/webhooks/stripe`,
        init: {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "stripe-signature": signStripePayload(body, BENCH_STRIPE_SECRET),
          },
          body,
        } as RequestInit,
      };
    };
    for (const rate of o.rates) {
      o.log(`ingest: ${rate} req/s for ${o.seconds} s`);
      runs.push(await openLoop("bare route (/api/ping)", rate, o.seconds, ping));
      runs.push(
        await openLoop(
          "stripe webhook (10 % duplicates)",
          rate,
          o.seconds,
          webhook(`${rate} req/s`),
        ),
      );
    }
    o.log(`ingest: saturation, ${SATURATION_CLIENTS} clients for ${o.seconds} s`);
    const bareMax = await closedLoop("bare route (/api/ping)", SATURATION_CLIENTS, o.seconds, ping);
    const hookMax = await closedLoop(
      "stripe webhook (10 % duplicates)",
      SATURATION_CLIENTS,
      o.seconds,
      webhook("saturation"),
    );
    runs.push(bareMax, hookMax);
    // Let processing and side effects finish, then count what happened.
    // Saturation leaves a backlog of side effects (three per payment) that drains after the
    // load: allow 150 ms per event, at least 4 minutes.
    const drain = await waitForDrain(db, Math.max(240_000, unique.size * 150));
    const ledgerRows = await db.count(`SELECT count(*) AS n FROM "LedgerEvent"`);
    const customers = await db.count(`SELECT count(*) AS n FROM "Customer"`);
    const delayRows = (
      await db.query<{ ms: number; externalId: string }>(`
        SELECT EXTRACT(EPOCH FROM (t."at" - l."receivedAt")) * 1000 AS ms, l."externalId"
          FROM "AccessTransition" t JOIN "LedgerEvent" l ON l.id = t."ledgerEventId"
         WHERE t."to" = 'active'`)
    ).rows;
    const delaysOf = (phase?: string) =>
      delayRows
        .filter((r) => !phase || phaseOf.get(r.externalId) === phase)
        .map((r) => Number(r.ms))
        .sort((a, b) => a - b);
    const delayLine = (label: string, d: number[]) =>
      `${label}, ${d.length} payments: p50 ${fmtMs(pct(d, 0.5))}, p95 ${fmtMs(pct(d, 0.95))}, max ${fmtMs(d.at(-1) ?? NaN)}`;
    const contacts = stack.fakes.hubspot.contacts().length;
    const welcome = stack.mail.mails.filter((m) => /^Welcome/.test(m.subject)).length;
    const appHooks = stack.fakes.app.messages().length;
    const webhookErrors = runs
      .filter((r) => r.name.startsWith("stripe"))
      .reduce((n, r) => n + r.errors, 0);

    const checks = [
      check(
        `${name}: every server process stayed up`,
        servers.every((s) => !s.exited()),
        servers.map((s) => s.exited() ?? "up").join(", "),
      ),
      check(`${name}: drained`, drain.drained, `in ${(drain.ms / 1000).toFixed(1)} s`),
      check(
        `${name}: every webhook delivery answered 2xx`,
        webhookErrors === 0,
        `${webhookErrors} errors`,
      ),
      check(
        `${name}: ledger rows = unique events sent`,
        ledgerRows === unique.size,
        `${ledgerRows} rows, ${unique.size} events`,
      ),
      check(
        `${name}: side effects exactly one per cause`,
        [contacts, welcome, appHooks, customers].every((n) => n === unique.size),
        `customers ${customers}, contacts ${contacts}, welcome emails ${welcome}, app webhooks ${appHooks}`,
      ),
    ];
    const ratio = hookMax.achieved / bareMax.achieved;
    const peakProcess = Math.max(...servers.map((s) => s.peakProcessRssMb()));
    const bareAt = (rate: number) => runs.find((r) => r.rate === rate && r.name.startsWith("bare"));
    const hookAt = (rate: number) =>
      runs.find((r) => r.rate === rate && r.name.startsWith("stripe"));
    const at100 = hookAt(100);
    const slowest = o.rates.at(-1);
    const p95At = (phase: string) => pct(delaysOf(phase), 0.95);
    const targets = [
      {
        what: "intake at saturation ≥ 70 % of the bare route's throughput, while processing runs",
        met: ratio >= 0.7,
        detail: `${hookMax.achieved.toFixed(0)} vs ${bareMax.achieved.toFixed(0)} req/s = ${(ratio * 100).toFixed(0)} %`,
      },
      {
        what: "p99 acknowledgement < 100 ms at 100 req/s",
        met: !!at100 && at100.p99 < 100,
        detail: at100 ? `${at100.p99.toFixed(0)} ms` : "100 req/s not in this run",
      },
      ...[...o.rates, 0].map((r) => {
        const [bare, hook] = [bareAt(r), hookAt(r)];
        return {
          what: `p99 acknowledgement < 2 × the bare route's at ${r ? `${r} req/s` : "saturation"}`,
          met: !!bare && !!hook && hook.p99 < 2 * bare.p99,
          detail: bare && hook ? `${hook.p99.toFixed(0)} vs ${bare.p99.toFixed(0)} ms` : "n/a",
        };
      }),
      ...o.rates.map((r) => ({
        what: `payment → access p95 < 1 s at ${r} req/s`,
        met: p95At(`${r} req/s`) < 1000,
        detail: fmtMs(p95At(`${r} req/s`)),
      })),
      {
        what: "peak RSS < 500 MB per process",
        met: peakProcess < 500,
        detail: `peak ${peakProcess.toFixed(0)} MB in one process (up to ${slowest} req/s and saturation)`,
      },
    ];
    const lines = [
      `## ${name === "scale" ? "Two web and two worker processes on one database" : "Ingest and side effects"} — ${today()}`,
      "",
      `Machine: ${machine()}; ${layoutName(layout)}, production build, on local Postgres 15, in-process executor, deliveries alternating between web processes (a repeat goes to another one), connectors against the local fakes. Load: open-loop, ${o.seconds} s per rate, then closed-loop with ${SATURATION_CLIENTS} clients for ${o.seconds} s per route (target req/s 0 = saturation), from the same machine.`,
      `Command: \`${o.command}\``,
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
      `- Payment → access active (ledger receivedAt → access transition), by the phase that sent the payment:`,
      ...[...o.rates.map((r) => `${r} req/s`), "saturation"].map(
        (phase) => `  - ${delayLine(phase, delaysOf(phase))}.`,
      ),
      `  - ${delayLine("all", delaysOf())}.`,
      `- Peak RSS: ${peakProcess.toFixed(0)} MB in any one process, ${servers.map((s) => s.peakRssMb().toFixed(0)).join(" + ")} MB per process group.`,
      "",
      ...targetLines(targets, "timings on a shared machine are not a pass/fail signal"),
      ...checkLines(checks),
    ];
    return { lines, checks };
  } finally {
    await db.end();
    await Promise.all(servers.map((s) => s.stop()));
    await stack.stop();
  }
}
