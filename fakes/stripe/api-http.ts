import type { ServerResponse } from "node:http";

/** Shared pieces of the fake Stripe API: its collections, URL table and Stripe's JSON answers. */
export type Obj = Record<string, unknown>;
export type Answer = { status: number; body: unknown };

export const COLLECTIONS = [
  "customers",
  "subscriptions",
  "invoices",
  "charges",
  "refunds",
  "disputes",
  "payment_intents",
  "setup_intents",
  "checkout_sessions",
  "verification_sessions",
  "billing_portal_sessions",
  "webhook_endpoints",
] as const;
export type Collection = (typeof COLLECTIONS)[number];

/** The `object` field Stripe gives each collection's objects. */
export const OBJECT_NAME: Record<Collection, string> = {
  customers: "customer",
  subscriptions: "subscription",
  invoices: "invoice",
  charges: "charge",
  refunds: "refund",
  disputes: "dispute",
  payment_intents: "payment_intent",
  setup_intents: "setup_intent",
  checkout_sessions: "checkout.session",
  verification_sessions: "identity.verification_session",
  billing_portal_sessions: "billing_portal.session",
  webhook_endpoints: "webhook_endpoint",
};

/** URL path under /v1 → collection; nested resources (checkout, identity) have two segments. */
const PATHS: Record<string, Collection> = {
  customers: "customers",
  subscriptions: "subscriptions",
  invoices: "invoices",
  charges: "charges",
  refunds: "refunds",
  disputes: "disputes",
  payment_intents: "payment_intents",
  setup_intents: "setup_intents",
  "checkout/sessions": "checkout_sessions",
  "identity/verification_sessions": "verification_sessions",
  "billing_portal/sessions": "billing_portal_sessions",
  webhook_endpoints: "webhook_endpoints",
};

/** Splits `/v1/<resource>[/<id>[/<action>]]` into its collection, id and action (null if unknown). */
export function parseApiPath(
  pathname: string,
): { collection: Collection; path: string; id?: string; action?: string } | null {
  const parts = pathname.split("/").slice(1);
  if (parts[0] !== "v1") return null;
  for (const width of [2, 1]) {
    const path = parts.slice(1, 1 + width).join("/");
    const collection = Object.hasOwn(PATHS, path) ? PATHS[path] : undefined;
    if (!collection) continue;
    const [id, action, ...extra] = parts.slice(1 + width);
    if (extra.length) return null;
    return { collection, path, id: id || undefined, action };
  }
  return null;
}

/**
 * Includable fields (an invoice's `payments`) are left out of an answer unless the request
 * asks for them with `expand[]`, as Stripe does. Other expansions are accepted and ignored:
 * the fake stores ids where Stripe would expand objects, and callers read ids either way.
 */
export function expandable(c: Collection, object: Obj, query: URLSearchParams): Obj {
  if (c !== "invoices" || !("payments" in object)) return object;
  const expand = [...query.entries()].filter(([k]) => /^expand\[\d*\]$/.test(k)).map(([, v]) => v);
  if (expand.includes("payments")) return object;
  const { payments: _omitted, ...rest } = object;
  return rest;
}

export function metadataOf(body: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of body.entries()) {
    const m = /^metadata\[(.+)\]$/.exec(k);
    if (m) out[m[1]] = v;
  }
  return out;
}

export function ok(status: number, body: unknown): Answer {
  return { status, body };
}

export function fail(
  status: number,
  type: string,
  message: string,
  code?: string,
  param?: string,
): Answer {
  return {
    status,
    body: { error: { type, message, ...(code && { code }), ...(param && { param }) } },
  };
}

export function missing(what: string, id: string, param: string | undefined = "id"): Answer {
  return fail(404, "invalid_request_error", `No such ${what}: '${id}'`, "resource_missing", param);
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Obj = {}) {
  res.writeHead(status, {
    "content-type": "application/json",
    "request-id": `req_fake${Date.now()}`,
    ...headers,
  });
  res.end(JSON.stringify(body));
}
