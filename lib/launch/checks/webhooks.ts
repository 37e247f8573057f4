import type Stripe from "stripe";
import type { Db } from "@/lib/db";
import { STRIPE_EVENT_RULES } from "@/lib/integrations/stripe/event-rules";
import type { CheckResult } from "@/lib/launch/types";

/** The Stripe event types the engine handles (lib/integrations/stripe/event-rules.ts). */
export const HANDLED_STRIPE_EVENTS = Object.keys(STRIPE_EVENT_RULES).sort();

const sameUrl = (a: string, b: string) => {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return (
      x.protocol === y.protocol &&
      x.host === y.host &&
      x.pathname.replace(/\/+$/, "") === y.pathname.replace(/\/+$/, "")
    );
  } catch {
    return false;
  }
};

/** This dashboard's public URL for a provider's webhook, from its public base URL. */
export const webhookUrl = (publicBaseUrl: string, provider: "stripe" | "zendesk") =>
  new URL(`/api/webhooks/${provider}`, publicBaseUrl).toString();

type StripeEndpoint = Pick<
  Stripe.WebhookEndpoint,
  "id" | "url" | "status" | "enabled_events" | "api_version"
>;

/**
 * One enabled Stripe endpoint must point at this dashboard's /api/webhooks/stripe and
 * subscribe to every event type the engine handles (`*` counts as all).
 */
export async function stripeEndpointCheck(
  stripe: Stripe | null,
  publicBaseUrl: string,
): Promise<CheckResult> {
  const expected = webhookUrl(publicBaseUrl, "stripe");
  const base = {
    key: "webhooks.stripe_endpoint",
    area: "webhooks" as const,
    title: "Stripe sends its events here",
    why: "Without an enabled endpoint for every handled event type, payments and cancellations never reach the dashboard and access goes stale.",
  };
  const allEvents = HANDLED_STRIPE_EVENTS.join(", ");
  if (!stripe)
    return {
      ...base,
      state: "not_configured",
      observed: "STRIPE_SECRET_KEY is not set, so the endpoints cannot be read.",
      fix: "Set STRIPE_SECRET_KEY to let the dashboard read your webhook endpoints.",
      value: null,
    };
  let endpoints: StripeEndpoint[];
  try {
    endpoints = await stripe.webhookEndpoints
      .list({ limit: 100 })
      .autoPagingToArray({ limit: 1000 });
  } catch (e) {
    return {
      ...base,
      state: "fail",
      observed: `Could not list webhook endpoints: ${e instanceof Error ? e.message : String(e)}`,
      fix: "Check that STRIPE_SECRET_KEY is valid and may read webhook endpoints.",
      value: null,
    };
  }
  const ours = endpoints.filter((e) => sameUrl(e.url, expected));
  const enabled = ours.filter((e) => e.status === "enabled");
  const create = `In Stripe Dashboard → Developers → Webhooks, add an endpoint with URL ${expected} and these events: ${allEvents}. Put its signing secret in STRIPE_WEBHOOK_SECRET.`;
  if (!ours.length)
    return {
      ...base,
      state: "fail",
      observed: `${endpoints.length} endpoint(s) registered, none at ${expected}.`,
      fix: create,
      value: HANDLED_STRIPE_EVENTS.length,
    };
  if (!enabled.length)
    return {
      ...base,
      state: "fail",
      observed: `The endpoint ${ours[0].id} at ${expected} is disabled.`,
      fix: `Enable endpoint ${ours[0].id} in Stripe Dashboard → Developers → Webhooks.`,
      value: HANDLED_STRIPE_EVENTS.length,
    };
  const covered = (e: StripeEndpoint) =>
    e.enabled_events.includes("*")
      ? []
      : HANDLED_STRIPE_EVENTS.filter((t) => !e.enabled_events.includes(t));
  const best = [...enabled].sort((a, b) => covered(a).length - covered(b).length)[0];
  const missing = covered(best);
  const version = `API version ${best.api_version ?? "the account default"}`;
  if (missing.length)
    return {
      ...base,
      state: "fail",
      observed: `Endpoint ${best.id} is enabled (${version}) but misses ${missing.length} event type(s): ${missing.join(", ")}.`,
      fix: `Add these events to endpoint ${best.id}: ${missing.join(", ")}.`,
      value: missing.length,
    };
  if (enabled.length > 1)
    return {
      ...base,
      state: "warn",
      observed: `${enabled.length} enabled endpoints point here (${enabled.map((e) => e.id).join(", ")}); each event arrives once per endpoint.`,
      why: "Duplicates are recorded once, but every extra delivery costs a request and only one signing secret can be configured.",
      fix: `Disable all but ${best.id}.`,
      value: 0,
    };
  return {
    ...base,
    state: "pass",
    observed: `Endpoint ${best.id} is enabled, points at ${expected} and subscribes to all ${HANDLED_STRIPE_EVENTS.length} handled event types (${version}).`,
    fix: null,
    value: 0,
  };
}

export type ZendeskApi = { base: string; email: string; apiToken: string } | null;

type ZendeskWebhook = {
  id: string;
  name?: string;
  endpoint: string;
  status: string;
  http_method?: string;
  request_format?: string;
  subscriptions?: string[];
};

