import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as stripeWebhook } from "@/app/api/webhooks/stripe/route";
import { acknowledgeAlert } from "@/lib/alerts/acknowledge-alert";
import type { AlertChannels } from "@/lib/alerts/channels";
import type { RuleKey } from "@/lib/alerts/default-rules";
import { evaluateAlerts } from "@/lib/alerts/evaluate-alerts";
import {
  signalEvaluationsSettled,
  subscribeAlertSignals,
} from "@/lib/alerts/subscribe-alert-signals";
import { updateAlertRule } from "@/lib/alerts/update-alert-rule";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { duplicateEventsPerDay, duplicateSideEffects } from "@/lib/metrics/duplicates";
import { resetWebhookRejections } from "@/lib/metrics/webhook-rejections";
import { lastMinutes } from "@/lib/metrics/window";
import { resetDatabase } from "@/test/db";
import { startSlackCapture } from "@/fakes/slack";
import { invoicePaid, type StripeEventPayload } from "@/fakes/stripe/events";
import { startSyncHarness, type SyncHarness } from "@/test/sync-harness";
import { stripeWebhookRequest } from "@/test/webhook-requests";
import { resetSyncDeps } from "@/lib/workflows/handlers";

const FOUNDER = "founder-alerts@example.com";
let h: SyncHarness;
let slack: Awaited<ReturnType<typeof startSlackCapture>>;
let channels: AlertChannels;

beforeAll(async () => {
  // Long enough call timeout that a slow (not hanging) connector succeeds.
  h = await startSyncHarness({ callTimeoutMs: 5000 });
  slack = await startSlackCapture();
  // The signal hook evaluates with the configured channels: point them at the captures.
  vi.stubEnv("ALERT_SLACK_WEBHOOK_URL", slack.url);
  vi.stubEnv("ALERT_EMAIL_TO", FOUNDER);
  resetEnvCache();
  channels = {
    slackWebhookUrl: slack.url,
    email: { smtpUrl: h.mail.smtpUrl, from: "alerts@launchready.local", to: FOUNDER },
    timeoutMs: 5000,
    dashboardUrl: "http://localhost:3999/alerts",
  };
});
afterAll(async () => {
  await slack.stop();
  await h.stop();
});
beforeEach(async () => {
  await h.settle();
  await resetDatabase();
  resetWebhookRejections();
  for (const fake of [h.hubspot, h.zendesk, h.app]) {
    fake.faults.reset();
    fake.clear();
  }
  h.mail.mails.length = 0;
  slack.clear();
});

const evaluate = (now?: Date) => evaluateAlerts(db, { channels, now });
const inAWhile = (minutes: number) => new Date(Date.now() + minutes * 60_000);
const alertMails = (kind: RegExp) => h.mailsTo(FOUNDER, kind);

async function alertsOf(key: RuleKey) {
  return db.alert.findMany({ where: { rule: { key } }, orderBy: { firedAt: "asc" } });
}

async function setRule(
  key: RuleKey,
  change: { threshold?: number; enabled?: boolean; windowMinutes?: number; minRequests?: number },
) {
  await evaluateAlerts(db, { channels: { timeoutMs: 1 }, only: [] }); // seeds the defaults
  const rule = await db.alertRule.findUniqueOrThrow({ where: { key } });
  await updateAlertRule(
    db,
    {
      ruleId: rule.id,
      enabled: change.enabled ?? rule.enabled,
      threshold: change.threshold ?? rule.threshold,
      windowMinutes: change.windowMinutes ?? rule.windowMinutes,
      minRequests: change.minRequests ?? rule.minRequests,
    },
    "founder@example.com",
  );
}

async function deliver(e: StripeEventPayload) {
  expect((await stripeWebhook(stripeWebhookRequest(e))).status).toBe(200);
}

/**
 * Fired once per scope (the one expected among them), each delivered once to Slack and
 * once by email.
 */
async function expectFiredOnce(key: RuleKey, scope: string) {
  const alerts = await alertsOf(key);
  const scopes = alerts.map((a) => a.scope);
  expect(new Set(scopes).size).toBe(alerts.length);
  expect(scopes).toContain(scope);
  expect(alerts.every((a) => a.state === "firing")).toBe(true);
  const fired = slack.messages.filter((m) => m.text.includes(alerts[0].title));
  expect(fired).toHaveLength(alerts.length);
  expect(alertMails(/^\[Launch Ready\] ALERT/)).toHaveLength(alerts.length);
  for (const a of alerts)
    expect(a.deliveries).toEqual([
      expect.objectContaining({ channel: "slack", ok: true, kind: "fired" }),
      expect.objectContaining({ channel: "email", ok: true, kind: "fired" }),
    ]);
  return alerts.find((a) => a.scope === scope)!;
}

