// Bench part "cost": what processing one ledger event costs, per Stripe event type, in this
// process (no HTTP, no executor): SQL statements sent to Postgres, CPU of this process and
// wall time per event, and the NOTIFYs the live_notify triggers send. Statements are counted
// at the pg driver under Prisma's adapter (every `query` call of its pg.Client, BEGIN and
// COMMIT included); CPU is process.cpuUsage over the phase / N. The fake Stripe API that
// serves the engine's re-reads runs in a child process, so its CPU is not counted here.
// Targets of the "Throughput" issue: invoice.paid ≤ 8 statements and ≤ 5 ms CPU.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { resetEnvCache } from "@/lib/env";
import {
  checkoutSessionCompleted,
  type StripeEventPayload,
  stripeEvent,
} from "@/fakes/stripe/events";
import { chargeObject, invoiceObject, subscriptionObject } from "@/fakes/stripe/objects";
import type { Collection } from "@/fakes/stripe/api";
import {
  check,
  checkLines,
  databaseNamed,
  machine,
  today,
  type BenchOptions,
  type PartResult,
} from "@/tools/bench/harness";
import { freshDatabase } from "@/tools/bench/stack";

const TARGET_STATEMENTS = 8;
const TARGET_CPU_MS = 5;
const DAY = 86_400;

type Obj = Record<string, unknown>;
type Ids = {
  cus: string;
  sub: string;
  cs: string;
  in1: string;
  in2: string;
  in3: string;
  ch: string;
};
type Step = { objects: [Collection, Obj][]; event: StripeEventPayload };

/** One customer's life in Stripe, one event per phase, as Stripe would send it. */
const PHASES: { name: string; step: (c: Ids, t: number, now: number) => Step }[] = [
  {
    name: "checkout.session.completed",
    step: (c, t, now) => {
      const event = checkoutSessionCompleted(
        { customer: c.cus, email: `${c.cus}@example.com`, name: `Cost ${c.cus}` },
        { created: t, subscription: c.sub },
      );
      const session = { ...event.data.object, id: c.cs };
      return {
        objects: [
          ["checkout_sessions", session],
          [
            "subscriptions",
            subscriptionObject({
              id: c.sub,
              customer: c.cus,
              status: "active",
              periodEnd: now + 30 * DAY,
            }),
          ],
        ],
        event: stripeEvent("checkout.session.completed", session, { created: t }),
      };
    },
  },
  {
    name: "invoice.paid (first invoice)",
    step: (c, t, now) => paid(c, c.in1, t, now),
  },
  {
    name: "invoice.paid (renewal)",
    step: (c, t, now) => paid(c, c.in2, t, now),
  },
  {
    name: "invoice.payment_failed",
    step: (c, t, now) => {
      const inv = invoiceObject({
        id: c.in3,
        customer: c.cus,
        email: `${c.cus}@example.com`,
        status: "open",
        subscription: c.sub,
        created: t,
        nextAttempt: t + 3 * DAY,
      });
      return {
        objects: [
          ["invoices", inv],
          [
            "subscriptions",
            subscriptionObject({
              id: c.sub,
              customer: c.cus,
              status: "past_due",
              periodEnd: now + 30 * DAY,
            }),
          ],
        ],
        event: stripeEvent("invoice.payment_failed", inv, { created: t }),
      };
    },
  },
  {
    name: "invoice.paid (recovery)",
    step: (c, t, now) => paid(c, c.in3, t, now),
  },
  {
    name: "customer.subscription.updated",
    step: (c, t, now) => {
      const sub = subscriptionObject({
        id: c.sub,
        customer: c.cus,
        status: "active",
        periodEnd: now + 30 * DAY,
        cancelAtPeriodEnd: true,
      });
      return {
        objects: [["subscriptions", sub]],
        event: stripeEvent("customer.subscription.updated", sub, { created: t }),
      };
    },
  },
  {
    name: "charge.refunded",
    step: (c, t) => {
      const charge = chargeObject({
        id: c.ch,
        customer: c.cus,
        amountRefunded: 4900,
        created: t - 60,
      });
      return {
        objects: [["charges", charge]],
        event: stripeEvent("charge.refunded", charge, { created: t }),
      };
    },
  },
  {
    name: "customer.subscription.deleted",
    step: (c, t) => {
      const sub = subscriptionObject({
        id: c.sub,
        customer: c.cus,
        status: "canceled",
        periodEnd: t,
        canceledAt: t,
        endedAt: t,
      });
      return {
        objects: [["subscriptions", sub]],
        event: stripeEvent("customer.subscription.deleted", sub, { created: t }),
      };
    },
  },
];

