import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { deliver } from "@/dev/deliver";
import { eventOf, invoiceObject, subscriptionObject } from "@/fakes/stripe/objects";
import { GET as getOne } from "./[id]/route";
import { GET } from "./route";

beforeEach(resetDatabase);

const T = Math.floor(Date.now() / 1000) - 3600;
const auth = { authorization: "Bearer test-ops-token-0123456789abcdef" };

async function pastDueCustomer() {
  const sub = (status: string) =>
    subscriptionObject({ id: "sub_api", customer: "cus_api", status, periodEnd: T + 86400 * 30 });
  await deliver(eventOf("customer.subscription.created", sub("active"), T));
  const inv = invoiceObject({
    id: "in_api",
    customer: "cus_api",
    email: "Api@Example.com",
    status: "open",
    subscription: "sub_api",
    created: T + 5,
    nextAttempt: T + 86400,
  });
  await deliver(eventOf("invoice.payment_failed", inv, T + 5));
  await db.customer.updateMany({ data: { crmContactId: "hs_api", appUserId: "fb_api" } });
}

describe("GET /api/v1/customers", () => {
  it("keeps the existing fields and adds identity ids, subscriptions and reasons with next action", async () => {
    await pastDueCustomer();
    const res = await GET(
      new Request("http://x/api/v1/customers?email=api@example.com", { headers: auth }),
    );
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data).toHaveLength(1);
    const c = data[0];
    expect(c).toMatchObject({
      email: "api@example.com",
      name: null,
      stripeCustomerId: "cus_api",
      billingStatus: "active",
      accessStatus: "past_due",
      lastSyncedAt: null,
      crmContactId: "hs_api",
      supportUserId: null,
      appUserId: "fb_api",
      identityStatus: "none",
      lastInvoice: { status: "open", amountDue: 4900 },
      subscriptions: [
        { id: "sub_api", status: "active", priceId: "price_pro", cancelAtPeriodEnd: false },
      ],
    });
    expect(typeof c.id).toBe("string");
    expect(c.blockedReasons[0]).toMatchObject({
      code: "payment_failed",
      message: expect.any(String),
      since: expect.any(String),
    });
    // Customer-safe words: what happened, in plain dates, and the customer's next step; the
    // internal sentence (invoice id) and the staff next step stay in the dashboard.
    expect(c.blockedReasons[0].message).toMatch(/^Your payment \(49\.00 EUR\) was declined on /);
    expect(c.reasons[0].nextAction).toBe("Update your payment method.");
    expect(JSON.stringify(c.reasons)).not.toMatch(/in_api|payment link/);

    const one = await getOne(new Request(`http://x/api/v1/customers/${c.id}`, { headers: auth }), {
      params: Promise.resolve({ id: c.id }),
    });
    expect(await one.json()).toEqual(c);
  });

  it("still requires the bearer token", async () => {
    const res = await GET(new Request("http://x/api/v1/customers?email=api@example.com"));
    expect(res.status).toBe(401);
  });
});
