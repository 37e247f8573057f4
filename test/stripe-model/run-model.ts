import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { reevaluateDueCustomers } from "@/lib/customers/reevaluate-due-customers";
import { seededRandom } from "@/fakes/faults";
import { FakeStripeApi } from "@/fakes/stripe/api";
import { applyOp } from "./apply-op";
import { checkRun, type Failure, type Mode } from "./check";
import { Deliverer, type DeliveryMode } from "./delivery";
import { describeScenario, generateScenario, newModelFor, type Scenario } from "./scenario";
import { startSideEffects, type SideEffects } from "./side-effects";

/**
 * One model-based run of the whole engine: a scenario is played against the Stripe model
 * (which writes Stripe's state into the fake Stripe API as it changes), its events are
 * delivered through the real ingest path with duplicates, reordering and delays, the
 * clock-driven re-evaluation and the side-effect outbox run to completion, and the checker
 * compares the result with the model. Usable from tests and from the bench.
 */
export type { Mode } from "./check";
export type ModelEnv = { api: FakeStripeApi; se: SideEffects; rateLimit: number | null };
export type RunOptions = {
  seed: number;
  mode: Mode;
  /** Stripe's clock minus this host's, in seconds (e.g. -7200: Stripe runs two hours behind). */
  skew: number;
  /** A hand-written scenario instead of the seed's. */
  scenario?: Scenario;
  delivery?: DeliveryMode;
};
export type RunResult = RunOptions & {
  scenario: Scenario;
  events: number;
  deliveries: number;
  stripeReads: number;
  /** The most reads of one Stripe object in the run (re-read amplification). */
  maxReadsPerObject: number;
  rateLimited: number;
  failures: Failure[];
  /** The events each operation made Stripe emit (short ids, as in `schedule`). */
  eventsByOp: string[];
  schedule: string[];
  diff: string[];
  ms: number;
};

/** Starts the fake Stripe API (with Stripe's test-mode rate limit by default) and the side-effect fakes. */
export async function startModelEnv(opts: { rateLimit?: number | null } = {}): Promise<ModelEnv> {
  const api = await FakeStripeApi.start();
  const se = await startSideEffects();
  return { api, se, rateLimit: opts.rateLimit === undefined ? 25 : opts.rateLimit };
}

export async function stopModelEnv(env: ModelEnv): Promise<void> {
  setStripeKey(null);
  await env.api.stop();
  await env.se.stop();
}

/** Points the engine's Stripe client at the fake (a key) or leaves it without one. */
function setStripeKey(api: FakeStripeApi | null): void {
  if (api) {
    process.env.STRIPE_SECRET_KEY = "sk_test_model";
    process.env.STRIPE_API_BASE = api.url;
    process.env.STRIPE_API_TIMEOUT_MS = "2000";
  } else {
    delete process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_API_BASE;
    delete process.env.STRIPE_API_TIMEOUT_MS;
  }
  resetEnvCache();
}

/**
 * Empties what a run writes. DELETE rather than TRUNCATE: on tables this small it is much
 * cheaper (no new files); the audit log is append-only and only grows.
 */
async function resetRunTables(): Promise<void> {
  await db.$transaction([
    db.$executeRaw`DELETE FROM "LedgerEvent"`,
    db.$executeRaw`DELETE FROM "ExceptionRecord"`,
    db.$executeRaw`DELETE FROM "Customer"`,
  ]);
}

export async function runOne(env: ModelEnv, opts: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const scenario = opts.scenario ?? generateScenario(opts.seed);
  await resetRunTables();
  env.api.reset();
  env.api.clockSkewSeconds = opts.skew;
  env.api.rateLimit(env.rateLimit ? { perSecond: env.rateLimit } : null);
  env.se.clear();
  setStripeKey(opts.mode === "key" ? env.api : null);

  // The scenario ends at this host's now plus the skew: Stripe's clock is off by `skew`,
  // and everything the access policy compares with the host clock lands near the present.
  const start = Math.floor(Date.now() / 1000) + opts.skew - scenario.span;
  const model = newModelFor(scenario, start, env.api);
  const deliverer = new Deliverer(seededRandom(opts.seed ^ 0xde11), opts.delivery ?? "random");
  for (const [i, op] of scenario.ops.entries()) {
    const before = model.emitted.length;
    applyOp(model, op, i);
    deliverer.enqueue(model.emitted.slice(before).map((e) => e.event));
    await deliverer.deliverSome(`after #${i}`);
    // Side effects run within seconds in production, so between operations (hours or days
    // of Stripe's clock apart), while late events are still to arrive.
    await env.se.runOutbox(false);
  }
  await deliverer.deliverAll("at the end");
  await deliverer.retryUnprocessed();
  const now = new Date();
  await reevaluateDueCustomers(db, now);
  await env.se.runOutbox(true);
  const { failures, diff } = await checkRun(model, opts.mode, now, env.se);
  return {
    ...opts,
    scenario,
    events: model.emitted.length,
    deliveries: deliverer.stats.deliveries,
    stripeReads: env.api.stats.reads,
    maxReadsPerObject: Math.max(0, ...env.api.readsByObject.values()),
    rateLimited: env.api.stats.rateLimited,
    failures,
    eventsByOp: scenario.ops.map((_, i) => {
      const ids = model.emitted.filter((e) => e.op === i).map((e) => e.event.id.split("_").at(-1));
      return `#${i}: ${ids.length ? `${ids[0]}..${ids.at(-1)} (${ids.length})` : "none"}`;
    }),
    schedule: deliverer.log,
    diff,
    ms: Math.round(performance.now() - started),
  };
}

export const SKEWS = [-7200, 0, 7200] as const;
export const skewLabel = (s: number) =>
  s === 0 ? "in step" : `${Math.abs(s) / 3600}h ${s > 0 ? "ahead" : "behind"}`;

/** The full story of a failed run: what to replay, what happened, and what differs. */
export function formatFailure(r: RunResult, replay: string): string {
  const cats = [...new Set(r.failures.map((f) => f.category))].join(", ");
  return [
    `seed ${r.seed}, ${r.mode === "key" ? "with a Stripe key" : "without a Stripe key"}, Stripe clock ${skewLabel(r.skew)}: ${cats}`,
    `replay: ${replay}`,
    "scenario:",
    ...describeScenario(r.scenario).map((l) => `  ${l}`),
    `events emitted: ${r.eventsByOp.join(", ")}`,
    "deliveries (event:type, & = concurrent, | = then):",
    ...r.schedule.map((l) => `  ${l}`),
    "failures:",
    ...r.failures.map((f) => `  ${f.customer ?? "run"} ${f.category}: ${f.detail}`),
    "state:",
    ...r.diff.map((l) => `  ${l}`),
  ].join("\n");
}
