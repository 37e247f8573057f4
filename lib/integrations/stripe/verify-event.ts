import Stripe from "stripe";
import { z } from "zod";
import { WebhookRejected } from "@/lib/integrations/webhook/http-error";
import type { VerifyWebhook } from "@/lib/integrations/webhook/verifier";

export const STRIPE_SIGNATURE_TOLERANCE_SECONDS = 300;

const ZStripeEvent = z.object({
  id: z.string().regex(/^evt_[A-Za-z0-9_]+$/, "id must look like evt_…"),
  object: z.literal("event"),
  type: z.string().min(1).max(200),
  created: z.number().int().positive(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

export type VerifiedStripeEvent = z.infer<typeof ZStripeEvent> & { raw: Stripe.Event };

/**
 * Verifies `Stripe-Signature` over the exact raw body (300 s tolerance) and checks that
 * the body is a Stripe event. Throws WebhookRejected (400) otherwise; has no side effects.
 */
export function verifyStripeEvent(
  rawBody: string,
  signature: string | null,
  secret: string,
): VerifiedStripeEvent {
  if (!signature) throw new WebhookRejected("Missing Stripe-Signature header");
  // The SDK only refuses old timestamps; a signature dated in the future is refused too.
  const t = Number(/(?:^|,)t=(\d+)/.exec(signature)?.[1]);
  if (t && t > Date.now() / 1000 + STRIPE_SIGNATURE_TOLERANCE_SECONDS) {
    throw new WebhookRejected("Stripe signature verification failed: timestamp is in the future");
  }
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(
      rawBody,
      signature,
      secret,
      STRIPE_SIGNATURE_TOLERANCE_SECONDS,
    );
  } catch (e) {
    const reason = e instanceof Error ? e.message.split("\n")[0] : "invalid signature";
    throw new WebhookRejected(`Stripe signature verification failed: ${reason}`);
  }
  const parsed = ZStripeEvent.safeParse(event);
  if (!parsed.success) {
    throw new WebhookRejected(
      `Body is not a Stripe event: ${parsed.error.issues[0]?.message ?? "invalid"}`,
    );
  }
  return { ...parsed.data, raw: event };
}

/**
 * POST /api/webhooks/stripe: one event per delivery, dated by Stripe's `created`. One secret
 * only: when a secret is rolled in the Stripe dashboard with an expiry, Stripe signs each
 * delivery with the old and the new secret (two `v1=` signatures), and the SDK accepts any
 * matching one, so configuring the new secret at once is enough.
 */
export const verifyStripeDelivery: VerifyWebhook = (rawBody, req, { secret }) => {
  const event = verifyStripeEvent(rawBody, req.headers.get("stripe-signature"), secret);
  return [
    {
      externalId: event.id,
      type: event.type,
      occurredAt: new Date(event.created * 1000),
      payload: event.raw,
    },
  ];
};
