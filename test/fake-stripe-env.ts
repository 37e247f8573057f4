import { afterAll, afterEach, beforeAll } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { FakeStripeApi } from "@/fakes/stripe/api";

/** Starts a fake Stripe API for this test file and points STRIPE_SECRET_KEY/STRIPE_API_BASE at it. */
export function withFakeStripe(opts: { timeoutMs?: number } = {}): { api: () => FakeStripeApi } {
  let api: FakeStripeApi | undefined;
  beforeAll(async () => {
    api = await FakeStripeApi.start();
    process.env.STRIPE_SECRET_KEY = "sk_test_fake";
    process.env.STRIPE_API_BASE = api.url;
    process.env.STRIPE_API_TIMEOUT_MS = String(opts.timeoutMs ?? 2000);
    resetEnvCache();
  });
  afterEach(() => api?.reset());
  afterAll(async () => {
    delete process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_API_BASE;
    delete process.env.STRIPE_API_TIMEOUT_MS;
    resetEnvCache();
    await api?.stop();
  });
  return { api: () => api! };
}