async function expectResolved(key: RuleKey) {
  const alerts = await alertsOf(key);
  expect(alerts.length).toBeGreaterThan(0);
  for (const a of alerts) {
    expect(a).toMatchObject({ state: "resolved", openKey: null });
    expect(a.resolvedAt).not.toBeNull();
  }
  expect(slack.messages.filter((m) => /Resolved/.test(m.text))).toHaveLength(alerts.length);
  expect(alertMails(/^\[Launch Ready\] Resolved/)).toHaveLength(alerts.length);
}

async function forgeStripeRequest() {
  const forged = stripeWebhookRequest(invoicePaid({ customer: "cus_forged" }), {
    secret: "whsec_wrong_secret_for_this_test",
  });
  expect((await stripeWebhook(forged)).status).toBe(400);
}

describe("alert rules driven over their thresholds", () => {
  it("one forged request with no other traffic is not a 100 % failure rate: below 20 requests in the window nothing fires", async () => {
    await forgeStripeRequest();
    await evaluate();
    expect(await alertsOf("webhook_failure_rate")).toHaveLength(0);
    const rule = await db.alertRule.findUniqueOrThrow({ where: { key: "webhook_failure_rate" } });
    expect(rule.minRequests).toBe(20);
    // 19 forged requests: still under the minimum volume.
    for (let i = 0; i < 18; i++) await forgeStripeRequest();
    await evaluate();
    expect(await alertsOf("webhook_failure_rate")).toHaveLength(0);
    // The 20th reaches it: now it is a rate worth a page.
    await forgeStripeRequest();
    await evaluate();
    const alert = await expectFiredOnce("webhook_failure_rate", "source:stripe");
    expect(alert.detail).toMatch(/20 rejected and 0 failed of 20 received/);
    expect(alert.detail).toMatch(/at least 20 requests/);
  });

  it("rejected webhooks push the failure rate over 2 %: one alert at the next evaluation, delivered, resolved once the window passes", async () => {
    // A founder lowered the minimum volume to 5 requests for this low-traffic test.
    await setRule("webhook_failure_rate", { minRequests: 5 });
    for (let i = 0; i < 3; i++)
      await deliver(invoicePaid({ customer: `cus_ok${i}`, email: `ok${i}@example.com` }));
    await forgeStripeRequest();
    await h.settle();
    await evaluate();
    expect(await alertsOf("webhook_failure_rate")).toHaveLength(0); // 4 requests: under 5
    await forgeStripeRequest();
    await h.settle();

    // The first evaluation after the failures raises it (evaluated every minute: < 5 min).
    const [first, second] = [await evaluate(), await evaluate()];
    expect(first.fired).toHaveLength(1);
    expect(second.fired).toHaveLength(0);
    const alert = await expectFiredOnce("webhook_failure_rate", "source:stripe");
    expect(alert.value).toBe(0.4);
    expect(alert.detail).toMatch(/2 rejected and 0 failed of 5 received/);

    await evaluate(inAWhile(16));
    await expectResolved("webhook_failure_rate");
  });

  // Tasks of one customer run one after another, so the tasks queued behind the slow CRM
  // call are late too: every connector of that customer may alert, each once.
  it("a slow connector pushes sync latency p95 over the (founder-lowered) threshold, once; it resolves when the window moves on", async () => {
    await setRule("sync_latency_p95", { threshold: 0.2 });
    h.hubspot.faults.setLatency(400);
    await deliver(invoicePaid({ customer: "cus_slow", email: "slow@example.com" }));
    await h.settle();
    expect(
      await db.syncTask.findFirstOrThrow({ where: { action: "crm.upsert_contact" } }),
    ).toMatchObject({ status: "succeeded" });

    await Promise.all([evaluate(), evaluate()]);
    await evaluate();
    const alert = await expectFiredOnce("sync_latency_p95", "target:crm");
    expect(alert.value).toBeGreaterThan(0.2);

    await evaluate(inAWhile(120));
    await expectResolved("sync_latency_p95");
  });

  it("a dead task alerts at once through the sync engine's signal, and resolves when its exception is resolved", async () => {
    const off = subscribeAlertSignals();
    vi.stubEnv("HUBSPOT_ACCESS_TOKEN", "revoked-token-0000");
    resetEnvCache();
    resetSyncDeps();
    try {
      await deliver(invoicePaid({ customer: "cus_dead", email: "dead@example.com" }));
      await h.settle();
      await signalEvaluationsSettled();
    } finally {
      off();
      vi.stubEnv("HUBSPOT_ACCESS_TOKEN", h.env.HUBSPOT_ACCESS_TOKEN);
      resetEnvCache();
      resetSyncDeps();
    }
    // Raised by the signal, before any scheduled evaluation ran.
    await expectFiredOnce("dead_task", "target:crm");
    await evaluate();
    await expectFiredOnce("dead_task", "target:crm");

    await db.exceptionRecord.updateMany({ data: { status: "resolved", resolvedAt: new Date() } });
    await evaluate();
    await expectResolved("dead_task");
  });

  it("a duplicate storm performs no side effect twice and raises nothing; two side effects for one cause raise one alert", async () => {
    const paid = invoicePaid({ customer: "cus_storm", email: "storm@example.com" });
    await Promise.all(Array.from({ length: 10 }, () => deliver(paid)));
    await h.settle();
    expect(await duplicateEventsPerDay(db, lastMinutes(60))).toEqual([
      expect.objectContaining({ source: "stripe", duplicates: 9 }),
    ]);
    expect(await duplicateSideEffects(db, lastMinutes(60))).toEqual([]);
    expect(h.mailsTo("storm@example.com", /^Welcome/)).toHaveLength(1);
    await evaluate();
    expect(await alertsOf("duplicate_side_effect")).toHaveLength(0);

    // A bug that keys one cause twice: a second welcome email for the same customer.
    const welcome = await db.syncTask.findFirstOrThrow({ where: { action: "email.welcome" } });
    const { id: _id, createdAt: _c, updatedAt: _u, payload, result, ...rest } = welcome;
    const copy = await db.syncTask.create({
      data: {
        ...rest,
        payload: payload ?? {},
        result: result ?? undefined,
        idempotencyKey: `${welcome.idempotencyKey}:again`,
      },
    });
    await Promise.all([evaluate(), evaluate()]);
    const alert = await expectFiredOnce("duplicate_side_effect", "action:email.welcome");
    expect(alert.value).toBe(1);

    await db.syncTask.delete({ where: { id: copy.id } });
    await evaluate();
    await expectResolved("duplicate_side_effect");
  });
});

