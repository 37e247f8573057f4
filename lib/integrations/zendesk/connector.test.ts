import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeZendesk, type FakeZendesk } from "@/fakes/zendesk";
import { pastDueCustomer, syncTask, timeout } from "@/test/sync-fixtures";
import { ConnectorError, type SyncPayloads } from "@/lib/integrations/connector/types";
import { createZendeskConnector } from "./connector";
import { ticketGroupFor } from "./ticket";

const EMAIL = "agent@launchready.example";
const TOKEN = "zd-api-token-0123456789abcdef";
let zd: FakeZendesk;

beforeAll(async () => {
  zd = await startFakeZendesk({ email: EMAIL, apiToken: TOKEN });
});
afterAll(async () => {
  await zd.stop();
});
beforeEach(() => {
  zd.clear();
  zd.faults.reset();
});

const rules = { payment_failed: 123, dispute: 456, default: 789 };
const connector = () =>
  createZendeskConnector({ apiBase: zd.url, email: EMAIL, apiToken: TOKEN, groupRules: rules });

const failedPayment = (
  invoiceId = "in_42",
  over: Partial<SyncPayloads["support.open_ticket"]> = {},
) =>
  syncTask(
    "support.open_ticket",
    {
      cause: "payment_failed",
      causeId: invoiceId,
      invoiceId,
      amountDue: 4900,
      currency: "eur",
      ...over,
    },
    { idempotencyKey: `ticket:payment-failed:${invoiceId}` },
  );
const recovered = (invoiceId = "in_42") =>
  syncTask("support.solve_ticket", {
    cause: "payment_failed",
    causeId: invoiceId,
    resolution: `invoice ${invoiceId} was paid`,
  });

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  const err = await p.then(
    () => expect.unreachable("expected a ConnectorError"),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConnectorError);
  return err as ConnectorError;
}

describe("ticketGroupFor", () => {
  it("routes by cause, falls back to default, and to no group without rules", () => {
    expect(ticketGroupFor("payment_failed", rules)).toBe(123);
    expect(ticketGroupFor("dispute", rules)).toBe(456);
    expect(ticketGroupFor("blocked", rules)).toBe(789);
    expect(ticketGroupFor("blocked", { payment_failed: 1 })).toBeUndefined();
    expect(ticketGroupFor("dispute", undefined)).toBeUndefined();
  });
});

