import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as hubspotWebhook } from "@/app/api/webhooks/hubspot/route";
import { POST as stripeWebhook } from "@/app/api/webhooks/stripe/route";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { retryException } from "@/lib/exceptions/retry-exception";
import { inProcessExecutor, reconcileOnce } from "@/lib/jobs/dispatch";
import type { WorkflowEvent } from "@/lib/workflow-events";
import { findPendingLedgerEvents } from "@/lib/jobs/resume-pending";
import {
  LEDGER_RETRY_WINDOW_MS,
  ledgerRetryDelayMs,
  nextLedgerAttemptAt,
} from "@/lib/ledger/ledger-retry";
import { resetDatabase } from "@/test/db";
import { deliver } from "@/dev/deliver";
import { withFakeStripe } from "@/test/fake-stripe-env";
import { startFakeHubSpot, type FakeHubSpot } from "@/fakes/hubspot";
import { hubspotContactEvent, hubspotWebhookRequest } from "@/test/inbound-requests";
import { eventOf, invoiceObject, subscriptionObject } from "@/fakes/stripe/objects";
import { TEST_HUBSPOT_ACCESS_TOKEN } from "@/test/test-env";
import { stripeWebhookRequest } from "@/test/webhook-requests";
import { processLedgerEvent } from "@/lib/workflows/process-ledger-event";

// Issue 11, item 5: failed events are retried with backoff for as long as Stripe itself
// retries (3 days), a redelivery of a received or failed event hands it off again, and only
// after the last attempt does it become an exception.
const stripe = withFakeStripe({ timeoutMs: 400 });
let hubspot: FakeHubSpot;
const admin = { id: "u_admin", email: "admin@example.com" };
const T = Math.floor(Date.now() / 1000) - 3600;
const MINUTE = 60_000;

beforeAll(async () => {
  hubspot = await startFakeHubSpot({ accessToken: TEST_HUBSPOT_ACCESS_TOKEN });
});
afterAll(() => hubspot.stop());
beforeEach(async () => {
  vi.stubEnv("HUBSPOT_API_BASE", hubspot.url);
  vi.stubEnv("HUBSPOT_ACCESS_TOKEN", TEST_HUBSPOT_ACCESS_TOKEN);
  resetEnvCache();
  hubspot.clear();
  hubspot.faults.reset();
  await resetDatabase();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  resetEnvCache();
});

const ledgerIdOf = (e: WorkflowEvent) => (e.data as { ledgerEventId: string }).ledgerEventId;

/** Hand-offs the routes make, captured instead of run, so the test drives processing. */
function captureHandOffs(): WorkflowEvent[] {
  const sent: WorkflowEvent[] = [];
  vi.spyOn(inProcessExecutor(), "enqueue").mockImplementation((e) => void sent.push(e));
  return sent;
}

/** A payment for a subscription we hold as past due: applying it re-reads the subscription from Stripe. */
async function paymentNeedingStripe() {
  const sub = (status: string) =>
    subscriptionObject({ id: "sub_out", customer: "cus_out", status, periodEnd: T + 30 * 86400 });
  await deliver(eventOf("customer.subscription.updated", sub("past_due"), T));
  stripe.api().put("subscriptions", sub("active"));
  const invoice = invoiceObject({
    id: "in_out",
    customer: "cus_out",
    status: "paid",
    subscription: "sub_out",
    created: T,
  });
  return eventOf("invoice.paid", invoice, T + 10);
}

async function hubspotFailedOnce(contactId: number) {
  hubspot.putContact(String(contactId), { email: `c${contactId}@example.com` });
  const event = hubspotContactEvent("contact.creation", contactId);
  const sent = captureHandOffs();
  expect((await hubspotWebhook(hubspotWebhookRequest([event]))).status).toBe(200);
  const id = ledgerIdOf(sent[0]);
  hubspot.faults.failNext(1);
  await expect(processLedgerEvent(db, id)).rejects.toThrow(/HTTP 500/);
  vi.restoreAllMocks();
  return { id, event };
}

