import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { z } from "zod";
import { WebhookRejected } from "@/lib/integrations/webhook/http-error";
import { firstIssue, parseJsonBody } from "@/lib/integrations/webhook/read-body";
import { verifyWithAnySecret, type VerifyWebhook } from "@/lib/integrations/webhook/verifier";

/**
 * The product app's payload contract (Standard Webhooks envelope, our body):
 *
 *   { "type": "user.signed_up" | "lead.created" | "user.updated",
 *     "timestamp": "2026-11-27T05:00:00Z",
 *     "data": { "userId": "firebase-uid", "email": "a@b.com", "name": "Ada" } }
 *
 * Other verified types are recorded and ignored (so the app can send new ones first).
 */
const ZAppUserData = z.looseObject({
  userId: z.string().min(1).max(200),
  email: z.email().max(320).nullable().optional(),
  name: z.string().max(200).nullable().optional(),
});

export const APP_EVENT_TYPES = ["user.signed_up", "lead.created", "user.updated"] as const;
export type AppEventType = (typeof APP_EVENT_TYPES)[number];

const ZAppEnvelope = z.looseObject({
  type: z.string().regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/, "type must look like user.signed_up"),
  timestamp: z.iso.datetime({ offset: true }),
  data: z.record(z.string(), z.unknown()),
});

export type AppEvent = {
  type: string;
  timestamp: string;
  data: z.infer<typeof ZAppUserData> | Record<string, unknown>;
};

export function isKnownAppEventType(type: string): type is AppEventType {
  return (APP_EVENT_TYPES as readonly string[]).includes(type);
}

export type AppRequestParts = {
  rawBody: string;
  headers: Headers;
  secret: string;
};

/** Verifies the Standard Webhooks signature (5 min tolerance). Returns webhook-id. Throws WebhookRejected (400). */
export function verifyAppSignature({ rawBody, headers, secret }: AppRequestParts): string {
  const id = headers.get("webhook-id");
  const given = {
    "webhook-id": id ?? "",
    "webhook-timestamp": headers.get("webhook-timestamp") ?? "",
    "webhook-signature": headers.get("webhook-signature") ?? "",
  };
  try {
    new Webhook(secret).verify(rawBody, given, { jsonParse: false });
  } catch (e) {
    const reason = e instanceof WebhookVerificationError ? e.message : "invalid signature";
    throw new WebhookRejected(`App webhook signature verification failed: ${reason}`);
  }
  if (!id || id.length > 200) throw new WebhookRejected("webhook-id must be 1 to 200 characters");
  return id;
}

/** Parses a verified body against the contract above. Throws WebhookRejected (400). */
export function parseAppEvent(rawBody: string): AppEvent {
  const envelope = ZAppEnvelope.safeParse(parseJsonBody(rawBody));
  const fail = (issues: z.core.$ZodIssue[]) =>
    new WebhookRejected(`Body is not an app event: ${firstIssue(issues)}`);
  if (!envelope.success) throw fail(envelope.error.issues);
  if (!isKnownAppEventType(envelope.data.type)) return envelope.data;
  const data = ZAppUserData.safeParse(envelope.data.data);
  if (!data.success) {
    throw fail(data.error.issues.map((i) => ({ ...i, path: ["data", ...i.path] })));
  }
  return { ...envelope.data, data: data.data };
}

/** POST /api/webhooks/app: one event per delivery; its webhook-id is the ledger's external id. */
export const verifyAppDelivery: VerifyWebhook = (rawBody, req, { secrets }) => {
  const webhookId = verifyWithAnySecret(secrets, (secret) =>
    verifyAppSignature({ rawBody, headers: req.headers, secret }),
  );
  const event = parseAppEvent(rawBody);
  return [
    {
      externalId: webhookId,
      type: event.type,
      occurredAt: new Date(event.timestamp),
      payload: event,
    },
  ];
};

/** The app user fields of a known event type (parseAppEvent has validated them). */
export function appUserData(event: AppEvent): z.infer<typeof ZAppUserData> {
  return ZAppUserData.parse(event.data);
}
