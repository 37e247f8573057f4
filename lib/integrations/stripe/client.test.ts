import Stripe from "stripe";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { readStripeObject } from "./fetch-object";
import { CallBudget, callStripe, isMissing, stripeCallsPerSecond, stripeClient } from "./client";

function setEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
}

afterEach(() => setEnv({ STRIPE_SECRET_KEY: undefined, STRIPE_API_BASE: undefined }));

describe("stripeClient", () => {
  it("is null without STRIPE_SECRET_KEY, and then nothing can be read", async () => {
    expect(stripeClient()).toBeNull();
    await expect(readStripeObject("subscription", "sub_1")).rejects.toThrow(/not configured/);
  });

  it("budgets 20 calls a second in test mode and 80 live unless configured", () => {
    setEnv({ STRIPE_SECRET_KEY: "sk_test_1" });
    expect(stripeCallsPerSecond()).toBe(20);
    setEnv({ STRIPE_SECRET_KEY: "sk_live_1" });
    expect(stripeCallsPerSecond()).toBe(80);
    setEnv({ STRIPE_API_MAX_RPS: "5" });
    expect(stripeCallsPerSecond()).toBe(5);
    setEnv({ STRIPE_API_MAX_RPS: undefined });
  });

  it("points the SDK at STRIPE_API_BASE and reuses one client per configuration", () => {
    setEnv({ STRIPE_SECRET_KEY: "sk_test_1", STRIPE_API_BASE: "https://stripe.internal" });
    const a = stripeClient();
    expect(a).toBeInstanceOf(Stripe);
    expect(stripeClient()).toBe(a);
    setEnv({ STRIPE_API_BASE: "http://127.0.0.1" });
    expect(stripeClient()).not.toBe(a);
    setEnv({ STRIPE_API_BASE: undefined });
    expect(stripeClient()).toBeInstanceOf(Stripe);
  });
});

describe("CallBudget", () => {
  it("lets a burst of one second's budget through, then spaces the rest", async () => {
    const budget = new CallBudget(() => 10);
    const started = Date.now();
    for (let i = 0; i < 13; i++) await budget.take();
    // 10 at once, then 3 more at 10 a second: about 300 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});

describe("callStripe", () => {
  const rateLimited = (headers?: Record<string, string>) =>
    new Stripe.errors.StripeRateLimitError({ message: "slow down", headers });

  it("waits out rate limits and gives up after the last attempt", async () => {
    let calls = 0;
    const ok = await callStripe(async () => {
      if (calls++ === 0) throw rateLimited({ "retry-after": "0" });
      return "ok";
    });
    expect(ok).toBe("ok");
    await expect(
      callStripe(() => Promise.reject(rateLimited({ "retry-after": "x" })), 1),
    ).rejects.toThrow("slow down");
  });

  it("does not retry other errors", async () => {
    let calls = 0;
    const boom = new Error("boom");
    await expect(callStripe(() => (calls++, Promise.reject(boom)))).rejects.toBe(boom);
    expect(calls).toBe(1);
  });

  it("recognises Stripe's 404 as a missing object", () => {
    expect(
      isMissing(
        new Stripe.errors.StripeInvalidRequestError({ message: "No such", statusCode: 404 }),
      ),
    ).toBe(true);
    expect(
      isMissing(new Stripe.errors.StripeInvalidRequestError({ message: "bad", statusCode: 400 })),
    ).toBe(false);
    expect(isMissing(new Error("x"))).toBe(false);
  });
});
