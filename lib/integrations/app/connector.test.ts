import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAppReceiver, type AppReceiver } from "@/fakes/app-receiver";
import { pastDueCustomer, syncTask, timeout } from "@/test/sync-fixtures";
import { createAppWebhookConnector, type AccessChangedWebhook } from "./connector";
import { ConnectorError } from "@/lib/integrations/connector/types";

const SECRET = `whsec_${randomBytes(32).toString("base64")}`;
const OTHER_SECRET = `whsec_${randomBytes(32).toString("base64")}`;
let app: AppReceiver;

beforeAll(async () => {
  app = await startAppReceiver({ secret: SECRET });
});
afterAll(async () => {
  await app.stop();
});
beforeEach(() => {
  app.clear();
  app.faults.reset();
});

const connector = (secret = SECRET) => createAppWebhookConnector({ url: app.webhookUrl, secret });
const accessChanged = () =>
  syncTask("app.access_changed", {
    from: "active",
    to: "past_due",
    reasons: pastDueCustomer().accessReasons,
    changedAt: "2026-11-20T10:00:00.000Z",
  });

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  const err = await p.then(
    () => expect.unreachable("expected a ConnectorError"),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConnectorError);
  return err as ConnectorError;
}

describe("app webhook connector", () => {
  it("delivers a signed customer.access_changed that verifies with the secret", async () => {
    const customer = pastDueCustomer("in_42");
    const task = accessChanged();
    const result = await connector().perform(task, customer, timeout());

    const [r] = app.received();
    expect(r.verified).toBe(true);
    expect(r.id).toBe(task.id);
    expect(result.externalRef).toBe(task.id);
    const body = r.payload as AccessChangedWebhook;
    expect(body).toEqual({
      type: "customer.access_changed",
      timestamp: "2026-11-20T10:00:00.000Z",
      data: {
        customerId: customer.id,
        appUserId: customer.appUserId,
        email: customer.email,
        accessStatus: "past_due",
        billingStatus: "past_due",
        // Customer-safe words under the contract's field names; the internal sentence stays home.
        reasons: [
          {
            code: "payment_failed",
            message: task.payload.reasons[0].customerMessage,
            since: task.payload.reasons[0].since,
            nextAction: "Update your payment method.",
          },
        ],
        from: "active",
        to: "past_due",
      },
    });
    // Anyone holding the secret can verify the recorded request; another secret cannot.
    const headers = {
      "webhook-id": r.id!,
      "webhook-timestamp": r.timestamp!,
      "webhook-signature": r.signature!,
    };
    expect(() => new Webhook(SECRET).verify(r.body, headers)).not.toThrow();
    expect(() => new Webhook(OTHER_SECRET).verify(r.body, headers)).toThrow();
  });

  it("signed with another secret, the receiver refuses it and the error is permanent", async () => {
    const err = await failure(
      connector(OTHER_SECRET).perform(accessChanged(), pastDueCustomer(), timeout()),
    );
    expect(err.kind).toBe("permanent");
    expect(err.message).toContain("HTTP 401");
    expect(err.message).not.toContain(OTHER_SECRET);
    expect(app.received()[0].verified).toBe(false);
    expect(app.messages()).toHaveLength(0);
  });

  it("a retry after a lost response carries the same webhook-id, so the app sees one message", async () => {
    const task = accessChanged();
    app.faults.loseNextResponses(1);
    const err = await failure(connector().perform(task, pastDueCustomer(), timeout()));
    expect(err.kind).toBe("retryable");
    await connector().perform({ ...task, attempt: 2 }, pastDueCustomer(), timeout());
    expect(app.received()).toHaveLength(2);
    expect(app.messages()).toHaveLength(1);
  });

  it("429 is retryable with Retry-After; 500 and hangs are retryable", async () => {
    app.faults.rateLimitNext(1, 3);
    const limited = await failure(
      connector().perform(accessChanged(), pastDueCustomer(), timeout()),
    );
    expect(limited).toMatchObject({ kind: "retryable", retryAfterMs: 3000 });

    app.faults.failNext(1);
    const down = await failure(connector().perform(accessChanged(), pastDueCustomer(), timeout()));
    expect(down.kind).toBe("retryable");

    app.faults.hangNext(1);
    const hung = await failure(
      connector().perform(accessChanged(), pastDueCustomer(), AbortSignal.timeout(200)),
    );
    expect(hung.kind).toBe("retryable");
    expect(hung.message).toMatch(/timed out/);
  });

  it("a 404 endpoint is permanent", async () => {
    const c = createAppWebhookConnector({ url: `${app.url}/wrong-path`, secret: SECRET });
    const err = await failure(c.perform(accessChanged(), pastDueCustomer(), timeout()));
    expect(err.kind).toBe("permanent");
    expect(err.message).toContain("HTTP 404");
  });

  it("is not configured without URL or secret, and never shows the secret", async () => {
    expect(createAppWebhookConnector({ secret: SECRET }).notConfiguredReason()).toBe(
      "APP_WEBHOOK_URL is not set",
    );
    const noSecret = createAppWebhookConnector({ url: app.webhookUrl });
    expect(noSecret.notConfiguredReason()).toBe("APP_WEBHOOK_SECRET is not set");
    expect(connector().notConfiguredReason()).toBeNull();
    const err = await failure(noSecret.perform(accessChanged(), pastDueCustomer(), timeout()));
    expect(err.kind).toBe("permanent");
    expect(app.requests).toHaveLength(0);
  });

  it("an invalid secret and other targets' actions are permanent", async () => {
    const bad = createAppWebhookConnector({
      url: app.webhookUrl,
      secret: "whsec_%%%not-base64%%%",
    });
    const err = await failure(bad.perform(accessChanged(), pastDueCustomer(), timeout()));
    expect(err.kind).toBe("permanent");
    expect(err.message).not.toContain("%%%not-base64%%%");
    const other = await failure(
      connector().perform(syncTask("email.welcome", {}), pastDueCustomer(), timeout()),
    );
    expect(other.kind).toBe("permanent");
  });
});
