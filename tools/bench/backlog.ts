// Bench part "backlog": a provider delivering a large backlog at once (Stripe re-sending three
// days of events after an outage). N signed invoice.paid deliveries (one new customer each) at
// a high open-loop rate, while a steady trickle of new deliveries measures how the webhook
// endpoint answers during the flood and the drain; then how long until every ledger event is
// processed (state) and every side effect done, at npm start's layout (--workers).
import {
  check,
  checkLines,
  targetLines,
  databaseNamed,
  fmtMs,
  machine,
  openLoop,
  sleep,
  today,
  type BenchOptions,
  type PartResult,
  type Run,
} from "@/tools/bench/harness";
import { layoutName } from "@/tools/bench/ingest";
import { startNextServer } from "@/tools/bench/server";
import {
  BENCH_STRIPE_SECRET,
  connect,
  freshDatabase,
  startStack,
  waitForDrain,
  type BenchDb,
} from "@/tools/bench/stack";
import { invoicePaid, signStripePayload, stripeId } from "@/fakes/stripe/events";

/** Flood events carry this id prefix, so the drain is theirs, not the new deliveries'. */
const FLOOD = "evt_flood_";

const floodPending = (db: BenchDb) =>
  db.count(
    `SELECT count(*) AS n FROM "LedgerEvent"
      WHERE "externalId" LIKE '${FLOOD}%' AND status IN ('received','processing','failed')`,
  );

export async function runBacklog(o: BenchOptions): Promise<PartResult> {
  const size = o.short ? { events: 600, rate: 120 } : { events: 10_000, rate: 250 };
  const layout = { webs: 1, workers: o.workers ?? 0 };
  const databaseUrl = databaseNamed(o.database, "backlog");
  await freshDatabase(databaseUrl, o.database);
  const stack = await startStack({ databaseUrl, port: o.port });
  const server = startNextServer(
    o.port,
    stack.env,
    layout.workers ? { workers: layout.workers } : {},
  );
  const db = await connect(databaseUrl);
  try {
    await server.waitHealthy();
    const delivery = (prefix?: string) => (i: number) => {
      const body = JSON.stringify(
        invoicePaid(
          { customer: stripeId("cus"), email: `${stripeId("b")}@example.com`.toLowerCase() },
          prefix ? { id: `${prefix}${i}` } : {},
        ),
      );
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
    o.log(`backlog: ${size.events} deliveries at ${size.rate} req/s`);
    const started = performance.now();
    // The drain is watched from the first delivery on.
    let stateDrainedAt: number | null = null;
    let watching = true;
    const watcher = (async () => {
      await sleep(1000);
      while (watching) {
        if ((await floodPending(db).catch(() => 1)) === 0) {
          stateDrainedAt = performance.now();
          return;
        }
        await sleep(250);
      }
    })();
    const [flood, ...trickle] = await Promise.all([
      openLoop("flood", size.rate, size.events / size.rate, delivery(FLOOD)),
      openLoop("new deliveries during the flood", 5, size.events / size.rate, delivery()),
    ]);
    const sentAt = performance.now();
    // New deliveries while the backlog drains, in 5 s slices until it has.
    const duringDrain: Run[] = [];
    while (stateDrainedAt === null && performance.now() - sentAt < 600_000) {
      duringDrain.push(await openLoop("new deliveries while draining", 10, 5, delivery()));
    }
    watching = false;
    await watcher;
    const drain = await waitForDrain(db, o.short ? 300_000 : 1_800_000);
    const allDoneAt = performance.now();
    const events = flood.sent + trickle[0].sent + duringDrain.reduce((n, r) => n + r.sent, 0);
    const processed = await db.count(
      `SELECT count(*) AS n FROM "LedgerEvent" WHERE status = 'processed'`,
    );
    const customers = await db.count(`SELECT count(*) AS n FROM "Customer"`);
    const contacts = stack.fakes.hubspot.contacts().length;
    const welcome = stack.mail.mails.filter((m) => /^Welcome/.test(m.subject)).length;
    const appHooks = stack.fakes.app.messages().length;
    const drainS = stateDrainedAt === null ? NaN : (stateDrainedAt - started) / 1000;
    const p99During = Math.max(trickle[0].p99, ...duringDrain.map((r) => r.p99));
    const errors = [flood, trickle[0], ...duringDrain].reduce((n, r) => n + r.errors, 0);
    const runs = [flood, trickle[0], ...duringDrain.slice(0, 3)];
    const checks = [
      check("backlog: every delivery answered 2xx", errors === 0, `${errors} errors`),
      check(
        "backlog: every event processed once, every side effect once",
        drain.drained &&
          [processed, customers, contacts, welcome, appHooks].every((n) => n === events),
        `events ${events}, processed ${processed}, customers ${customers}, contacts ${contacts}, welcome emails ${welcome}, app webhooks ${appHooks}`,
      ),
    ];
    const targets = [
      {
        what: `a backlog of ${size.events.toLocaleString("en-US")} events processed < 60 s after its first delivery`,
        met: drainS < 60,
        detail: `${drainS.toFixed(1)} s (${(flood.sent / drainS).toFixed(0)} events/s from its first delivery to its last one processed)`,
      },
      {
        what: "the webhook endpoint answers < 100 ms p99 during the flood and the drain",
        met: flood.p99 < 100 && p99During < 100,
        detail: `flood ${fmtMs(flood.p99)}, new deliveries ${fmtMs(p99During)}`,
      },
      {
        what: "peak RSS < 500 MB per process",
        met: server.peakProcessRssMb() < 500,
        detail: `${server.peakProcessRssMb().toFixed(0)} MB`,
      },
    ];
    return {
      lines: [
        `## Backlog of ${size.events.toLocaleString("en-US")} events (a provider's redelivery) — ${today()}`,
        "",
        `Machine: ${machine()}; ${layoutName(layout)}, production build, local Postgres 15, connectors against the local fakes. ${size.events.toLocaleString("en-US")} signed \`invoice.paid\` deliveries (a new customer each) at ${size.rate} req/s open loop, plus new deliveries at 5 req/s during the flood and 10 req/s while it drains.`,
        `Command: \`${o.command}\``,
        "",
        "| deliveries | target req/s | sent | 2xx | errors | achieved req/s | p50 ms | p99 ms |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ...runs.map(
          (r) =>
            `| ${r.name} | ${r.rate} | ${r.sent} | ${r.ok} | ${r.errors} | ${r.achieved.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`,
        ),
        "",
        `- Every event of the backlog processed ${drainS.toFixed(1)} s after its first delivery (sending took ${((sentAt - started) / 1000).toFixed(1)} s); every side effect done ${((allDoneAt - started) / 1000).toFixed(1)} s after it.`,
        "",
        ...targetLines(targets),
        ...checkLines(checks),
      ],
      checks,
    };
  } finally {
    await server.stop();
    await db.end();
    await stack.stop();
  }
}