/**
 * Ticket events reach the engine from a trigger-connected webhook (`conditional_ticket_events`)
 * or from ticket event subscriptions; user events are optional.
 */
const carriesTickets = (subs: string[]) =>
  subs.some((s) => s === "conditional_ticket_events" || s.startsWith("zen:event-type:ticket."));

async function listZendeskWebhooks(api: NonNullable<ZendeskApi>): Promise<ZendeskWebhook[]> {
  const auth = Buffer.from(`${api.email}/token:${api.apiToken}`).toString("base64");
  const out: ZendeskWebhook[] = [];
  let url: string | null = new URL("/api/v2/webhooks?page[size]=100", api.base).toString();
  for (let page = 0; url && page < 20; page++) {
    const res: Response = await fetch(url, {
      headers: { authorization: `Basic ${auth}`, accept: "application/json" },
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as {
      webhooks?: ZendeskWebhook[];
      meta?: { has_more?: boolean };
      links?: { next?: string | null };
    };
    out.push(...(body.webhooks ?? []));
    url = body.meta?.has_more && body.links?.next ? body.links.next : null;
  }
  return out;
}

/** One active Zendesk webhook must POST JSON to this dashboard's /api/webhooks/zendesk with ticket events. */
export async function zendeskWebhookCheck(
  api: ZendeskApi,
  publicBaseUrl: string,
): Promise<CheckResult> {
  const expected = webhookUrl(publicBaseUrl, "zendesk");
  const base = {
    key: "webhooks.zendesk",
    area: "webhooks" as const,
    title: "Zendesk sends ticket events here",
    why: "Without it, tickets solved or reopened in Zendesk never show on the customer's page.",
  };
  if (!api)
    return {
      ...base,
      state: "not_configured",
      observed:
        "Zendesk API access (ZENDESK_SUBDOMAIN, ZENDESK_EMAIL, ZENDESK_API_TOKEN) is not set.",
      fix: null,
    };
  let hooks: ZendeskWebhook[];
  try {
    hooks = await listZendeskWebhooks(api);
  } catch (e) {
    return {
      ...base,
      state: "fail",
      observed: `Could not list Zendesk webhooks: ${e instanceof Error ? e.message : String(e)}.`,
      fix: "Check ZENDESK_EMAIL and ZENDESK_API_TOKEN (an admin's token can read webhooks).",
    };
  }
  const create = `In Zendesk Admin Center → Apps and integrations → Webhooks, create a webhook: endpoint ${expected}, method POST, format JSON, subscribed to ticket events (or connected to a trigger). Put its signing secret in ZENDESK_WEBHOOK_SECRET.`;
  const ours = hooks.filter((h) => sameUrl(h.endpoint, expected));
  if (!ours.length)
    return {
      ...base,
      state: "fail",
      observed: `${hooks.length} webhook(s) in Zendesk, none at ${expected}.`,
      fix: create,
    };
  const active = ours.filter((h) => h.status === "active");
  if (!active.length)
    return {
      ...base,
      state: "fail",
      observed: `Webhook ${ours[0].id} points here but is ${ours[0].status}.`,
      fix: `Activate webhook "${ours[0].name ?? ours[0].id}" in Zendesk Admin Center → Webhooks.`,
    };
  const good = active.find(
    (h) =>
      carriesTickets(h.subscriptions ?? []) &&
      (h.http_method ?? "POST") === "POST" &&
      (h.request_format ?? "json") === "json",
  );
  if (!good) {
    const h = active[0];
    return {
      ...base,
      state: "fail",
      observed: `Webhook ${h.id} is active but sends ${h.http_method ?? "?"} ${h.request_format ?? "?"} for: ${(h.subscriptions ?? []).join(", ") || "nothing"}.`,
      fix: `Edit webhook "${h.name ?? h.id}": method POST, format JSON, and subscribe it to ticket events or connect it to a trigger.`,
    };
  }
  return {
    ...base,
    state: "pass",
    observed: `Webhook ${good.id} is active and POSTs JSON to ${expected} for: ${(good.subscriptions ?? []).join(", ")}.`,
    fix: null,
  };
}

/** Zero unresolved webhook failures in the last 24 hours, from the ledger. */
export async function webhookFailuresCheck(db: Db, now: Date): Promise<CheckResult> {
  const since = new Date(now.getTime() - 24 * 3_600_000);
  const rows = await db.ledgerEvent.groupBy({
    by: ["source"],
    where: { status: "failed", receivedAt: { gte: since } },
    _count: { _all: true },
  });
  const total = rows.reduce((n, r) => n + r._count._all, 0);
  const base = {
    key: "webhooks.failures_24h",
    area: "webhooks" as const,
    title: "No unresolved webhook failures in 24 h",
    why: "A failed event is a payment, cancellation or ticket the dashboard has not applied yet.",
    value: total,
  };
  if (!total)
    return {
      ...base,
      state: "pass",
      observed: "No failed ledger events received in the last 24 h.",
      fix: null,
    };
  const bySource = rows.map((r) => `${r._count._all} ${r.source}`).join(", ");
  return {
    ...base,
    state: "fail",
    observed: `${total} event(s) received in the last 24 h are still failed (${bySource}).`,
    fix: "Open the ledger filtered to failed events, read each error, fix the cause and retry them.",
  };
}
