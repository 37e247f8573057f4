import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A fake Stripe API: a real local HTTP server speaking the parts of Stripe's documented
 * REST contract the app calls (retrieve and list customers, subscriptions, invoices,
 * charges; cursor pagination with limit/starting_after/has_more; form-encoded POSTs; Stripe's
 * error JSON). Tests set its state directly and can inject latency, 500s, 429s with
 * Retry-After, and requests that never answer. The app talks to it through the real SDK.
 */
type Obj = Record<string, unknown>;
export type Fault =
  | { status: 500 }
  | { status: 429; retryAfterSeconds: number }
  | { hang: true }
  | { latencyMs: number };

const COLLECTIONS = ["customers", "subscriptions", "invoices", "charges"] as const;
type Collection = (typeof COLLECTIONS)[number];
const OBJECT_NAME: Record<Collection, string> = {
  customers: "customer",
  subscriptions: "subscription",
  invoices: "invoice",
  charges: "charge",
};

export type RecordedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  body: URLSearchParams;
};

export class FakeStripeApi {
  readonly state: Record<Collection, Map<string, Obj>> = {
    customers: new Map(),
    subscriptions: new Map(),
    invoices: new Map(),
    charges: new Map(),
  };
  readonly requests: RecordedRequest[] = [];
  private faults: Fault[] = [];
  private server: Server;
  url = "";

  private constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(): Promise<FakeStripeApi> {
    const api = new FakeStripeApi();
    await new Promise<void>((r) => api.server.listen(0, "127.0.0.1", r));
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
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    this.requests.push({
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      body,
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
    this.route(req.method ?? "GET", url, body, res);
  }

  private route(method: string, url: URL, body: URLSearchParams, res: ServerResponse) {
    const [, v1, collection, id] = url.pathname.split("/");
    const known = v1 === "v1" && (COLLECTIONS as readonly string[]).includes(collection);
    if (!known) {
      return error(
        res,
        404,
        "invalid_request_error",
        `Unrecognized request URL (${method}: ${url.pathname}).`,
      );
    }
    const c = collection as Collection;
    if (method === "GET" && id) {
      const found = this.state[c].get(id);
      if (!found) {
        return error(
          res,
          404,
          "invalid_request_error",
          `No such ${OBJECT_NAME[c]}: '${id}'`,
          "resource_missing",
          "id",
        );
      }
      return send(res, 200, found);
    }
    if (method === "GET") return send(res, 200, this.list(c, url));
    if (method === "POST" && c === "customers") {
      const existing = id ? this.state.customers.get(id) : undefined;
      if (id && !existing)
        return error(
          res,
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
      return send(res, 200, customer);
    }
    return error(
      res,
      405,
      "invalid_request_error",
      `Unsupported method ${method} for ${url.pathname}.`,
    );
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