function paid(c: Ids, invoiceId: string, t: number, now: number): Step {
  const inv = invoiceObject({
    id: invoiceId,
    customer: c.cus,
    email: `${c.cus}@example.com`,
    status: "paid",
    subscription: c.sub,
    created: t,
    paidAt: t,
  });
  return {
    objects: [
      ["invoices", inv],
      [
        "subscriptions",
        subscriptionObject({
          id: c.sub,
          customer: c.cus,
          status: "active",
          periodEnd: now + 30 * DAY,
        }),
      ],
    ],
    event: stripeEvent("invoice.paid", inv, { created: t }),
  };
}

/** Starts tools/bench/fake-stripe-process.ts and resolves with its URL and a stop. */
async function startFakeStripe(): Promise<{ url: string; stop: () => void }> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "tools/bench/fake-stripe-process.ts"],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`fake Stripe exited (${code})`)));
  });
  return { url, stop: () => child.kill("SIGTERM") };
}

/** Counts every statement sent through a pg.Client of this class (and keeps their text while `log` is set). */
const counter = { n: 0, log: null as string[] | null };
class CountingClient extends pg.Client {}
const originalQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
CountingClient.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  counter.n++;
  if (counter.log) {
    const q = args[0] as string | { text?: string };
    counter.log.push((typeof q === "string" ? q : (q.text ?? "")).replace(/\s+/g, " ").trim());
  }
  return originalQuery.apply(this, args);
} as typeof pg.Client.prototype.query;

type Row = {
  name: string;
  n: number;
  statements: number;
  minStatements: number;
  maxStatements: number;
  cpuMs: number;
  wallMs: number;
  notifies: number;
  outcomes: string;
  tasks: number;
};

