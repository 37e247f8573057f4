import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  COLLECTIONS,
  OBJECT_NAME,
  expandable,
  fail,
  missing,
  ok,
  parseApiPath,
  send,
  type Answer,
  type Collection,
  type Obj,
} from "./api-http";
import {
  createPortalSession,
  createRefund,
  updateSubscription,
  upsertCustomer,
} from "./api-writes";
import { ListedMap } from "./listed-map";
import { rateLimitedAnswer, TokenBucket } from "./rate-limit";

/**
 * A fake Stripe API: a real local HTTP server speaking the parts of Stripe's documented
 * REST contract the app calls (retrieve and list customers, subscriptions, invoices,
 * charges, disputes, payment intents, setup intents, checkout sessions, identity
 * verification sessions and webhook endpoints (GET /v1/webhook_endpoints: url, status
 * enabled|disabled, enabled_events with "*" for all, api_version); cursor pagination with limit/starting_after/has_more; form-encoded
 * POSTs; Stripe's error JSON; refunds, subscription price changes and customer portal
 * sessions (POST /v1/billing_portal/sessions) honouring
 * `Idempotency-Key`). Tests set its state directly and can inject latency, 500s, 429s with
 * Retry-After, lost responses and requests that never answer, and turn on Stripe's rate
 * limit (a token bucket, `rateLimit`). It counts reads per object. The app talks to it
 * through the real SDK. Another process (the e2e suite) drives it over HTTP:
 * GET /__fake/state, POST /__fake/objects/<collection>, POST /__fake/faults (a JSON array of
 * faults), POST /__fake/reset.
 */
export type Fault =
  | { status: 500 }
  | { status: 429; retryAfterSeconds: number }
  | { hang: true }
  | { latencyMs: number }
  /** Apply the request, then answer 500: the client cannot know it worked (a retry must not repeat it). */
  | { lostResponse: true };

export type { Collection } from "./api-http";

export type RecordedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  body: URLSearchParams;
  idempotencyKey: string | null;
};

/** What the fake answered, for tests and benches to report. */
export type StripeApiStats = {
  requests: number;
  /** Successful GETs of one object (the engine's re-reads). */
  reads: number;
  /** Requests answered 429 by the rate limit (not by injected faults). */
  rateLimited: number;
};

export class FakeStripeApi {
  readonly state = Object.fromEntries(COLLECTIONS.map((c) => [c, new ListedMap()])) as Record<
    Collection,
    ListedMap
  >;
  /** Stripe's idempotency store: key → the request's parameters and the answer it got. */
  private idempotent = new Map<string, { params: string; answer: Answer }>();
  readonly requests: RecordedRequest[] = [];
  readonly stats: StripeApiStats = { requests: 0, reads: 0, rateLimited: 0 };
  /** Successful reads per object, keyed `<collection>/<id>`. */
  readonly readsByObject = new Map<string, number>();
  /** Stripe's clock minus this host's, in seconds: what the fake stamps on objects it creates. */
  clockSkewSeconds = 0;
  private faults: Fault[] = [];
  private bucket: TokenBucket | null = null;
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

  /**
   * Turns Stripe's rate limit on (`perSecond`: 25 in test mode, 100 in live mode) or off
   * (null). Requests over the limit are answered 429 and counted in `stats.rateLimited`.
   */
  rateLimit(opts: { perSecond: number; clock?: () => number } | null): void {
    this.bucket = opts ? new TokenBucket(opts.perSecond, opts.clock) : null;
  }

