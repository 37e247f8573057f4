import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeStripeApi } from "./api";

let api: FakeStripeApi;
let stripe: Stripe;

beforeAll(async () => {
  api = await FakeStripeApi.start();
  const url = new URL(api.url);
  stripe = new Stripe("sk_test_contract", {
    host: url.hostname,
    port: Number(url.port),
    protocol: "http",
    maxNetworkRetries: 0,
    timeout: 300,
  });
});
afterAll(() => api.stop());

describe("the fake Stripe API speaks Stripe's contract to the real SDK", () => {
  it("creates with form-encoded POSTs, retrieves, and paginates lists with starting_after", async () => {
    const created = await stripe.customers.create({ email: "f@example.com", name: "F" });
    expect(created).toMatchObject({ object: "customer", email: "f@example.com" });
    expect(api.requests.at(-1)?.body.get("email")).toBe("f@example.com");
    await stripe.customers.update(created.id, { name: "G" });
    expect(await stripe.customers.retrieve(created.id)).toMatchObject({ name: "G" });
    for (let i = 0; i < 3; i++) api.put("customers", { id: `cus_c${i}`, created: 100 + i });
    const ids: string[] = [];
    for await (const c of stripe.customers.list({ limit: 2 })) ids.push(c.id);
    expect(ids).toEqual([created.id, "cus_c2", "cus_c1", "cus_c0"]);
  });

  it("answers with Stripe's error JSON: 404 resource_missing, 401 without a key", async () => {
    const missing = await stripe.subscriptions.retrieve("sub_none").catch((e) => e);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({ statusCode: 404, code: "resource_missing", param: "id" });
    const res = await fetch(`${api.url}/v1/customers`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { type: "invalid_request_error" } });
    const unknown = await fetch(`${api.url}/v1/products`, {
      headers: { authorization: "Bearer sk_x" },
    });
    expect(unknown.status).toBe(404);
  });

  it("filters subscriptions like Stripe: canceled only with status=all", async () => {
    api.put("subscriptions", { id: "sub_a", customer: "cus_s", status: "active", created: 1 });
    api.put("subscriptions", { id: "sub_c", customer: "cus_s", status: "canceled", created: 2 });
    const open = await stripe.subscriptions.list({ customer: "cus_s" });
    expect(open.data.map((s) => s.id)).toEqual(["sub_a"]);
    const all = await stripe.subscriptions.list({ customer: "cus_s", status: "all" });
    expect(all.data.map((s) => s.id)).toEqual(["sub_c", "sub_a"]);
  });

  it("injects 500s, 429s with Retry-After, latency and hangs", async () => {
    api.inject(
      { status: 500 },
      { status: 429, retryAfterSeconds: 7 },
      { latencyMs: 30 },
      { hang: true },
    );
    await expect(stripe.customers.list()).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
    const limited = await stripe.customers.list().catch((e) => e);
    expect(limited).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(limited.headers["retry-after"]).toBe("7");
    await expect(stripe.customers.list()).resolves.toMatchObject({ object: "list" });
    await expect(stripe.customers.list()).rejects.toBeInstanceOf(
      Stripe.errors.StripeConnectionError,
    );
  });

  it("refunds honour Idempotency-Key: a retry replays the first answer, other parameters are refused", async () => {
    api.put("charges", { id: "ch_idem", amount: 1000, amount_refunded: 0, currency: "usd" });
    const first = await stripe.refunds.create(
      { charge: "ch_idem", amount: 400 },
      { idempotencyKey: "k1" },
    );
    const again = await stripe.refunds.create(
      { charge: "ch_idem", amount: 400 },
      { idempotencyKey: "k1" },
    );
    expect(again.id).toBe(first.id);
    expect(api.state.charges.get("ch_idem")).toMatchObject({ amount_refunded: 400 });
    const other = await stripe.refunds
      .create({ charge: "ch_idem", amount: 500 }, { idempotencyKey: "k1" })
      .catch((e) => e);
    expect(other).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    const tooMuch = await stripe.refunds.create({ charge: "ch_idem", amount: 700 }).catch((e) => e);
    expect(tooMuch).toMatchObject({ statusCode: 400, code: "amount_too_large" });
    expect(api.requests.at(-1)?.idempotencyKey).not.toBe("k1");
  });

  it("changes a subscription item's price, and is driven and inspected over HTTP", async () => {
    await fetch(`${api.url}/__fake/objects/subscriptions`, {
      method: "POST",
      body: JSON.stringify({
        id: "sub_p",
        items: { data: [{ id: "si_p", price: { id: "price_a" } }] },
      }),
    });
    const updated = await stripe.subscriptions.update("sub_p", {
      items: [{ id: "si_p", price: "price_b" }],
    });
    expect(updated.items.data[0]).toMatchObject({ id: "si_p", price: { id: "price_b" } });
    const bad = await stripe.subscriptions
      .update("sub_p", { items: [{ id: "si_p", price: "nope" }] })
      .catch((e) => e);
    expect(bad).toMatchObject({ statusCode: 400 });
    const state = await (await fetch(`${api.url}/__fake/state`)).json();
    const sub = state.subscriptions.find((x: { id: string }) => x.id === "sub_p");
    expect(sub.items.data[0].price.id).toBe("price_b");
    expect(state.requests.at(-1)).toMatchObject({
      method: "POST",
      path: "/v1/subscriptions/sub_p",
    });
  });

  it("retrieves disputes, checkout sessions, identity sessions and payment intents; 404 resource_missing when absent", async () => {
    api.put("disputes", { id: "dp_1", charge: "ch_1", status: "needs_response" });
    api.put("checkout_sessions", {
      id: "cs_1",
      mode: "setup",
      payment_status: "no_payment_required",
    });
    api.put("verification_sessions", { id: "vs_1", status: "verified" });
    api.put("payment_intents", { id: "pi_1", status: "succeeded", amount: 4900 });
    expect(await stripe.disputes.retrieve("dp_1")).toMatchObject({
      object: "dispute",
      status: "needs_response",
    });
    expect(
      await stripe.checkout.sessions.retrieve("cs_1", { expand: ["line_items"] }),
    ).toMatchObject({ object: "checkout.session", mode: "setup" });
    expect(await stripe.identity.verificationSessions.retrieve("vs_1")).toMatchObject({
      object: "identity.verification_session",
      status: "verified",
    });
    expect(
      await stripe.paymentIntents.retrieve("pi_1", { expand: ["latest_charge", "nonsense"] }),
    ).toMatchObject({ object: "payment_intent", amount: 4900 });
    for (const get of [
      () => stripe.disputes.retrieve("dp_none"),
      () => stripe.checkout.sessions.retrieve("cs_none"),
      () => stripe.identity.verificationSessions.retrieve("vs_none"),
      () => stripe.paymentIntents.retrieve("pi_none"),
    ]) {
      expect(await get().catch((e) => e)).toMatchObject({
        statusCode: 404,
        code: "resource_missing",
        param: "id",
      });
    }
    expect(api.readsByObject.get("disputes/dp_1")).toBe(1);
    expect(api.readsByObject.get("checkout_sessions/cs_1")).toBe(1);
  });

  it("keeps an invoice's payments out unless expanded, whatever else is expanded", async () => {
    api.put("invoices", { id: "in_x", status: "paid", payments: { data: [{ id: "inpay_1" }] } });
    const plain = await stripe.invoices.retrieve("in_x", { expand: ["subscription"] });
    expect(plain).not.toHaveProperty("payments");
    const expanded = await stripe.invoices.retrieve("in_x", { expand: ["payments"] });
    expect(expanded.payments?.data[0]).toMatchObject({ id: "inpay_1" });
  });

  it("rate limits like Stripe: a token bucket per second, 429 rate_limit, counted", async () => {
    api.put("customers", { id: "cus_rl" });
    let ms = 0;
    api.rateLimit({ perSecond: 25, clock: () => ms });
    const before = { ...api.stats };
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        fetch(`${api.url}/v1/customers/cus_rl`, { headers: { authorization: "Bearer sk_x" } }),
      ),
    );
    const limited = answers.filter((r) => r.status === 429);
    expect(answers.filter((r) => r.status === 200)).toHaveLength(25);
    expect(limited).toHaveLength(15);
    expect(await limited[0].json()).toMatchObject({
      error: { type: "invalid_request_error", code: "rate_limit" },
    });
    expect(api.stats.rateLimited - before.rateLimited).toBe(15);
    expect(api.stats.reads - before.reads).toBe(25);
    const viaSdk = await stripe.customers.retrieve("cus_rl").catch((e) => e);
    expect(viaSdk).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    ms += 200; // a fifth of a second refills five tokens
    const refilled = await Promise.all(
      Array.from({ length: 6 }, () => stripe.customers.retrieve("cus_rl").catch((e) => e)),
    );
    expect(refilled.filter((r) => r instanceof Stripe.errors.StripeRateLimitError)).toHaveLength(1);
    api.rateLimit(null);
  });
});
