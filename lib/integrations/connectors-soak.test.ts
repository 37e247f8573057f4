import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppReceiver, type AppReceiver } from "@/fakes/app-receiver";
import { startFakeHubSpot, type FakeHubSpot } from "@/fakes/hubspot";
import { startFakeZendesk, type FakeZendesk } from "@/fakes/zendesk";
import { pastDueCustomer, syncTask } from "@/test/sync-fixtures";
import { createAppWebhookConnector } from "@/lib/integrations/app/connector";
import { createHubSpotConnector } from "@/lib/integrations/hubspot/connector";
import {
  ConnectorError,
  type Connector,
  type CustomerSnapshot,
  type SyncTaskInput,
} from "@/lib/integrations/connector/types";
import { createZendeskConnector } from "@/lib/integrations/zendesk/connector";

const CUSTOMERS = 150;
const SECRET = `whsec_${randomBytes(32).toString("base64")}`;
let crm: FakeHubSpot;
let zd: FakeZendesk;
let app: AppReceiver;

beforeAll(async () => {
  crm = await startFakeHubSpot({ accessToken: "tok" });
  zd = await startFakeZendesk({ email: "agent@acme.example", apiToken: "tok" });
  app = await startAppReceiver({ secret: SECRET });
  const random = { rate: 0.3, kinds: ["500", "429", "hang", "lost-response"] as const };
  crm.faults.random({ ...random, kinds: [...random.kinds], seed: 1 });
  zd.faults.random({ ...random, kinds: [...random.kinds], seed: 2 });
  app.faults.random({ ...random, kinds: [...random.kinds], seed: 3 });
});
afterAll(async () => {
  await Promise.all([crm.stop(), zd.stop(), app.stop()]);
});

/**
 * What the runner does, minus the database: retry retryable errors, never permanent ones.
 * The per-attempt timeout bounds the injected hangs; at 250 ms a busy CI machine timed out
 * every attempt of some tasks (150 customers run at once), so it allows one second.
 */
async function runUntilDone(c: Connector, task: SyncTaskInput, customer: CustomerSnapshot) {
  for (let attempt = 1; attempt <= 40; attempt++) {
    try {
      return await c.perform({ ...task, attempt }, customer, AbortSignal.timeout(1_000));
    } catch (err) {
      if (!(err instanceof ConnectorError) || err.kind === "permanent") throw err;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  throw new Error(`${task.action} did not succeed in 40 attempts`);
}

describe("connectors under 30% random failures, hangs and lost responses", () => {
  it("every customer ends with exactly one contact, one ticket and one app message", async () => {
    const hubspot = createHubSpotConnector({ accessToken: "tok", apiBase: crm.url });
    const zendesk = createZendeskConnector({
      apiBase: zd.url,
      email: "agent@acme.example",
      apiToken: "tok",
    });
    const appHook = createAppWebhookConnector({ url: app.webhookUrl, secret: SECRET });

    await Promise.all(
      Array.from({ length: CUSTOMERS }, async (_, i) => {
        const customer = pastDueCustomer(`in_${i}`, {
          id: `cus_soak_${i}`,
          email: `soak${i}@example.com`,
        });
        // Duplicate deliveries: each task also runs a second time after it succeeded.
        const tasks: [Connector, SyncTaskInput][] = [
          [hubspot, syncTask("crm.upsert_contact", {})],
          [
            zendesk,
            syncTask(
              "support.open_ticket",
              { cause: "payment_failed", causeId: `in_${i}`, amountDue: 4900, currency: "eur" },
              { idempotencyKey: `ticket:payment-failed:in_${i}` },
            ),
          ],
          [
            appHook,
            syncTask("app.access_changed", {
              from: "active",
              to: "past_due",
              reasons: customer.accessReasons,
              changedAt: "2026-11-20T10:00:00Z",
            }),
          ],
        ];
        for (const [c, task] of tasks) {
          await runUntilDone(c, task, customer);
          await runUntilDone(c, task, customer);
        }
      }),
    );

    expect(crm.contacts()).toHaveLength(CUSTOMERS);
    const externalIds = zd.tickets().map((t) => t.external_id);
    expect(externalIds).toHaveLength(CUSTOMERS);
    expect(new Set(externalIds).size).toBe(CUSTOMERS);
    expect(app.messages()).toHaveLength(CUSTOMERS);
    // The run really did go through failures of every kind.
    for (const fake of [crm, zd, app]) {
      expect(fake.faults.counts["lost-response"]).toBeGreaterThan(0);
      expect(fake.faults.counts.hang).toBeGreaterThan(0);
    }
  }, 60_000);
});
