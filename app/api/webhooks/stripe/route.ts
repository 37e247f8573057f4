// POST /api/webhooks/stripe — verify, record once, enqueue
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { acceptVerifiedEvent } from "@/lib/webhooks/accept-verified-event";
import { WebhookRejected } from "@/lib/webhooks/http-error";
import { correlationIdOf, readRawBody, rejectionResponse } from "@/lib/webhooks/read-body";
import { verifyStripeEvent } from "@/lib/webhooks/stripe/verify-stripe-event";

export const dynamic = "force-dynamic";

export async function POST(req: Request): Promise<Response> {
  const correlationId = correlationIdOf(req);
  try {
    const raw = await readRawBody(req);
    const event = verifyStripeEvent(
      raw,
      req.headers.get("stripe-signature"),
      env.STRIPE_WEBHOOK_SECRET,
    );
    return await acceptVerifiedEvent({
      source: "stripe",
      externalId: event.id,
      type: event.type,
      occurredAt: new Date(event.created * 1000),
      payload: event.raw,
      correlationId,
    });
  } catch (e) {
    if (e instanceof WebhookRejected) {
      log.warn({ correlationId, source: "stripe", reason: e.message }, "webhook rejected");
      return rejectionResponse(e, correlationId, "stripe");
    }
    throw e;
  }
}
