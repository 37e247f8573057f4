import { createHash } from "node:crypto";
import { z } from "zod";
import { hmacSha256Base64, safeEqual } from "@/lib/integrations/webhook/hmac";
import { WebhookRejected } from "@/lib/integrations/webhook/http-error";
import { firstIssue, parseJsonBody } from "@/lib/integrations/webhook/read-body";
import { verifyWithAnySecret, type VerifyWebhook } from "@/lib/integrations/webhook/verifier";

export const ZENDESK_MAX_AGE_MS = 5 * 60 * 1000;
export const ZENDESK_MAX_FUTURE_MS = 5 * 60 * 1000;

/** X-Zendesk-Webhook-Signature: base64(HMAC-SHA256(secret, timestamp + body)). */
export function signZendeskRequest(secret: string, timestamp: string, rawBody: string): string {
  return hmacSha256Base64(secret, `${timestamp}${rawBody}`);
}

export type ZendeskRequestParts = {
  rawBody: string;
  signature: string | null;
  /** X-Zendesk-Webhook-Signature-Timestamp, ISO 8601 (e.g. 2026-11-27T05:00:00Z). */
  timestamp: string | null;
  secret: string;
  now?: number;
};

/** Checks the signature and its timestamp. Throws WebhookRejected (400); no side effects. */
export function verifyZendeskSignature(parts: ZendeskRequestParts): Date {
  if (!parts.signature) throw new WebhookRejected("Missing X-Zendesk-Webhook-Signature header");
  const at = parts.timestamp ? Date.parse(parts.timestamp) : NaN;
  if (!parts.timestamp || Number.isNaN(at)) {
    throw new WebhookRejected("Missing or malformed X-Zendesk-Webhook-Signature-Timestamp header");
  }
  const age = (parts.now ?? Date.now()) - at;
  if (age > ZENDESK_MAX_AGE_MS) {
    throw new WebhookRejected("Zendesk signature verification failed: timestamp is too old");
  }
  if (-age > ZENDESK_MAX_FUTURE_MS) {
    throw new WebhookRejected("Zendesk signature verification failed: timestamp is in the future");
  }
  const expected = signZendeskRequest(parts.secret, parts.timestamp, parts.rawBody);
  if (!safeEqual(parts.signature, expected)) {
    throw new WebhookRejected("Zendesk signature verification failed: signature does not match");
  }
  return new Date(at);
}

const id = z.union([z.string().min(1).max(100), z.number().int()]).transform((v) => String(v));

/**
 * An event-based webhook (zen:event-type:…): id, type, time, subject, detail. Ticket events
 * carry detail.requester_id; user events detail.email.
 */
const ZZendeskEvent = z.looseObject({
  id: z.string().min(1).max(200),
  type: z.string().regex(/^zen:event-type:[a-z0-9_.]+$/, "type must look like zen:event-type:…"),
  // Zendesk sends nanosecond fractions (…05.254571515Z); Date.parse copes, keeping ms.
  time: z.string().refine((t) => !Number.isNaN(Date.parse(t)), "time must be an ISO 8601 time"),
  account_id: z.number().int().optional(),
  subject: z.string().optional(),
  detail: z.looseObject({
    id: id.optional(),
    requester_id: id.nullable().optional(),
    email: z.string().max(320).nullable().optional(),
  }),
});

/**
 * A trigger or automation webhook: its JSON body is whatever the admin wrote, so we define
 * the contract (documented with the route): `{ "type"?: string, "ticket": { "id", "requester_id"?,
 * "requester_email"?, "updated_at"? } }`. It has no event id.
 */
const ZZendeskTriggerPayload = z.looseObject({
  type: z.string().min(1).max(200).optional(),
  ticket: z.looseObject({
    id,
    requester_id: id.nullable().optional(),
    requester_email: z.string().max(320).nullable().optional(),
    updated_at: z.string().optional(),
  }),
});

export type ZendeskEventPayload = z.infer<typeof ZZendeskEvent>;
export type ZendeskTriggerPayload = z.infer<typeof ZZendeskTriggerPayload>;

export type ParsedZendeskRequest = {
  externalId: string;
  type: string;
  occurredAt: Date;
  payload: ZendeskEventPayload | ZendeskTriggerPayload;
};

/** The ledger type of trigger/automation payloads that name no type of their own. */
export const ZENDESK_TRIGGER_TYPE = "zendesk.trigger";

/**
 * Parses a verified body. externalId is the event id, or for trigger payloads (which have
 * none) a SHA-256 of the exact body, so a redelivery of the same body is a duplicate.
 * Throws WebhookRejected (400).
 */
export function parseZendeskRequest(rawBody: string, signedAt: Date): ParsedZendeskRequest {
  const json = parseJsonBody(rawBody);
  const event = ZZendeskEvent.safeParse(json);
  if (event.success) {
    return {
      externalId: event.data.id,
      type: event.data.type,
      occurredAt: new Date(event.data.time),
      payload: event.data,
    };
  }
  const trigger = ZZendeskTriggerPayload.safeParse(json);
  if (trigger.success) {
    const updatedAt = trigger.data.ticket.updated_at
      ? Date.parse(trigger.data.ticket.updated_at)
      : NaN;
    return {
      externalId: `sha256:${createHash("sha256").update(rawBody, "utf8").digest("hex")}`,
      type: trigger.data.type ?? ZENDESK_TRIGGER_TYPE,
      occurredAt: Number.isNaN(updatedAt) ? signedAt : new Date(updatedAt),
      payload: trigger.data,
    };
  }
  throw new WebhookRejected(`Body is not a Zendesk event: ${firstIssue(event.error.issues)}`);
}

/** POST /api/webhooks/zendesk: one event (or trigger payload) per delivery. */
export const verifyZendeskDelivery: VerifyWebhook = (rawBody, req, { secrets }) => {
  const signedAt = verifyWithAnySecret(secrets, (secret) =>
    verifyZendeskSignature({
      rawBody,
      signature: req.headers.get("x-zendesk-webhook-signature"),
      timestamp: req.headers.get("x-zendesk-webhook-signature-timestamp"),
      secret,
    }),
  );
  return [parseZendeskRequest(rawBody, signedAt)];
};
