// Bench part "ingest": open-loop signed Stripe invoice.paid load (10 % duplicates) against
// the webhook and the bare /api/ping route per rate, then both at saturation (closed loop),
// then ledger and side-effect counts, payment → access delay per phase and peak RSS, with
// the targets reported (met or not) beside the correctness checks.
import {
  check,
  checkLines,
  closedLoop,
  databaseNamed,
  fmtMs,
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

export async function runIngest(o: BenchOptions): Promise<PartResult> {
  const databaseUrl = databaseNamed(o.database, "ingest");
  await freshDatabase(databaseUrl, o.database);
  const stack = await startStack({ databaseUrl, port: o.port });
  const server = startNextServer(o.port, stack.env);
  const db = await connect(databaseUrl);
  try {
    await server.waitHealthy();
    const runs: Run[] = [];
    const unique = new Set<string>();
    /** Which phase (e.g. "100 req/s") sent each event, for payment → access per phase. */
    const phaseOf = new Map<string, string>();
    const ping = () => ({
      url: `${stack.base}/api/ping`,
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
        url: `${stack.base}/api/webhooks/stripe`,
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
        "ingest: the server stayed up",
        !server.exited(),
        server.exited() ? `it exited: ${server.exited()}` : "yes",
      ),
      check("ingest: drained", drain.drained, `in ${(drain.ms / 1000).toFixed(1)} s`),
      check(
        "ingest: every webhook delivery answered 2xx",
        webhookErrors === 0,
        `${webhookErrors} errors`,
      ),
      check(
        "ingest: ledger rows = unique events sent",
        ledgerRows === unique.size,
        `${ledgerRows} rows, ${unique.size} events`,
      ),
      check(
        "ingest: side effects exactly one per cause",
        [contacts, welcome, appHooks, customers].every((n) => n === unique.size),
        `customers ${customers}, contacts ${contacts}, welcome emails ${welcome}, app webhooks ${appHooks}`,
      ),
    ];
    const ratio = hookMax.achieved / bareMax.achieved;
    const at100 = runs.find((r) => r.rate === 100 && r.name.startsWith("stripe"));
    const slowest = o.rates.at(-1);
    const p95At = (phase: string) => pct(delaysOf(phase), 0.95);
    const targets = [
      {
        what: "ingest ≥ 50 % of the bare route's throughput at saturation",
        met: ratio >= 0.5,
        detail: `${hookMax.achieved.toFixed(0)} vs ${bareMax.achieved.toFixed(0)} req/s = ${(ratio * 100).toFixed(0)} %`,
      },
      {
        what: "p99 acknowledgement < 100 ms at 100 req/s",
        met: !!at100 && at100.p99 < 100,
        detail: at100 ? `${at100.p99.toFixed(0)} ms` : "100 req/s not in this run",
      },
      ...o.rates.map((r) => ({
        what: `payment → access p95 < 1 s at ${r} req/s`,
        met: p95At(`${r} req/s`) < 1000,
        detail: fmtMs(p95At(`${r} req/s`)),
      })),
      {
        what: "server memory < 500 MB through the run",
        met: server.peakRssMb() < 500,
        detail: `peak ${server.peakRssMb().toFixed(0)} MB (up to ${slowest} req/s and saturation)`,
      },
    ];
    const lines = [
      `## Ingest and side effects — ${today()}`,
      "",
      `Machine: ${machine()}; \`next start\` (production build) on local Postgres 15, in-process executor, connectors against the local fakes. Load: open-loop, ${o.seconds} s per rate, then closed-loop with ${SATURATION_CLIENTS} clients for ${o.seconds} s per route (target req/s 0 = saturation), from the same machine.`,
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
      `- Peak server RSS: ${server.peakRssMb().toFixed(0)} MB.`,
      "",
      "Targets (reported, not enforced: timings on a shared machine are not a pass/fail signal):",
      "",
      ...targets.map((t) => `- ${t.met ? "met" : "NOT met"}: ${t.what} — ${t.detail}.`),
      "",
      ...checkLines(checks),
    ];
    return { lines, checks };
  } finally {
    await db.end();
    await server.stop();
    await stack.stop();
  }
}
