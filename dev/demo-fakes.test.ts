import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/env";
import { createConnectors } from "@/lib/integrations/connectors";
import { customerSnapshot, pastDueCustomer, syncTask, timeout } from "@/test/sync-fixtures";
import { startDemoFakes } from "./demo-fakes";

describe("startDemoFakes", () => {
  let fakes: Awaited<ReturnType<typeof startDemoFakes>>;
  const events: string[] = [];
  beforeAll(async () => {
    fakes = await startDemoFakes({
      ports: { hubspot: 0, zendesk: 0, app: 0 },
      onEvent: (line) => events.push(line),
    });
  });
  afterAll(() => fakes.stop());

  it("returns env values that configure the CRM, support and app connectors against the fakes", async () => {
    const env = loadEnv({
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/x",
      NEXTAUTH_URL: "http://localhost:3000",
      NEXTAUTH_SECRET: "x".repeat(32),
      SMTP_URL: "smtp://127.0.0.1:2525",
      STRIPE_WEBHOOK_SECRET: "whsec_test",
      OPS_API_TOKEN: "t".repeat(24),
      ...fakes.env,
    });
    const c = createConnectors(env);
    expect([c.crm, c.support, c.app].map((x) => x.notConfiguredReason())).toEqual([
      null,
      null,
      null,
    ]);

    await c.crm.perform(syncTask("crm.upsert_contact", {}), customerSnapshot(), timeout());
    await c.support.perform(
      syncTask("support.open_ticket", { cause: "payment_failed", causeId: "in_1" }),
      pastDueCustomer("in_1"),
      timeout(),
    );
    await c.app.perform(
      syncTask("app.access_changed", {
        from: null,
        to: "active",
        reasons: [],
        changedAt: "2026-11-20T10:00:00Z",
      }),
      customerSnapshot(),
      timeout(),
    );
    const state = await (await fetch(fakes.stateUrls.zendesk)).json();
    expect(state.tickets).toHaveLength(1);
    expect(fakes.hubspot.contacts()).toHaveLength(1);
    expect(fakes.app.messages()).toHaveLength(1);
    expect(events).toEqual([
      expect.stringMatching(/^HubSpot: contact \d+ created/),
      expect.stringMatching(/^Zendesk: ticket #1 created: Payment failed/),
      expect.stringMatching(/^App: webhook task_.* customer.access_changed verified$/),
    ]);
  });

  it("refuses to start twice on the same ports and leaves nothing running", async () => {
    const port = fakes.hubspot.port;
    await expect(startDemoFakes({ ports: { hubspot: 0, zendesk: 0, app: port } })).rejects.toThrow(
      /EADDRINUSE/,
    );
  });
});
