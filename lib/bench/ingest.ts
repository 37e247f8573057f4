// Bench part "ingest": open-loop signed Stripe invoice.paid load (10 % duplicates) against
// the webhook and the bare /api/ping route per rate, then ledger and side-effect counts,
// payment → access delay and peak RSS.
import {
  check,
  checkLines,
  databaseNamed,
  machine,
  openLoop,
  pct,
  today,
  type BenchOptions,
  type PartResult,
  type Run,
} from "@/lib/bench/harness";
import { startNextServer } from "@/lib/bench/server";
import {
  BENCH_STRIPE_SECRET,
  connect,
  freshDatabase,
  startStack,
  waitForDrain,
} from "@/lib/bench/stack";
import { invoicePaid, signStripePayload, stripeId } from "@/lib/testing/stripe-events";

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
    for (const rate of o.rates) {
      o.log(`ingest: ${rate} req/s for ${o.seconds} s`);
      runs.push(
        await openLoop("bare route (/api/ping)", rate, o.seconds, () => ({
          url: `${stack.base}/api/ping`,
          init: { method: "POST", body: "{}" },
        })),
      );
      let last: string | null = null;
      runs.push(
        await openLoop("stripe webhook (10 % duplicates)", rate, o.seconds, () => {
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
            url: `${stack.base}/api/webhooks/stripe`,
            init: {
              method: "POST",
              headers: {
                "content-type": "application/json",
                "stripe-signature": signStripePayload(body, BENCH_STRIPE_SECRET),
              },
              body,
            },
          };
        }),
      );
    }
    // Let processing and side effects finish, then count what happened.
    const drain = await waitForDrain(db, 240_000);
    const ledgerRows = await db.count(`SELECT count(*) AS n FROM "LedgerEvent"`);
    const customers = await db.count(`SELECT count(*) AS n FROM "Customer"`);
    const delays = (
      await db.query<{ ms: number }>(`
        SELECT EXTRACT(EPOCH FROM (t."at" - l."receivedAt")) * 1000 AS ms
          FROM "AccessTransition" t JOIN "LedgerEvent" l ON l.id = t."ledgerEventId"
         WHERE t."to" = 'active'`)
    ).rows
      .map((r) => Number(r.ms))
      .sort((a, b) => a - b);
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
    const lines = [
      `## Ingest and side effects — ${today()}`,
      "",
      `Machine: ${machine()}; \`next start\` (production build) on local Postgres 15, in-process executor, connectors against the local fakes. Load: open-loop, ${o.seconds} s per rate, from the same machine.`,
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
      `- Payment → access active (ledger receivedAt → access transition), ${delays.length} payments: p50 ${pct(delays, 0.5).toFixed(0)} ms, p95 ${pct(delays, 0.95).toFixed(0)} ms, max ${delays.at(-1)?.toFixed(0)} ms.`,
      `- Peak server RSS: ${server.peakRssMb().toFixed(0)} MB.`,
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
