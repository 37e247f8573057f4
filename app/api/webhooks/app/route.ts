// POST /api/webhooks/app — verify (Standard Webhooks), parse the contract, record once, enqueue
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { acceptVerifiedEvent } from "@/lib/integrations/webhook/accept-verified-event";
import { parseAppEvent, verifyAppSignature } from "@/lib/integrations/app/verify-request";
import { WebhookRejected } from "@/lib/integrations/webhook/http-error";
import { notConfiguredResponse } from "@/lib/integrations/webhook/not-configured";
import {
  correlationIdOf,
  readRawBody,
  rejectionResponse,
} from "@/lib/integrations/webhook/read-body";

export const dynamic = "force-dynamic";

export async function POST(req: Request): Promise<Response> {
  const correlationId = correlationIdOf(req);
  const secret = env.APP_INBOUND_WEBHOOK_SECRET;
  if (!secret) return notConfiguredResponse("App", correlationId);
  try {
    const raw = await readRawBody(req);
    const webhookId = verifyAppSignature({ rawBody: raw, headers: req.headers, secret });
    const event = parseAppEvent(raw);
    return await acceptVerifiedEvent({
      source: "app",
      externalId: webhookId,
      type: event.type,
      occurredAt: new Date(event.timestamp),
      payload: event,
      correlationId,
    });
  } catch (e) {
    if (e instanceof WebhookRejected) {
      log.warn({ correlationId, source: "app", reason: e.message }, "webhook rejected");
      return rejectionResponse(e, correlationId, "app");
    }
    throw e;
  }
}
