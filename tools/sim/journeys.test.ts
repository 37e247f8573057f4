import { beforeEach, describe, expect, it } from "vitest";
import { POST as appPost } from "@/app/api/webhooks/app/route";
import { POST as hubspotPost } from "@/app/api/webhooks/hubspot/route";
import { POST as stripePost } from "@/app/api/webhooks/stripe/route";
import { db } from "@/lib/db";
import { inProcessExecutor } from "@/lib/jobs/dispatch";
import { resetDatabase } from "@/test/db";
import { TEST_ENV } from "@/test/test-env";
import { journeyDeliveries, type JourneyKind } from "./journeys";
import { signDelivery } from "./sign-delivery";

const secrets = {
  stripe: TEST_ENV.STRIPE_WEBHOOK_SECRET,
  hubspot: TEST_ENV.HUBSPOT_CLIENT_SECRET,
  app: TEST_ENV.APP_INBOUND_WEBHOOK_SECRET,
};
const routes = { stripe: stripePost, hubspot: hubspotPost, app: appPost };

beforeEach(resetDatabase);
// Like the demo, without a Stripe key: a dispute names only its charge, which the paid
// journey's charge.succeeded made known.

// What a support agent should see at the end of each simulated journey.
const expected: Record<JourneyKind, { access: string; reason?: string }> = {
  lead: { access: "lead", reason: "no_paid_subscription" },
  trial: { access: "trial" },
  paid: { access: "active" },
  failed_then_recovered: { access: "active" },
  refund: { access: "blocked" },
  dispute: { access: "blocked" },
  cancellation: { access: "canceled" },
  identity_verified: { access: "active" },
};

describe("simulated journeys (npm run simulate), through the real webhook routes", () => {
  it.each(Object.keys(expected) as JourneyKind[])(
    "%s ends in the expected access state",
    async (kind) => {
      const n = `t${kind.length}`;
      for (const d of journeyDeliveries(kind, n)) {
        const { url, init } = signDelivery(
          "http://localhost:3999",
          TEST_ENV.NEXTAUTH_URL,
          d,
          secrets,
        );
        const res = await routes[d.source](new Request(url, init));
        expect(res.status, `${d.source} ${JSON.stringify(await res.clone().json())}`).toBe(200);
        await inProcessExecutor().idle();
      }
      const customers = await db.customer.findMany();
      expect(customers).toHaveLength(1);
      expect(customers[0].accessStatus).toBe(expected[kind].access);
      if (expected[kind].reason)
        expect(customers[0].accessReasons).toMatchObject([{ code: expected[kind].reason }]);
      expect(
        await db.ledgerEvent.count({ where: { status: { in: ["failed", "received"] } } }),
      ).toBe(0);
    },
  );
});