  reset(): void {
    for (const c of COLLECTIONS) this.state[c].clear();
    this.faults = [];
    this.requests.length = 0;
    this.idempotent.clear();
    this.readsByObject.clear();
    Object.assign(this.stats, { requests: 0, reads: 0, rateLimited: 0 });
    this.bucket?.refill();
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
    this.stats.requests++;

    const fault = this.faults.shift();
    if (fault && "hang" in fault) return; // never answer
    if (fault && "latencyMs" in fault) await new Promise((r) => setTimeout(r, fault.latencyMs));
    if (fault && "status" in fault && fault.status === 429) {
      const limited = fail(
        429,
        "rate_limit_error",
        "Too many requests hit the API too quickly.",
        "rate_limit",
      );
      return send(res, 429, limited.body, { "Retry-After": String(fault.retryAfterSeconds) });
    }
    if (fault && "status" in fault)
      return send(res, 500, fail(500, "api_error", "An unknown error occurred.").body);
    if (this.bucket && !this.bucket.take()) {
      this.stats.rateLimited++;
      const limited = rateLimitedAnswer();
      return send(res, limited.status, limited.body);
    }
    if (!/^Bearer sk_/.test(req.headers.authorization ?? "")) {
      const denied = fail(401, "invalid_request_error", "You did not provide a valid API key.");
      return send(res, 401, denied.body);
    }
    const method = req.method ?? "GET";
    const answer =
      method === "POST" && idempotencyKey
        ? this.once(idempotencyKey, `${url.pathname}?${body}`, () => this.route(method, url, body))
        : this.route(method, url, body);
    if (fault && "lostResponse" in fault)
      return send(res, 500, fail(500, "api_error", "An unknown error occurred.").body);
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
      return send(res, 200, { ...state, requests, stats: this.stats });
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
    const target = parseApiPath(url.pathname);
    if (!target || target.action) {
      return fail(
        404,
        "invalid_request_error",
        `Unrecognized request URL (${method}: ${url.pathname}).`,
      );
    }
    const { collection: c, id } = target;
    if (method === "GET" && c === "customers" && id === "search") return this.search(url);
    if (method === "GET" && id) {
      const found = this.state[c].get(id);
      if (!found) return missing(OBJECT_NAME[c], id);
      this.stats.reads++;
      this.readsByObject.set(`${c}/${id}`, (this.readsByObject.get(`${c}/${id}`) ?? 0) + 1);
      return ok(200, expandable(c, found, url.searchParams));
    }
    if (method === "GET") return ok(200, this.list(c, target.path, url));
    const now = Math.floor(Date.now() / 1000) + this.clockSkewSeconds;
    if (method === "POST" && c === "refunds" && !id) return createRefund(this.state, body, now);
    if (method === "POST" && c === "subscriptions" && id)
      return updateSubscription(this.state, id, body);
    if (method === "POST" && c === "customers") return upsertCustomer(this.state, id, body, now);
    if (method === "POST" && c === "billing_portal_sessions" && !id)
      return createPortalSession(this.state, body, now);
    return fail(405, "invalid_request_error", `Unsupported method ${method} for ${url.pathname}.`);
  }

  /**
   * GET /v1/customers/search: Stripe's search result shape, `total_count` only when
   * `expand[]=total_count` asks for it. The query is required but not interpreted: every
   * customer matches (the app only searches to estimate how many customers an import reads),
   * and there is no next page (`next_page` stays null).
   */
  private search(url: URL): Answer {
    const q = url.searchParams;
    if (!q.get("query"))
      return fail(400, "invalid_request_error", "Missing required param: query.");
    const all = this.list("customers", "customers", new URL(`${url.origin}/?limit=100`));
    const limit = Math.min(Math.max(Number(q.get("limit") ?? 10), 1), 100);
    const expand = [...q.entries()].filter(([k]) => /^expand\[\d*\]$/.test(k)).map(([, v]) => v);
    const total = this.state.customers.size;
    return ok(200, {
      object: "search_result",
      url: "/v1/customers/search",
      has_more: total > limit,
      next_page: null,
      data: all.data.slice(0, limit),
      ...(expand.includes("total_count") && { total_count: total }),
    });
  }

  private list(c: Collection, path: string, url: URL) {
    const q = url.searchParams;
    const limit = Math.min(Math.max(Number(q.get("limit") ?? 10), 1), 100);
    const customer = q.get("customer");
    let items = customer ? this.state[c].ofCustomer(customer) : this.state[c].listOrder();
    const status = q.get("status");
    if (c === "subscriptions" && status !== "all") {
      items = items.filter((o) => (status ? o.status === status : o.status !== "canceled"));
    }
    const after = q.get("starting_after");
    if (after) items = items.slice(items.findIndex((o) => o.id === after) + 1);
    return {
      object: "list",
      url: `/v1/${path}`,
      has_more: items.length > limit,
      data: items.slice(0, limit),
    };
  }
}
