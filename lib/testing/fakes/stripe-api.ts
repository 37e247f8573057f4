import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A fake Stripe API: a real local HTTP server speaking the parts of Stripe's documented
 * REST contract the app calls (retrieve and list customers, subscriptions, invoices,
 * charges; cursor pagination with limit/starting_after/has_more; form-encoded POSTs; Stripe's
 * error JSON; refunds and subscription price changes honouring `Idempotency-Key`). Tests set
 * its state directly and can inject latency, 500s, 429s with Retry-After, lost responses and
 * requests that never answer. The app talks to it through the real SDK. Another process (the
 * e2e suite) drives it over HTTP: GET /__fake/state, POST /__fake/objects/<collection>,
 * POST /__fake/faults (a JSON array of faults), POST /__fake/reset.
 */
type Obj = Record<string, unknown>;
export type Fault =
  | { status: 500 }
  | { status: 429; retryAfterSeconds: number }
  | { hang: true }
  | { latencyMs: number }
  /** Apply the request, then answer 500: the client cannot know it worked (a retry must not repeat it). */
  | { lostResponse: true };

const COLLECTIONS = ["customers", "subscriptions", "invoices", "charges", "refunds"] as const;
type Collection = (typeof COLLECTIONS)[number];
const OBJECT_NAME: Record<Collection, string> = {
  customers: "customer",
  subscriptions: "subscription",
  invoices: "invoice",
  charges: "charge",
  refunds: "refund",
};

type Answer = { status: number; body: unknown };

export type RecordedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  body: URLSearchParams;
  idempotencyKey: string | null;
};

export class FakeStripeApi {
  readonly state: Record<Collection, Map<string, Obj>> = {
    customers: new Map(),
    subscriptions: new Map(),
    invoices: new Map(),
    charges: new Map(),
    refunds: new Map(),
  };
  /** Stripe's idempotency store: key → the request's parameters and the answer it got. */
  private idempotent = new Map<string, { params: string; answer: Answer }>();
  readonly requests: RecordedRequest[] = [];
  private faults: Fault[] = [];
  private server: Server;
  url = "";

