// POST /api/webhooks/stripe — verify, record once, enqueue
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { acceptVerifiedEvent } from "@/lib/integrations/webhook/accept-verified-event";
import { WebhookRejected } from "@/lib/integrations/webhook/http-error";
import {
  correlationIdOf,
  readRawBody,
  rejectionResponse,
} from "@/lib/integrations/webhook/read-body";
import { verifyStripeEvent } from "@/lib/integrations/stripe/verify-event";

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
