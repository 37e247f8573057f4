import { z } from "zod";
import { hmacSha256Base64, safeEqual } from "@/lib/integrations/webhook/hmac";
import { WebhookRejected } from "@/lib/integrations/webhook/http-error";
import { firstIssue, parseJsonBody } from "@/lib/integrations/webhook/read-body";
import { verifyWithAnySecret, type VerifyWebhook } from "@/lib/integrations/webhook/verifier";

/** HubSpot: reject requests whose X-HubSpot-Request-Timestamp is older than 5 minutes. */
export const HUBSPOT_MAX_AGE_MS = 5 * 60 * 1000;
/** Clock skew we accept in the other direction; anything further ahead is a forged timestamp. */
export const HUBSPOT_MAX_FUTURE_MS = 5 * 60 * 1000;

/** The URL-encoded characters HubSpot's v3 rules decode in the URI before signing. */
const DECODED_IN_URI: Record<string, string> = {
  "%3A": ":",
  "%2F": "/",
  "%3F": "?",
  "%40": "@",
  "%21": "!",
  "%24": "$",
  "%27": "'",
  "%28": "(",
  "%29": ")",
  "%2A": "*",
  "%2C": ",",
  "%3B": ";",
};

/**
 * The URI HubSpot signed: the public base URL (NEXTAUTH_URL's origin) plus the path and
 * query of this request, with HubSpot's listed characters URL-decoded. `request.url`'s
 * own origin is never used: behind `next start` or a proxy it says localhost.
 */
export function hubspotSignedUri(publicBaseUrl: string, requestUrl: string): string {
  const origin = new URL(publicBaseUrl).origin;
  const { pathname, search } = new URL(requestUrl);
  return `${origin}${pathname}${search}`.replace(
    /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi,
    (m) => DECODED_IN_URI[m.toUpperCase()],
  );
}

/** X-HubSpot-Signature-v3 for a request: base64(HMAC-SHA256(secret, method + uri + body + timestamp)). */
export function signHubspotRequest(
  secret: string,
  method: string,
  uri: string,
  rawBody: string,
  timestamp: string,
): string {
  return hmacSha256Base64(secret, `${method.toUpperCase()}${uri}${rawBody}${timestamp}`);
}

export type HubspotRequestParts = {
  method: string;
  /** The signed URI, from hubspotSignedUri. */
  uri: string;
  rawBody: string;
  signature: string | null;
  timestamp: string | null;
  secret: string;
  now?: number;
};

/** Checks the v3 signature and its timestamp. Throws WebhookRejected (400); no side effects. */
export function verifyHubspotSignature(parts: HubspotRequestParts): void {
  if (!parts.signature) throw new WebhookRejected("Missing X-HubSpot-Signature-v3 header");
  if (!parts.timestamp || !/^\d{10,16}$/.test(parts.timestamp)) {
    throw new WebhookRejected("Missing or malformed X-HubSpot-Request-Timestamp header");
  }
  const age = (parts.now ?? Date.now()) - Number(parts.timestamp);
  if (age > HUBSPOT_MAX_AGE_MS) {
    throw new WebhookRejected("HubSpot signature verification failed: timestamp is too old");
  }
  if (-age > HUBSPOT_MAX_FUTURE_MS) {
    throw new WebhookRejected("HubSpot signature verification failed: timestamp is in the future");
  }
  const expected = signHubspotRequest(
    parts.secret,
    parts.method,
    parts.uri,
    parts.rawBody,
    parts.timestamp,
  );
  if (!safeEqual(parts.signature, expected)) {
    throw new WebhookRejected("HubSpot signature verification failed: signature does not match");
  }
}

const numericId = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,30}$/)])
  .transform((v) => String(v));

/** One element of HubSpot's webhook batch (the fields we read; others are kept). */
export const ZHubspotEvent = z.looseObject({
  eventId: numericId,
  subscriptionId: numericId.optional(),
  subscriptionType: z.string().min(1).max(200),
  objectId: numericId,
  occurredAt: z.number().int().positive(),
  portalId: z.number().int().optional(),
  attemptNumber: z.number().int().optional(),
  propertyName: z.string().max(200).optional(),
  // No length cap: a long property (notes) must not get a verified batch refused; 1 MB bounds it.
  propertyValue: z.string().nullable().optional(),
  changeSource: z.string().optional(),
});
export type HubspotEvent = z.infer<typeof ZHubspotEvent>;

/**
 * The ledger's id for a HubSpot event. HubSpot documents `eventId` as not guaranteed unique,
 * so it is only one part: portal, subscription, object, property, occurredAt and event id
 * together name one change. `attemptNumber` is left out, so HubSpot's retries of a delivery
 * stay duplicates.
 */
export function hubspotEventKey(e: {
  portalId?: number | string;
  subscriptionId?: number | string;
  objectId: number | string;
  propertyName?: string;
  occurredAt: number;
  eventId: number | string;
}): string {
  return [
    e.portalId ?? "",
    e.subscriptionId ?? "",
    e.objectId,
    e.propertyName ?? "",
    e.occurredAt,
    e.eventId,
  ].join(":");
}

/** HubSpot sends up to 100 events per request; no cap here (the 1 MB limit bounds it), so a verified batch is never refused for its size. */
const ZHubspotBatch = z.array(ZHubspotEvent).min(1);

/** Parses a verified body as HubSpot's event array. Throws WebhookRejected (400). */
export function parseHubspotEvents(rawBody: string): HubspotEvent[] {
  const parsed = ZHubspotBatch.safeParse(parseJsonBody(rawBody));
  if (!parsed.success) {
    throw new WebhookRejected(
      `Body is not a HubSpot event array: ${firstIssue(parsed.error.issues)}`,
    );
  }
  return parsed.data;
}

/** POST /api/webhooks/hubspot: a batch of events, each its own ledger row. */
export const verifyHubspotDelivery: VerifyWebhook = (rawBody, req, { secrets, env }) => {
  verifyWithAnySecret(secrets, (secret) =>
    verifyHubspotSignature({
      method: req.method,
      uri: hubspotSignedUri(env.NEXTAUTH_URL, req.url),
      rawBody,
      signature: req.headers.get("x-hubspot-signature-v3"),
      timestamp: req.headers.get("x-hubspot-request-timestamp"),
      secret,
    }),
  );
  return parseHubspotEvents(rawBody).map((event) => ({
    externalId: hubspotEventKey(event),
    type: event.subscriptionType,
    occurredAt: new Date(event.occurredAt),
    payload: event,
  }));
};