export async function runCost(o: BenchOptions): Promise<PartResult> {
  // Short (CI): well under a minute even on a busy machine; statement counts do not vary.
  const n = o.short ? 12 : 200;
  const warm = o.short ? 3 : 20;
  const databaseUrl = databaseNamed(o.database, "cost");
  await freshDatabase(databaseUrl, o.database);
  const stripe = await startFakeStripe();
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? "http://127.0.0.1:3999",
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "bench-secret-bench-secret-bench-0000",
    SMTP_URL: process.env.SMTP_URL ?? "smtp://127.0.0.1:2599",
    STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET ?? "whsec_bench_launch_ready_local",
    OPS_API_TOKEN: process.env.OPS_API_TOKEN ?? "bench-ops-api-token-0123456789abcdef",
    STRIPE_SECRET_KEY: "sk_test_bench_cost",
    STRIPE_API_BASE: stripe.url,
    STRIPE_API_MAX_RPS: "100000",
    INNGEST_EVENT_KEY: "",
    INNGEST_DEV: "",
  });
  resetEnvCache();
  const { processLedgerEvent } = await import("@/lib/workflows/process-ledger-event");
  const { recordStripe } = await import("@/dev/deliver");
  const db = new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, max: 4, Client: CountingClient }),
  });
  const listener = new pg.Client({ connectionString: databaseUrl });
  await listener.connect();
  let notifies = 0;
  listener.on("notification", () => notifies++);
  await listener.query("LISTEN lr_live");

  const put = async (objects: [Collection, Obj][]) => {
    for (const [collection, object] of objects) {
      const res = await fetch(`${stripe.url}/__fake/objects/${collection}`, {
        method: "POST",
        body: JSON.stringify(object),
      });
      if (!res.ok) throw new Error(`fake Stripe refused ${collection}: ${res.status}`);
    }
  };

  const run = async (prefix: string, count: number, measure: boolean) => {
    const now = Math.floor(Date.now() / 1000);
    const t0 = now - DAY;
    const people: Ids[] = Array.from({ length: count }, (_, i) => {
      const id = `${prefix}${i}`;
      return {
        cus: `cus_${id}`,
        sub: `sub_${id}`,
        cs: `cs_${id}`,
        in1: `in_${id}a`,
        in2: `in_${id}b`,
        in3: `in_${id}c`,
        ch: `ch_${id}`,
      };
    });
    const rows: Row[] = [];
    const samples = new Map<string, string[]>();
    for (const [p, phase] of PHASES.entries()) {
      const t = t0 + p * 600;
      const ids: string[] = [];
      for (const c of people) {
        const { objects, event } = phase.step(c, t, now);
        await put(objects);
        ids.push(await recordStripe(event, "bench-cost", db));
      }
      const perEvent: number[] = [];
      const outcomes = new Map<string, number>();
      let tasks = 0;
      await new Promise((r) => setTimeout(r, 50));
      notifies = 0;
      const cpu = process.cpuUsage();
      const wall = performance.now();
      for (const [i, id] of ids.entries()) {
        const before = counter.n;
        if (measure && i === ids.length - 1) counter.log = [];
        const result = await processLedgerEvent(db, id);
        if (counter.log) samples.set(phase.name, counter.log);
        counter.log = null;
        perEvent.push(counter.n - before);
        const outcome =
          result.status === "skipped" ? "skipped" : `${result.status}/${result.outcome.outcome}`;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        tasks += result.syncTasks.length;
      }
      const wallMs = performance.now() - wall;
      const used = process.cpuUsage(cpu);
      await new Promise((r) => setTimeout(r, 200));
      rows.push({
        name: phase.name,
        n: ids.length,
        statements: perEvent.reduce((a, b) => a + b, 0) / ids.length,
        minStatements: Math.min(...perEvent),
        maxStatements: Math.max(...perEvent),
        cpuMs: (used.user + used.system) / 1000 / ids.length,
        wallMs: wallMs / ids.length,
        notifies: notifies / ids.length,
        outcomes: [...outcomes].map(([k, v]) => `${k} ${v}`).join(", "),
        tasks: tasks / ids.length,
      });
    }
    return { rows, samples };
  };

  try {
    o.log(`cost: warm-up, ${warm} customers through ${PHASES.length} events each`);
    await run(`w${Date.now().toString(36)}_`, warm, false);
    o.log(`cost: measuring ${n} events per type`);
    const { rows, samples } = await run(`m${Date.now().toString(36)}_`, n, true);
    const paidRows = rows.filter((r) => r.name.startsWith("invoice.paid"));
    const worstStatements = Math.max(...paidRows.map((r) => r.maxStatements));
    const worstCpu = Math.max(...paidRows.map((r) => r.cpuMs));
    const targets = [
      {
        name: `invoice.paid ≤ ${TARGET_STATEMENTS} statements`,
        met: worstStatements <= TARGET_STATEMENTS,
        detail: paidRows.map((r) => `${r.name.slice(14, -1)} ${fmt(r.statements)}`).join(", "),
      },
      {
        name: `invoice.paid ≤ ${TARGET_CPU_MS} ms CPU`,
        met: worstCpu <= TARGET_CPU_MS,
        detail: paidRows.map((r) => `${r.name.slice(14, -1)} ${r.cpuMs.toFixed(1)} ms`).join(", "),
      },
    ];
    const checks = [
      check(
        "cost: every event was processed (none failed or skipped)",
        rows.every((r) => !/skipped|ignored/.test(r.outcomes)),
        rows.map((r) => `${r.name}: ${r.outcomes}`).join("; "),
      ),
    ];
    const sample = samples.get("invoice.paid (recovery)") ?? [];
    const lines = [
      `## Cost of one ledger event, per Stripe event type — ${today()}`,
      "",
      `Machine: ${machine()}; 1-minute load average ${(await import("node:os")).loadavg()[0].toFixed(1)} at the end. ${n} events per type after a warm-up of ${warm} customers; each customer goes through the events below in order, re-read from a fake Stripe API in a child process.`,
      `Command: \`${o.command}\``,
      "",
      "Statements: every query the pg driver under Prisma's adapter sent (BEGIN/COMMIT included). CPU: this process (Prisma's query compiler, the engine, the Stripe SDK), not Postgres nor the fake. NOTIFY: messages the live_notify triggers delivered on lr_live (identical ones within a transaction are merged by Postgres).",
      "",
      "| event | statements / event (min–max) | CPU ms / event | wall ms / event | NOTIFY / event | outbox tasks / event | outcomes |",
      "| --- | --- | --- | --- | --- | --- | --- |",
      ...rows.map(
        (r) =>
          `| ${r.name} | ${fmt(r.statements)} (${r.minStatements}–${r.maxStatements}) | ${r.cpuMs.toFixed(1)} | ${r.wallMs.toFixed(1)} | ${fmt(r.notifies)} | ${fmt(r.tasks)} | ${r.outcomes} |`,
      ),
      "",
      "| target | met? | measured |",
      "| --- | --- | --- |",
      ...targets.map((t) => `| ${t.name} | ${t.met ? "met" : "NOT met"} | ${t.detail} |`),
      "",
      `Statements of one invoice.paid (recovery), in order (${sample.length}):`,
      "",
      ...sample.map((s, i) => `${i + 1}. \`${s.length > 110 ? `${s.slice(0, 107)}…` : s}\``),
      "",
      ...checkLines(checks),
    ];
    for (const t of targets) o.log(`cost: ${t.name}: ${t.met ? "met" : "NOT met"} (${t.detail})`);
    return { lines, checks };
  } finally {
    await listener.end().catch(() => undefined);
    await db.$disconnect();
    stripe.stop();
  }
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