describe("ledger events heal themselves", () => {
  it("backs off 30 s, 2 min, 10 min, 30 min, 1 h, 2 h … capped at 6 h, until 3 days after receipt", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => ledgerRetryDelayMs(n, mid) / MINUTE)).toEqual([
      0.5, 2, 10, 30, 60, 120, 240, 360, 360,
    ]);
    for (const r of [0, 0.999]) {
      const d = ledgerRetryDelayMs(1, () => r);
      expect(d).toBeGreaterThanOrEqual(24_000);
      expect(d).toBeLessThanOrEqual(36_000);
    }
    const receivedAt = new Date("2026-12-01T00:00:00Z");
    const deadline = receivedAt.getTime() + LEDGER_RETRY_WINDOW_MS;
    expect(LEDGER_RETRY_WINDOW_MS).toBe(3 * 24 * 60 * MINUTE);
    const early = nextLedgerAttemptAt({ receivedAt, attempts: 1 }, receivedAt, mid);
    expect(early?.getTime()).toBe(receivedAt.getTime() + 30_000);
    // The last attempt is made at the deadline, never after it.
    const late = new Date(deadline - MINUTE);
    expect(nextLedgerAttemptAt({ receivedAt, attempts: 30 }, late, mid)?.getTime()).toBe(deadline);
    expect(nextLedgerAttemptAt({ receivedAt, attempts: 31 }, new Date(deadline), mid)).toBeNull();
  });

  it("a Stripe API outage fails the payment; the sweep retries it once due and it ends processed with no click", async () => {
    const event = await paymentNeedingStripe();
    // The SDK tries three times (maxNetworkRetries 2): the whole outage answers 500.
    stripe.api().inject({ status: 500 }, { status: 500 }, { status: 500 });
    await expect(deliver(event)).rejects.toThrow();
    const failed = await db.ledgerEvent.findFirstOrThrow({ where: { type: "invoice.paid" } });
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    const inSeconds = (failed.nextAttemptAt!.getTime() - Date.now()) / 1000;
    expect(inSeconds).toBeGreaterThan(15);
    expect(inSeconds).toBeLessThan(40);

    // Not due yet: the sweep leaves it alone.
    expect((await findPendingLedgerEvents(db, 0)).map(ledgerIdOf)).toEqual([]);
    const due = await findPendingLedgerEvents(db, 0, 500, new Date(Date.now() + 5 * MINUTE));
    expect(due.map(ledgerIdOf)).toEqual([failed.id]);

    // Stripe is back; once due, the reconcile sweep re-drives the row.
    await db.ledgerEvent.update({
      where: { id: failed.id },
      data: { nextAttemptAt: new Date(Date.now() - 1000) },
    });
    expect(await reconcileOnce({ ledgerOlderThanSeconds: 0, syncGraceSeconds: 0 })).toBeGreaterThan(
      0,
    );
    await inProcessExecutor().idle();
    expect(await db.ledgerEvent.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({
      status: "processed",
      nextAttemptAt: null,
      error: null,
    });
    expect((await db.customer.findFirstOrThrow()).accessStatus).toBe("active");
    expect(await db.exceptionRecord.count({ where: { kind: "ledger_event_failed" } })).toBe(0);
  });

  it("a redelivery of a failed HubSpot event is handed off again and still answers duplicate", async () => {
    const { id, event } = await hubspotFailedOnce(701);
    const sent = captureHandOffs();
    const res = await hubspotWebhook(hubspotWebhookRequest([event]));
    expect(await res.json()).toMatchObject({ duplicate: true, events: [{ id, duplicate: true }] });
    expect(sent.map(ledgerIdOf)).toEqual([id]);
    expect(sent[0].id).not.toBe(id);
    vi.restoreAllMocks();
    expect(await processLedgerEvent(db, ledgerIdOf(sent[0]))).toMatchObject({
      status: "processed",
    });
    // A processed event redelivered is only counted.
    const after = captureHandOffs();
    await hubspotWebhook(hubspotWebhookRequest([event]));
    expect(after).toEqual([]);
  });

  it("a redelivery of a received Stripe event whose hand-off was lost is handed off again", async () => {
    const payload = await paymentNeedingStripe();
    const lost = captureHandOffs();
    vi.mocked(inProcessExecutor().enqueue).mockImplementationOnce(() => {
      throw new Error("executor gone");
    });
    expect((await stripeWebhook(stripeWebhookRequest(payload))).status).toBe(200);
    expect(lost).toEqual([]);
    const again = await stripeWebhook(stripeWebhookRequest(payload));
    const body = (await again.json()) as { id: string; duplicate: boolean };
    expect(body.duplicate).toBe(true);
    expect(lost.map(ledgerIdOf)).toEqual([body.id]);
  });

  it("after the last attempt exactly one exception exists; its Retry works and the success resolves it", async () => {
    const { id } = await hubspotFailedOnce(702);
    // Three days later the last attempt fails too.
    await db.ledgerEvent.update({
      where: { id },
      data: { receivedAt: new Date(Date.now() - LEDGER_RETRY_WINDOW_MS - MINUTE) },
    });
    for (let i = 0; i < 2; i++) {
      hubspot.faults.failNext(1);
      await expect(processLedgerEvent(db, id)).rejects.toThrow(/HTTP 500/);
    }
    expect(await db.ledgerEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "failed",
      nextAttemptAt: null,
    });
    const exceptions = await db.exceptionRecord.findMany({
      where: { kind: "ledger_event_failed" },
    });
    expect(exceptions).toHaveLength(1);
    expect(exceptions[0]).toMatchObject({ status: "open", ledgerEventId: id });
    expect(exceptions[0].title).toBe("HubSpot event contact.creation could not be applied");
    expect(exceptions[0].detail).toMatch(/HTTP 500/);
    expect(exceptions[0].detail).toMatch(/Retry once the cause is fixed/);
    // Nothing retries it by itself any more.
    expect(await findPendingLedgerEvents(db, 0, 500, new Date(Date.now() + 30 * MINUTE))).toEqual(
      [],
    );

    const sent: WorkflowEvent[] = [];
    expect(
      await retryException(db, exceptions[0].id, admin, async (e) => void sent.push(e)),
    ).toEqual({ ok: true });
    expect(sent.map(ledgerIdOf)).toEqual([id]);
    expect(
      await db.auditLog.count({ where: { action: "exception.retry", target: exceptions[0].id } }),
    ).toBe(1);
    await processLedgerEvent(db, id);
    expect(await db.ledgerEvent.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "processed",
    });
    expect(
      await db.exceptionRecord.findUniqueOrThrow({ where: { id: exceptions[0].id } }),
    ).toMatchObject({ status: "resolved" });
  });
});
