import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeStripeApi } from "./stripe-api";

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
});
