import { seededRandom } from "@/fakes/faults";
import { applyOp, SIGNUPS, targetOf, type Op, type OpKind } from "./apply-op";
import { advanceTo, nextWorkFor } from "./automation";
import { StripeModel } from "./model";
import { DAY } from "./objects";
import type { AccountSettings, CustomerSlot } from "./types";

/**
 * Random scenarios: 1–3 Stripe customers (sometimes two with the same email), each doing
 * 2–8 operations that are valid in the state Stripe is in at that moment, interleaved, with
 * Stripe's clock moving between them (same second, minutes, hours, days, or straight to the
 * customer's next renewal, retry or trial end). Fully determined by the seed.
 */
export type Scenario = {
  seed: number;
  tag: string;
  settings: AccountSettings;
  customers: { email: string; name: string; dupOf: number | null }[];
  ops: Op[];
  /** Seconds of Stripe's clock from the first operation to the last. */
  span: number;
};

const WEIGHTS: Partial<Record<OpKind, number>> = {
  "checkout-paid": 5,
  "checkout-trial": 2,
  "checkout-trial-nopm": 1.5,
  "signup-incomplete": 2,
  "checkout-setup": 1,
  "checkout-payment": 1,
  "checkout-payment-async-ok": 0.5,
  "checkout-payment-async-fail": 0.5,
  "card-fails": 3,
  "card-fixed": 1.5,
  "pay-now": 2,
  "cancel-at-period-end": 1.5,
  "undo-cancel": 1,
  "cancel-now": 1,
  "void-invoice": 2.5,
  "mark-uncollectible": 1.5,
  resume: 3,
  "refund-full": 1,
  "refund-partial": 0.7,
  "dispute-open": 1,
  "dispute-evidence": 1.5,
  "dispute-won": 1,
  "dispute-lost": 1,
  wait: 1,
};

function pick<T>(rnd: () => number, items: [T, number][]): T {
  let r = rnd() * items.reduce((n, [, w]) => n + w, 0);
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1][0];
}

/** How far Stripe's clock moves before the next operation. */
function drawGap(rnd: () => number, m: StripeModel, slot: CustomerSlot): number {
  const r = rnd();
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo));
  if (r < 0.12) return 0; // same second: bursts and races are normal at Stripe
  if (r < 0.4) return between(1, 600);
  if (r < 0.6) return between(600, 12 * 3600);
  if (r < 0.7) return between(DAY, 5 * DAY);
  const next = nextWorkFor(m, slot.id);
  return next === null ? between(DAY, 3 * DAY) : next - m.now + between(1, 120);
}

export function newModelFor(
  s: Scenario,
  start: number,
  api: ConstructorParameters<typeof StripeModel>[4] = null,
) {
  const m = new StripeModel(s.tag, start, s.settings, s.seed, api);
  s.customers.forEach((c, index) =>
    m.slots.push({
      index,
      id: `cus_${s.tag}_c${index}`,
      ...c,
      created: null,
      cardOk: true,
      paymentMethod: null,
      paidNonZero: false,
      firstFailedAt: {},
      refundedAt: {},
    }),
  );
  return m;
}

export function generateScenario(seed: number): Scenario {
  const rnd = seededRandom(seed);
  const tag = `m${seed}`;
  const onExhausted = pick<AccountSettings["onExhausted"]>(rnd, [
    ["cancel", 1],
    ["unpaid", 1],
    ["past_due", 1],
  ]);
  const settings: AccountSettings = {
    maxAttempts: 2 + Math.floor(rnd() * 3),
    onExhausted,
    markUncollectibleOnExhausted: onExhausted === "cancel" && rnd() < 0.5,
  };
  const n = pick(rnd, [
    [1, 3],
    [2, 4.5],
    [3, 2.5],
  ]);
  const customers = Array.from({ length: n }, (_, i) => ({
    email: `${tag}c${i}@example.com`,
    name: `Customer ${i} of ${tag}`,
    dupOf: null as number | null,
  }));
  if (n > 1 && rnd() < 0.35)
    Object.assign(customers[n - 1], { email: customers[0].email, dupOf: 0 });
  const order = customers.flatMap((_, i) => Array<number>(2 + Math.floor(rnd() * 7)).fill(i));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  // The second customer with a taken email signs up after the first one exists.
  if (customers[n - 1].dupOf === 0 && order.indexOf(n - 1) < order.indexOf(0)) {
    const a = order.indexOf(n - 1);
    const b = order.indexOf(0);
    [order[a], order[b]] = [order[b], order[a]];
  }
  const scenario: Scenario = { seed, tag, settings, customers, ops: [], span: 0 };
  const m = newModelFor(scenario, 0);
  const started = new Set<number>();
  order.forEach((c, index) => {
    const slot = m.slots[c];
    const gap = index === 0 ? 0 : drawGap(rnd, m, slot);
    m.opIndex = index;
    advanceTo(m, m.now + gap);
    const candidates = started.has(c) ? (Object.keys(WEIGHTS) as OpKind[]) : [...SIGNUPS];
    const valid = candidates.filter((k) => targetOf(m, slot, k) !== null);
    const kind = pick(
      rnd,
      valid.map((k) => [k, WEIGHTS[k] ?? 1] as [OpKind, number]),
    );
    started.add(c);
    const op = { c, gap, kind };
    applyOp(m, { ...op, gap: 0 }, index);
    scenario.ops.push(op);
  });
  scenario.span = m.now;
  return scenario;
}

/** A hand-written scenario (regression tests): customers by index, operations in order. */
export function scriptedScenario(
  seed: number,
  customers: { dupOf?: number }[],
  ops: Op[],
  settings: AccountSettings = {
    maxAttempts: 4,
    onExhausted: "past_due",
    markUncollectibleOnExhausted: false,
  },
): Scenario {
  const tag = `r${seed}`;
  const list = customers.map((c, i) => {
    const of = c.dupOf ?? i;
    return {
      email: `${tag}c${of}@example.com`,
      name: `Customer ${i} of ${tag}`,
      dupOf: c.dupOf ?? null,
    };
  });
  const scenario: Scenario = { seed, tag, settings, customers: list, ops, span: 0 };
  const m = newModelFor(scenario, 0);
  ops.forEach((op, i) => applyOp(m, op, i));
  scenario.span = m.now;
  return scenario;
}

const pad = (n: number) => String(n).padStart(2, "0");
export function formatOffset(s: number): string {
  const d = Math.floor(s / DAY);
  const h = Math.floor((s % DAY) / 3600);
  return `+${d}d${pad(h)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** One line per customer and per operation, with Stripe's clock relative to the start. */
export function describeScenario(s: Scenario): string[] {
  const lines = [
    `settings: ${s.settings.maxAttempts} attempts, then ${s.settings.onExhausted}${s.settings.markUncollectibleOnExhausted ? " + invoice uncollectible" : ""}`,
    ...s.customers.map(
      (c, i) =>
        `c${i} cus_${s.tag}_c${i} <${c.email}>${c.dupOf !== null ? ` (second Stripe customer with c${c.dupOf}'s email)` : ""}`,
    ),
  ];
  let t = 0;
  s.ops.forEach((op, i) => {
    t += op.gap;
    lines.push(`#${i} ${formatOffset(t)} c${op.c} ${op.kind}`);
  });
  return lines;
}