async function seedCustomer(email: string) {
  return db.customer.create({ data: { email, accessStatus: "active", billingStatus: "active" } });
}

async function seedTickets(customerId: string, count: number, at: (i: number) => Date) {
  await db.syncTask.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      customerId,
      target: "support" as const,
      action: "support.open_ticket",
      idempotencyKey: `ticket:seed:${customerId}:${i}:${at(i).getTime()}`,
      payload: { cause: "payment_failed", causeId: `in_seed_${i}_${at(i).getTime()}` },
      status: "succeeded" as const,
      correlationId: "seed",
      createdAt: at(i),
      lastSuccessAt: at(i),
    })),
  });
}

describe("statistical rules, on seeded rows", () => {
  it("a ticket spike (more than 3× the trailing hourly average) fires once and resolves", async () => {
    const c = await seedCustomer("tickets@example.com");
    // Trailing week: 2 tickets an hour on average.
    await seedTickets(c.id, 336, (i) => new Date(Date.now() - 75 * 60_000 - i * 1_800_000));
    await seedTickets(c.id, 6, (i) => new Date(Date.now() - (i + 1) * 60_000));
    await evaluate();
    expect(await alertsOf("ticket_spike")).toHaveLength(0); // 6 = 3× 2: not above

    await seedTickets(c.id, 2, (i) => new Date(Date.now() - (i + 10) * 60_000 - 7));
    await evaluate();
    await evaluate();
    const alert = await expectFiredOnce("ticket_spike", "global");
    expect(alert.value).toBe(4);

    await evaluate(inAWhile(90));
    await expectResolved("ticket_spike");
  });

  it("payment → access active p95 over 5 minutes fires once and resolves", async () => {
    const c = await seedCustomer("p2a@example.com");
    const ledger = await db.ledgerEvent.create({
      data: {
        source: "stripe",
        externalId: "evt_seed_p2a",
        type: "invoice.paid",
        occurredAt: new Date(Date.now() - 25 * 60_000),
        receivedAt: new Date(Date.now() - 20 * 60_000),
        payload: {},
        status: "processed",
        correlationId: "seed",
        customerId: c.id,
      },
    });
    await db.accessTransition.create({
      data: {
        customerId: c.id,
        from: "lead",
        to: "active",
        ledgerEventId: ledger.id,
        at: new Date(Date.now() - 10 * 60_000),
      },
    });
    await evaluate();
    await evaluate();
    const alert = await expectFiredOnce("payment_to_access_p95", "global");
    expect(alert.value).toBeCloseTo(600, 0);

    await evaluate(inAWhile(60));
    await expectResolved("payment_to_access_p95");
  });
});

