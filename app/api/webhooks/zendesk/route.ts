// POST /api/webhooks/zendesk — verify, record once, enqueue
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { acceptVerifiedEvent } from "@/lib/integrations/webhook/accept-verified-event";
import { WebhookRejected } from "@/lib/integrations/webhook/http-error";
import { notConfiguredResponse } from "@/lib/integrations/webhook/not-configured";
import {
  correlationIdOf,
  readRawBody,
  rejectionResponse,
} from "@/lib/integrations/webhook/read-body";
import {
  parseZendeskRequest,
  verifyZendeskSignature,
} from "@/lib/integrations/zendesk/verify-request";

export const dynamic = "force-dynamic";

export async function POST(req: Request): Promise<Response> {
  const correlationId = correlationIdOf(req);
  const secret = env.ZENDESK_WEBHOOK_SECRET;
  if (!secret) return notConfiguredResponse("Zendesk", correlationId);
  try {
    const raw = await readRawBody(req);
    const signedAt = verifyZendeskSignature({
      rawBody: raw,
      signature: req.headers.get("x-zendesk-webhook-signature"),
      timestamp: req.headers.get("x-zendesk-webhook-signature-timestamp"),
      secret,
    });
    const event = parseZendeskRequest(raw, signedAt);
    return await acceptVerifiedEvent({
      source: "zendesk",
      externalId: event.externalId,
      type: event.type,
      occurredAt: event.occurredAt,
      payload: event.payload,
      correlationId,
    });
  } catch (e) {
    if (e instanceof WebhookRejected) {
      log.warn({ correlationId, source: "zendesk", reason: e.message }, "webhook rejected");
      return rejectionResponse(e, correlationId, "zendesk");
    }
    throw e;
  }
}