describe("Zendesk connector", () => {
  it("opens a ticket with full context, requester, tags, priority and the rule's group", async () => {
    const customer = pastDueCustomer("in_42", { name: "Ada Lovelace" });
    const task = failedPayment();
    const result = await connector().perform(task, customer, timeout());

    const [t] = zd.tickets();
    expect(result.externalRef).toBe(String(t.id));
    expect(result.identity?.supportUserId).toBe(String(t.requester_id));
    expect(t.external_id).toBe(`launch-ready:${customer.id}:payment_failed:in_42`);
    expect(t.tags).toEqual(["launch-ready", "payment_failed"]);
    expect(t.priority).toBe("high");
    expect(t.group_id).toBe(123);
    expect(t.subject).toBe("Payment failed: Ada Lovelace (49.00 EUR)");
    expect(zd.users().find((u) => u.id === t.requester_id)?.email).toBe(customer.email);
    const note = t.comments[0];
    expect(note.public).toBe(false);
    for (const text of [
      "Ada Lovelace",
      customer.email!,
      "Plan: Pro",
      "Amount: 49.00 EUR (invoice in_42)",
      "invoice.payment_failed",
      "Next action: Wait for the retry",
      `Dashboard: ${customer.dashboardUrl}`,
      task.correlationId,
    ]) {
      expect(note.body).toContain(text);
    }
    const create = zd.requests.find((r) => r.method === "POST");
    expect(create?.status).toBe(201);
  });

  it("opening the same ticket twice leaves one ticket", async () => {
    const customer = pastDueCustomer();
    const a = await connector().perform(failedPayment(), customer, timeout());
    const b = await connector().perform(failedPayment(), customer, timeout());
    expect(zd.tickets()).toHaveLength(1);
    expect(b.externalRef).toBe(a.externalRef);
    expect(b.detail).toBe("ticket already open");
  });

  it("concurrent opens for one cause create one ticket, thanks to the Idempotency-Key", async () => {
    const customer = pastDueCustomer();
    zd.faults.setLatency(30);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => connector().perform(failedPayment(), customer, timeout())),
    );
    expect(zd.tickets()).toHaveLength(1);
    expect(new Set(results.map((r) => r.externalRef)).size).toBe(1);
  });

  it("a concurrent run with a newer snapshot converges on the ticket instead of failing", async () => {
    const customer = pastDueCustomer();
    zd.faults.setLatency(30);
    const results = await Promise.all([
      connector().perform(failedPayment(), customer, timeout()),
      connector().perform(failedPayment(), { ...customer, plan: "Team" }, timeout()),
    ]);
    expect(zd.tickets()).toHaveLength(1);
    expect(results[1].externalRef).toBe(results[0].externalRef);
  });

  it("a lost create response is retried without a second ticket", async () => {
    const customer = pastDueCustomer();
    zd.faults.sequence(["ok", "lost-response"]);
    const err = await failure(connector().perform(failedPayment(), customer, timeout()));
    expect(err.kind).toBe("retryable");
    await connector().perform(failedPayment(), customer, timeout());
    expect(zd.tickets()).toHaveLength(1);
  });

  it("different causes and invoices get their own tickets, disputes are urgent", async () => {
    const customer = pastDueCustomer();
    await connector().perform(failedPayment("in_1"), customer, timeout());
    await connector().perform(failedPayment("in_2"), customer, timeout());
    const dispute = syncTask("support.open_ticket", { cause: "dispute", causeId: "dp_1" });
    await connector().perform(dispute, customer, timeout());
    const tickets = zd.tickets();
    expect(tickets).toHaveLength(3);
    expect(tickets[2]).toMatchObject({ priority: "urgent", group_id: 456 });
  });

  it("solve finds the ticket by external_id and solves it with a note", async () => {
    const customer = pastDueCustomer();
    const opened = await connector().perform(failedPayment(), customer, timeout());
    const solved = await connector().perform(recovered(), customer, timeout());

    const [t] = zd.tickets();
    expect(solved.externalRef).toBe(opened.externalRef);
    expect(solved.detail).toBe("ticket solved");
    expect(t.status).toBe("solved");
    expect(t.assignee_id).not.toBeNull();
    expect(t.comments.at(-1)).toMatchObject({ public: false });
    expect(t.comments.at(-1)?.body).toContain("invoice in_42 was paid");
  });

  it("solving twice is harmless, and a late open does not reopen a solved ticket", async () => {
    const customer = pastDueCustomer();
    await connector().perform(failedPayment(), customer, timeout());
    await connector().perform(recovered(), customer, timeout());
    const again = await connector().perform(recovered(), customer, timeout());
    expect(again.detail).toBe("ticket already solved");
    const late = await connector().perform(failedPayment(), customer, timeout());
    expect(late.detail).toMatch(/not reopened/);
    expect(zd.tickets()).toHaveLength(1);
    expect(zd.tickets()[0].status).toBe("solved");
  });

  it("solve with no ticket succeeds with nothing to solve", async () => {
    const result = await connector().perform(recovered(), pastDueCustomer(), timeout());
    expect(result).toEqual({ detail: "nothing to solve" });
  });

  it("429 is retryable with Retry-After as an HTTP-date", async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    zd.faults.rateLimitNext(1, at);
    const err = await failure(connector().perform(failedPayment(), pastDueCustomer(), timeout()));
    expect(err.kind).toBe("retryable");
    expect(err.retryAfterMs).toBeGreaterThan(25_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it("a hanging Zendesk times out as retryable", async () => {
    zd.faults.hangNext(1);
    const err = await failure(
      connector().perform(failedPayment(), pastDueCustomer(), AbortSignal.timeout(200)),
    );
    expect(err.kind).toBe("retryable");
  });

  it("a 422 (invalid requester) is permanent", async () => {
    const err = await failure(
      connector().perform(failedPayment(), pastDueCustomer("in_42", { email: "bad@" }), timeout()),
    );
    expect(err.kind).toBe("permanent");
    expect(err.message).toContain("HTTP 422");
  });

  it("wrong credentials are permanent and never echo the token", async () => {
    const c = createZendeskConnector({
      apiBase: zd.url,
      email: EMAIL,
      apiToken: "zd-wrong-token-value",
    });
    const err = await failure(c.perform(failedPayment(), pastDueCustomer(), timeout()));
    expect(err.kind).toBe("permanent");
    expect(err.message).toContain("HTTP 401");
    expect(err.message).not.toContain("zd-wrong-token-value");
  });

  it("builds its base URL from the subdomain", () => {
    const c = createZendeskConnector({ subdomain: "acme", email: EMAIL, apiToken: TOKEN });
    expect(c.notConfiguredReason()).toBeNull();
  });

  it("is not configured without subdomain, email or token, naming each variable", async () => {
    expect(createZendeskConnector({}).notConfiguredReason()).toBe(
      "ZENDESK_SUBDOMAIN (or ZENDESK_API_BASE), ZENDESK_EMAIL, ZENDESK_API_TOKEN are not set",
    );
    const c = createZendeskConnector({ apiBase: zd.url, email: EMAIL });
    expect(c.notConfiguredReason()).toBe("ZENDESK_API_TOKEN is not set");
    const err = await failure(c.perform(failedPayment(), pastDueCustomer(), timeout()));
    expect(err.kind).toBe("permanent");
    expect(zd.requests).toHaveLength(0);
  });

  it("refuses a customer without email and other targets' actions as permanent", async () => {
    const noEmail = await failure(
      connector().perform(failedPayment(), pastDueCustomer("in_1", { email: null }), timeout()),
    );
    expect(noEmail.kind).toBe("permanent");
    const other = await failure(
      connector().perform(syncTask("crm.upsert_contact", {}), pastDueCustomer(), timeout()),
    );
    expect(other.kind).toBe("permanent");
  });
});