  private constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(port = 0): Promise<FakeStripeApi> {
    const api = new FakeStripeApi();
    await new Promise<void>((r) => api.server.listen(port, "127.0.0.1", r));
    api.url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
    return api;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  /** Stores (or replaces) an object as Stripe would return it. */
  put(collection: Collection, object: Obj): void {
    this.state[collection].set(String(object.id), { object: OBJECT_NAME[collection], ...object });
  }

  /** Faults applied to the next requests, one per request, in order. */
  inject(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  reset(): void {
    for (const c of COLLECTIONS) this.state[c].clear();
    this.faults = [];
    this.requests.length = 0;
    this.idempotent.clear();
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    if (url.pathname.startsWith("/__fake/"))
      return this.control(req.method ?? "GET", url, raw, res);
    const body = new URLSearchParams(raw);
    const idempotencyKey = (req.headers["idempotency-key"] as string | undefined) ?? null;
    this.requests.push({
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      body,
      idempotencyKey,
    });

    const fault = this.faults.shift();
    if (fault && "hang" in fault) return; // never answer
    if (fault && "latencyMs" in fault) await new Promise((r) => setTimeout(r, fault.latencyMs));
    if (fault && "status" in fault && fault.status === 429) {
      res.setHeader("Retry-After", String(fault.retryAfterSeconds));
      return error(
        res,
        429,
        "rate_limit_error",
        "Too many requests hit the API too quickly.",
        "rate_limit",
      );
    }
    if (fault && "status" in fault)
      return error(res, 500, "api_error", "An unknown error occurred.");
    if (!/^Bearer sk_/.test(req.headers.authorization ?? "")) {
      return error(res, 401, "invalid_request_error", "You did not provide a valid API key.");
    }
    const method = req.method ?? "GET";
    const answer =
      method === "POST" && idempotencyKey
        ? this.once(idempotencyKey, `${url.pathname}?${body}`, () => this.route(method, url, body))
        : this.route(method, url, body);
    if (fault && "lostResponse" in fault)
      return error(res, 500, "api_error", "An unknown error occurred.");
    send(res, answer.status, answer.body);
  }

  /**
   * Stripe's documented idempotency: the first answer to a key is saved and replayed for
   * every retry with the same parameters; the same key with other parameters is refused.
   * 5xx answers are not saved (Stripe lets those be retried).
   */
  private once(key: string, params: string, run: () => Answer): Answer {
    const saved = this.idempotent.get(key);
    if (saved && saved.params !== params) {
      return fail(
        400,
        "idempotency_error",
        "Keys for idempotent requests can only be used with the same parameters they were first used with.",
      );
    }
    if (saved) return saved.answer;
    const answer = run();
    if (answer.status < 500) this.idempotent.set(key, { params, answer });
    return answer;
  }

  /** Test control over HTTP, never subject to faults or recorded. */
  private control(method: string, url: URL, raw: string, res: ServerResponse) {
    const [, , verb, collection] = url.pathname.split("/");
    if (method === "GET" && verb === "state") {
      const state = Object.fromEntries(COLLECTIONS.map((c) => [c, [...this.state[c].values()]]));
      const requests = this.requests.map((r) => ({
        method: r.method,
        path: r.path,
        idempotencyKey: r.idempotencyKey,
        body: Object.fromEntries(r.body.entries()),
      }));
      return send(res, 200, { ...state, requests });
    }
    if (method === "POST" && verb === "objects" && COLLECTIONS.includes(collection as Collection)) {
      this.put(collection as Collection, JSON.parse(raw) as Obj);
      return send(res, 204, null);
    }
    if (method === "POST" && verb === "faults") {
      this.inject(...(JSON.parse(raw) as Fault[]));
      return send(res, 204, null);
    }
    if (method === "POST" && verb === "reset") {
      this.reset();
      return send(res, 204, null);
    }
    return send(res, 404, { error: "unknown control path" });
  }

  private route(method: string, url: URL, body: URLSearchParams): Answer {
    const [, v1, collection, id] = url.pathname.split("/");
    const known = v1 === "v1" && (COLLECTIONS as readonly string[]).includes(collection);
    if (!known) {
      return fail(
        404,
        "invalid_request_error",
        `Unrecognized request URL (${method}: ${url.pathname}).`,
      );
    }
    const c = collection as Collection;
    if (method === "GET" && id) {
      const found = this.state[c].get(id);
      if (!found) {
        return fail(
          404,
          "invalid_request_error",
          `No such ${OBJECT_NAME[c]}: '${id}'`,
          "resource_missing",
          "id",
        );
      }
      return ok(200, expandable(c, found, url.searchParams));
    }
    if (method === "GET") return ok(200, this.list(c, url));
    if (method === "POST" && c === "refunds" && !id) return this.createRefund(body);
    if (method === "POST" && c === "subscriptions" && id) return this.updateSubscription(id, body);
    if (method === "POST" && c === "customers") {
      const existing = id ? this.state.customers.get(id) : undefined;
      if (id && !existing)
        return fail(
          404,
          "invalid_request_error",
          `No such customer: '${id}'`,
          "resource_missing",
          "id",
        );
      const fields = Object.fromEntries(body.entries());
      const customer = {
        id: id ?? `cus_fake${this.state.customers.size + 1}`,
        object: "customer",
        created: Math.floor(Date.now() / 1000),
        ...existing,
        ...fields,
      };
      this.state.customers.set(customer.id, customer);
      return ok(200, customer);
    }
    return fail(405, "invalid_request_error", `Unsupported method ${method} for ${url.pathname}.`);
  }

  /** POST /v1/refunds: refunds (part of) a charge, found directly or through its payment intent. */
  private createRefund(body: URLSearchParams): Answer {
    const chargeId = body.get("charge");
    const pi = body.get("payment_intent");
    const charge = chargeId
      ? this.state.charges.get(chargeId)
      : [...this.state.charges.values()].find((ch) => pi && ch.payment_intent === pi);
    if (!charge) {
      const what = chargeId ? `charge: '${chargeId}'` : `payment_intent: '${pi ?? ""}'`;
      return fail(404, "invalid_request_error", `No such ${what}`, "resource_missing");
    }
    const paid = Number(charge.amount ?? 0);
    const refunded = Number(charge.amount_refunded ?? 0);
    const amount = body.has("amount") ? Number(body.get("amount")) : paid - refunded;
    if (!Number.isInteger(amount) || amount <= 0 || amount > paid - refunded) {
      return fail(
        400,
        "invalid_request_error",
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${paid - refunded})`,
        "amount_too_large",
        "amount",
      );
    }
    const refund = {
      id: `re_fake${this.state.refunds.size + 1}`,
      object: "refund",
      amount,
      charge: charge.id,
      payment_intent: charge.payment_intent ?? null,
      currency: charge.currency ?? "usd",
      reason: body.get("reason"),
      status: "succeeded",
      metadata: metadataOf(body),
      created: Math.floor(Date.now() / 1000),
    };
    this.state.refunds.set(refund.id, refund);
    this.state.charges.set(String(charge.id), {
      ...charge,
      amount_refunded: refunded + amount,
      refunded: refunded + amount === paid,
    });
    return ok(200, refund);
  }

  /** POST /v1/subscriptions/:id: changes the price of an item (`items[0][id]`, `items[0][price]`); refused once canceled. */
  private updateSubscription(id: string, body: URLSearchParams): Answer {
    const sub = this.state.subscriptions.get(id);
    if (!sub) {
      return fail(
        404,
        "invalid_request_error",
        `No such subscription: '${id}'`,
        "resource_missing",
        "id",
      );
    }
    if (sub.status === "canceled" || sub.status === "incomplete_expired") {
      return fail(
        400,
        "invalid_request_error",
        `A ${String(sub.status)} subscription can only update its cancellation_details and metadata.`,
      );
    }
    const items = ((sub.items as { data?: Obj[] } | undefined)?.data ?? []).map((i) => ({ ...i }));
    for (let n = 0; body.has(`items[${n}][price]`); n++) {
      const price = body.get(`items[${n}][price]`)!;
      if (!/^price_/.test(price)) {
        return fail(
          400,
          "invalid_request_error",
          `No such price: '${price}'`,
          "resource_missing",
          `items[${n}][price]`,
        );
      }
      const itemId = body.get(`items[${n}][id]`);
      const item = items.find((i) => i.id === itemId);
      if (itemId && !item) {
        return fail(
          400,
          "invalid_request_error",
          `Invalid subscription_item: '${itemId}'`,
          undefined,
          `items[${n}][id]`,
        );
      }
      const next = { object: "price", id: price };
      if (item) item.price = next;
      else
        items.push({ id: `si_fake${items.length + 1}`, object: "subscription_item", price: next });
    }
    const updated = { ...sub, items: { object: "list", data: items } };
    this.state.subscriptions.set(id, updated);
    return ok(200, updated);
  }

  private list(c: Collection, url: URL) {
    const q = url.searchParams;
    const limit = Math.min(Math.max(Number(q.get("limit") ?? 10), 1), 100);
    let items = [...this.state[c].values()].sort(
      (a, b) =>
        Number(b.created ?? 0) - Number(a.created ?? 0) || String(a.id).localeCompare(String(b.id)),
    );
    const customer = q.get("customer");
    if (customer) items = items.filter((o) => o.customer === customer);
    const status = q.get("status");
    if (c === "subscriptions" && status !== "all") {
      items = items.filter((o) => (status ? o.status === status : o.status !== "canceled"));
    }
    const after = q.get("starting_after");
    if (after) items = items.slice(items.findIndex((o) => o.id === after) + 1);
    return {
      object: "list",
      url: `/v1/${c}`,
      has_more: items.length > limit,
      data: items.slice(0, limit),
    };
  }
}

/**
 * Includable fields (an invoice's `payments`) are left out of an answer unless the request
 * asks for them with `expand[]`, as Stripe does.
 */
function expandable(c: Collection, object: Obj, query: URLSearchParams): Obj {
  if (c !== "invoices" || !("payments" in object)) return object;
  const expand = [...query.entries()].filter(([k]) => /^expand\[\d*\]$/.test(k)).map(([, v]) => v);
  if (expand.includes("payments")) return object;
  const { payments: _omitted, ...rest } = object;
  return rest;
}

function metadataOf(body: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of body.entries()) {
    const m = /^metadata\[(.+)\]$/.exec(k);
    if (m) out[m[1]] = v;
  }
  return out;
}

function ok(status: number, body: unknown): Answer {
  return { status, body };
}

function fail(
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

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, {
    "content-type": "application/json",
    "request-id": `req_fake${Date.now()}`,
  });
  res.end(JSON.stringify(body));
}

function error(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
  code?: string,
  param?: string,
) {
  send(res, status, { error: { type, message, ...(code && { code }), ...(param && { param }) } });
}
