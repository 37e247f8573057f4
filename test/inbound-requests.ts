import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { TEST_ENV } from "@/test/test-env";
import { signHubspotRequest } from "@/lib/integrations/hubspot/verify-request";
import { signZendeskRequest } from "@/lib/integrations/zendesk/verify-request";

/** Signed requests for the inbound webhook routes, as each provider would send them (or tampered). */

let seq = 1000;
const nextId = () => Date.now() * 1000 + (seq++ % 1000);

export function hubspotContactEvent(
  subscriptionType: string,
  objectId: string | number,
  opts: {
    eventId?: number;
    occurredAt?: number;
    propertyName?: string;
    propertyValue?: string;
  } = {},
) {
  return {
    eventId: opts.eventId ?? nextId(),
    subscriptionId: 4242,
    portalId: 62515,
    appId: 54321,
    occurredAt: opts.occurredAt ?? Date.now(),
    subscriptionType,
    attemptNumber: 0,
    objectId: Number(objectId),
    changeSource: "CRM",
    ...(opts.propertyName ? { propertyName: opts.propertyName } : {}),
    ...(opts.propertyValue !== undefined ? { propertyValue: opts.propertyValue } : {}),
  };
}

export function hubspotWebhookRequest(
  payload: unknown,
  opts: {
    /** The URL the request is sent to (what `request.url` says). */
    url?: string;
    /** The URI the signature is computed over (what HubSpot called). */
    signedUri?: string;
    secret?: string;
    timestamp?: number;
    signature?: string | null;
    body?: string;
  } = {},
): Request {
  const body = opts.body ?? (typeof payload === "string" ? payload : JSON.stringify(payload));
  const url = opts.url ?? "http://localhost:3999/api/webhooks/hubspot";
  const timestamp = String(opts.timestamp ?? Date.now());
  const signature =
    opts.signature === undefined
      ? signHubspotRequest(
          opts.secret ?? TEST_ENV.HUBSPOT_CLIENT_SECRET,
          "POST",
          opts.signedUri ?? url,
          typeof payload === "string" ? payload : JSON.stringify(payload),
          timestamp,
        )
      : opts.signature;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-hubspot-request-timestamp": timestamp,
  };
  if (signature !== null) headers["x-hubspot-signature-v3"] = signature;
  return new Request(url, { method: "POST", headers, body });
}

export function zendeskTicketEvent(
  type: string,
  ticket: { id: string; requesterId: string },
  opts: { id?: string; time?: string } = {},
) {
  const time = opts.time ?? new Date().toISOString();
  return {
    type: `zen:event-type:ticket.${type}`,
    account_id: 88888888,
    id: opts.id ?? `01J${randomBytes(8).toString("hex").toUpperCase()}`,
    time,
    zendesk_event_version: "2022-11-06",
    subject: `zen:ticket:${ticket.id}`,
    detail: {
      id: ticket.id,
      requester_id: ticket.requesterId,
      submitter_id: ticket.requesterId,
      status: "NEW",
      subject: "Cannot log in",
      created_at: time,
      updated_at: time,
      via: { channel: "web_form" },
    },
    event: {},
  };
}

export function zendeskWebhookRequest(
  payload: unknown,
  opts: { secret?: string; timestamp?: string; signature?: string | null; body?: string } = {},
): Request {
  const signedBody = typeof payload === "string" ? payload : JSON.stringify(payload);
  const timestamp = opts.timestamp ?? new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const signature =
    opts.signature === undefined
      ? signZendeskRequest(opts.secret ?? TEST_ENV.ZENDESK_WEBHOOK_SECRET, timestamp, signedBody)
      : opts.signature;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-zendesk-webhook-id": "01GK8E6BKWMJZD2T8Y5AXJQMG5",
    "x-zendesk-webhook-signature-timestamp": timestamp,
  };
  if (signature !== null) headers["x-zendesk-webhook-signature"] = signature;
  return new Request("http://localhost:3999/api/webhooks/zendesk", {
    method: "POST",
    headers,
    body: opts.body ?? signedBody,
  });
}

export function appEvent(
  type: string,
  data: { userId: string; email?: string | null; name?: string | null } | Record<string, unknown>,
  opts: { timestamp?: string } = {},
) {
  return { type, timestamp: opts.timestamp ?? new Date().toISOString(), data };
}

export function appWebhookRequest(
  payload: unknown,
  opts: {
    id?: string;
    secret?: string;
    timestamp?: number;
    signature?: string | null;
    body?: string;
  } = {},
): Request {
  const signedBody = typeof payload === "string" ? payload : JSON.stringify(payload);
  const id = opts.id ?? `msg_${randomBytes(10).toString("hex")}`;
  const at = new Date((opts.timestamp ?? Math.floor(Date.now() / 1000)) * 1000);
  const signature =
    opts.signature === undefined
      ? new Webhook(opts.secret ?? TEST_ENV.APP_INBOUND_WEBHOOK_SECRET).sign(id, at, signedBody)
      : opts.signature;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
  };
  if (signature !== null) headers["webhook-signature"] = signature;
  return new Request("http://localhost:3999/api/webhooks/app", {
    method: "POST",
    headers,
    body: opts.body ?? signedBody,
  });
}
