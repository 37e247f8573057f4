import { Webhook } from "standardwebhooks";
import { signStripePayload } from "@/fakes/stripe/events";
import { signHubspotRequest } from "@/lib/integrations/hubspot/verify-request";
import type { Delivery } from "@/tools/sim/journeys";

export type SimSecrets = { stripe: string; hubspot: string; app: string };

/** The HTTP request a provider would send for this delivery, correctly signed. */
export function signDelivery(
  baseUrl: string,
  publicUrl: string,
  d: Delivery,
  secrets: SimSecrets,
): { url: string; init: RequestInit } {
  const body = JSON.stringify(d.body);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const path = `/api/webhooks/${d.source}`;
  if (d.source === "stripe") headers["stripe-signature"] = signStripePayload(body, secrets.stripe);
  if (d.source === "hubspot") {
    const ts = String(Date.now());
    headers["x-hubspot-request-timestamp"] = ts;
    headers["x-hubspot-signature-v3"] = signHubspotRequest(
      secrets.hubspot,
      "POST",
      `${publicUrl.replace(/\/$/, "")}${path}`,
      body,
      ts,
    );
  }
  if (d.source === "app") {
    const now = new Date();
    headers["webhook-id"] = d.id;
    headers["webhook-timestamp"] = String(Math.floor(now.getTime() / 1000));
    headers["webhook-signature"] = new Webhook(secrets.app).sign(d.id, now, body);
  }
  return { url: `${baseUrl.replace(/\/$/, "")}${path}`, init: { method: "POST", headers, body } };
}
