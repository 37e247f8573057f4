import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as appPost } from "@/app/api/webhooks/app/route";
import { POST as hubspotPost } from "@/app/api/webhooks/hubspot/route";
import { POST as stripePost } from "@/app/api/webhooks/stripe/route";
import { POST as zendeskPost } from "@/app/api/webhooks/zendesk/route";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { inProcessExecutor } from "@/lib/jobs/dispatch";
import { invoicePaid, signStripePayload } from "@/fakes/stripe/events";
import { resetDatabase } from "@/test/db";
import {
  appEvent,
  appWebhookRequest,
  hubspotContactEvent,
  hubspotWebhookRequest,
  zendeskTicketEvent,
  zendeskWebhookRequest,
} from "@/test/inbound-requests";
import { TEST_ENV } from "@/test/test-env";
import { stripeWebhookRequest, TEST_STRIPE_SECRET } from "@/test/webhook-requests";

beforeAll(resetDatabase);
afterEach(async () => {
  await inProcessExecutor().idle();
  vi.unstubAllEnvs();
  resetEnvCache();
});

let n = 0;
const OLD_APP_SECRET = `whsec_${Buffer.alloc(32, 9).toString("base64")}`;

/** Each source: its current secret's name, an old secret, and a delivery signed with a given secret. */
const sources = [
  {
    name: "hubspot",
    variable: "HUBSPOT_CLIENT_SECRET",
    old: "old-hubspot-client-secret",
    post: hubspotPost,
    signed: (secret: string) =>
      hubspotWebhookRequest([hubspotContactEvent("contact.deletion", 7100 + ++n)], { secret }),
  },
  {
    name: "zendesk",
    variable: "ZENDESK_WEBHOOK_SECRET",
    old: "old-zendesk-signing-secret",
    post: zendeskPost,
    signed: (secret: string) =>
      zendeskWebhookRequest(
        zendeskTicketEvent("created", { id: String(7200 + ++n), requesterId: "5" }),
        { secret },
      ),
  },
  {
    name: "app",
    variable: "APP_INBOUND_WEBHOOK_SECRET",
    old: OLD_APP_SECRET,
    post: appPost,
    signed: (secret: string) =>
      appWebhookRequest(appEvent("lead.created", { userId: `rot_${++n}` }), {
        secret,
        id: `msg_rotation_${n}`,
      }),
  },
] as const;

describe.each(sources)("webhook secret rotation: $name", (s) => {
  it("accepts a delivery signed with the previous secret while <NAME>_PREVIOUS is configured, and refuses it once removed", async () => {
    // Before the rotation: the old secret alone is not accepted in place of the current one.
    expect((await s.post(s.signed(s.old))).status).toBe(400);

    vi.stubEnv(`${s.variable}_PREVIOUS`, s.old);
    resetEnvCache();
    expect((await s.post(s.signed(s.old))).status).toBe(200);
    // The current secret still works during the window.
    expect((await s.post(s.signed(TEST_ENV[s.variable]))).status).toBe(200);
    // A secret that is neither is refused.
    const stranger =
      s.name === "app" ? `whsec_${Buffer.alloc(32, 3).toString("base64")}` : "x".repeat(20);
    expect((await s.post(s.signed(stranger))).status).toBe(400);

    vi.stubEnv(`${s.variable}_PREVIOUS`, "");
    resetEnvCache();
    const refused = await s.post(s.signed(s.old));
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatch(/signature/i);
    expect(await db.ledgerEvent.count({ where: { source: s.name } })).toBe(2);
  });
});

describe("Stripe secret rolling (no _PREVIOUS variable needed)", () => {
  it("while Stripe signs with the old and the new secret (two v1 signatures), the new secret alone verifies", async () => {
    const event = invoicePaid({ customer: "cus_roll", email: "roll@example.com" });
    const body = JSON.stringify(event);
    const t = Math.floor(Date.now() / 1000);
    const v1 = (secret: string) => /v1=([0-9a-f]+)/.exec(signStripePayload(body, secret, t))![1];
    const header = `t=${t},v1=${v1("whsec_the_old_one_rolled_away")},v1=${v1(TEST_STRIPE_SECRET)}`;
    expect((await stripePost(stripeWebhookRequest(body, { signature: header }))).status).toBe(200);
    // Signed with the old secret only: refused, the old secret is not configured.
    const oldOnly = `t=${t},v1=${v1("whsec_the_old_one_rolled_away")}`;
    expect((await stripePost(stripeWebhookRequest(body, { signature: oldOnly }))).status).toBe(400);
  });
});
