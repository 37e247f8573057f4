import { signStripePayload } from "@/fakes/stripe/events";

export const TEST_STRIPE_SECRET = "whsec_test_launch_ready_vitest";

/** A POST to the Stripe webhook route as Stripe would send it (or tampered, via opts). */
export function stripeWebhookRequest(
  payload: unknown,
  opts: { secret?: string; signature?: string | null; timestamp?: number; url?: string } = {},
): Request {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const signature =
    opts.signature === undefined
      ? signStripePayload(body, opts.secret ?? TEST_STRIPE_SECRET, opts.timestamp)
      : opts.signature;
  if (signature !== null) headers["stripe-signature"] = signature;
  return new Request(opts.url ?? "http://localhost:3999/api/webhooks/stripe", {
    method: "POST",
    headers,
    body,
  });
}
