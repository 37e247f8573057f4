// POST /api/webhooks/hubspot — verify the v3 signature, record each event once, enqueue
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { acceptVerifiedEvents } from "@/lib/integrations/webhook/accept-verified-events";
import { WebhookRejected } from "@/lib/integrations/webhook/http-error";
import {
  hubspotSignedUri,
  parseHubspotEvents,
  verifyHubspotSignature,
} from "@/lib/integrations/hubspot/verify-request";
import { notConfiguredResponse } from "@/lib/integrations/webhook/not-configured";
import {
  correlationIdOf,
  readRawBody,
  rejectionResponse,
} from "@/lib/integrations/webhook/read-body";

export const dynamic = "force-dynamic";

export async function POST(req: Request): Promise<Response> {
  const correlationId = correlationIdOf(req);
  const secret = env.HUBSPOT_CLIENT_SECRET;
  if (!secret) return notConfiguredResponse("HubSpot", correlationId);
  try {
    const raw = await readRawBody(req);
    verifyHubspotSignature({
      method: req.method,
      uri: hubspotSignedUri(env.NEXTAUTH_URL, req.url),
      rawBody: raw,
      signature: req.headers.get("x-hubspot-signature-v3"),
      timestamp: req.headers.get("x-hubspot-request-timestamp"),
      secret,
    });
    const events = parseHubspotEvents(raw);
    return await acceptVerifiedEvents(
      events.map((event) => ({
        source: "hubspot",
        externalId: event.eventId,
        type: event.subscriptionType,
        occurredAt: new Date(event.occurredAt),
        payload: event,
        correlationId,
      })),
    );
  } catch (e) {
    if (e instanceof WebhookRejected) {
      log.warn({ correlationId, source: "hubspot", reason: e.message }, "webhook rejected");
      return rejectionResponse(e, correlationId, "hubspot");
    }
    throw e;
  }
}