describe("a source that goes silent", () => {
  async function ledgerRows(source: "stripe" | "hubspot", hoursAgo: number[]) {
    await db.ledgerEvent.createMany({
      data: hoursAgo.map((h, i) => ({
        source,
        externalId: `silence_${source}_${i}_${h}`,
        type: source === "stripe" ? "invoice.paid" : "contact.creation",
        occurredAt: new Date(Date.now() - h * 3_600_000),
        receivedAt: new Date(Date.now() - h * 3_600_000),
        payload: {},
        status: "processed" as const,
        correlationId: "seed",
      })),
    });
  }

  it("Stripe silent for 6 h after a day with events fires once, stays open while silent, and resolves when Stripe delivers again", async () => {
    // Events through yesterday, the last one 6.5 h ago; HubSpot the same, but its rule is off by default.
    await ledgerRows("stripe", [29, 20, 12, 6.5]);
    await ledgerRows("hubspot", [29, 20, 12, 6.5]);
    await evaluate();
    await evaluate();
    const alert = await expectFiredOnce("silent_stripe", "source:stripe");
    expect(alert.detail).toMatch(/stripe: nothing received for 6\.5 h/);
    expect(alert.detail).toMatch(/4 event\(s\) in the day before/);
    expect(await alertsOf("silent_hubspot")).toHaveLength(0);

    // Still silent a day and a half later (the day before the silence is now empty): stays open, not re-sent.
    await evaluate(inAWhile(36 * 60));
    expect((await alertsOf("silent_stripe")).map((a) => a.state)).toEqual(["firing"]);
    expect(slack.messages).toHaveLength(1);

    await deliver(invoicePaid({ customer: "cus_back", email: "back@example.com" }));
    await h.settle();
    await evaluate();
    await expectResolved("silent_stripe");
  });

  it("stays quiet for a source that was not delivering the day before (a single test event long ago) or is within its window", async () => {
    await ledgerRows("stripe", [24 * 30]);
    await evaluate();
    expect(await alertsOf("silent_stripe")).toHaveLength(0);
    await resetDatabase();
    await ledgerRows("stripe", [20, 12, 5.5]);
    await evaluate();
    expect(await alertsOf("silent_stripe")).toHaveLength(0);
  });

  it("a founder can turn on the HubSpot silence rule; it then fires for HubSpot alone", async () => {
    await setRule("silent_hubspot", { enabled: true, windowMinutes: 6 * 60 });
    await ledgerRows("hubspot", [20, 7]);
    await evaluate();
    await expectFiredOnce("silent_hubspot", "source:hubspot");
    expect(await alertsOf("silent_stripe")).toHaveLength(0);
  });
});

describe("alert lifecycle and delivery", () => {
  async function fireDeadTaskAlert() {
    const c = await seedCustomer("lifecycle@example.com");
    const task = await db.syncTask.create({
      data: {
        customerId: c.id,
        target: "app",
        action: "app.access_changed",
        idempotencyKey: "app-access:lifecycle",
        status: "dead",
        lastError: "410 Gone",
        correlationId: "seed",
      },
    });
    await evaluate();
    return task;
  }

  it("an acknowledged alert stays open without being delivered again, then resolves", async () => {
    const task = await fireDeadTaskAlert();
    const [alert] = await alertsOf("dead_task");
    expect(await acknowledgeAlert(db, alert.id, "founder@example.com")).toBe(true);
    expect(await acknowledgeAlert(db, alert.id, "founder@example.com")).toBe(false);
    await evaluate();
    const [acked] = await alertsOf("dead_task");
    expect(acked).toMatchObject({ state: "acknowledged", acknowledgedBy: "founder@example.com" });
    expect(slack.messages).toHaveLength(1);

    await db.syncTask.update({ where: { id: task.id }, data: { status: "succeeded" } });
    await evaluate();
    await expectResolved("dead_task");
  });

  it("a disabled rule resolves its open alert", async () => {
    await fireDeadTaskAlert();
    await setRule("dead_task", { enabled: false });
    await evaluate();
    await expectResolved("dead_task");
  });

  it("delivery failures are recorded on the alert and never thrown into the evaluator", async () => {
    slack.failNext(1);
    const c = await seedCustomer("undeliverable@example.com");
    await db.syncTask.create({
      data: {
        customerId: c.id,
        target: "crm",
        action: "crm.upsert_contact",
        idempotencyKey: "crm:undeliverable",
        status: "dead",
        correlationId: "seed",
      },
    });
    const summary = await evaluateAlerts(db, {
      channels: {
        ...channels,
        email: { smtpUrl: "smtp://127.0.0.1:1", from: "a@launchready.local", to: FOUNDER },
      },
    });
    expect(summary.fired).toHaveLength(1);
    const [alert] = await alertsOf("dead_task");
    expect(alert.deliveries).toEqual([
      expect.objectContaining({ channel: "slack", ok: false, error: expect.stringMatching(/500/) }),
      expect.objectContaining({ channel: "email", ok: false, error: expect.any(String) }),
    ]);
  });
});
