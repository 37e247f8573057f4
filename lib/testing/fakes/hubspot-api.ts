import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A contact as the fake keeps it: HubSpot's property names. */
export type FakeContact = {
  email?: string | null;
  firstname?: string | null;
  lastname?: string | null;
};

export type FakeFailure = { status: 429 | 500 | 503; retryAfter?: number } | "hang";

/**
 * A real local HTTP server speaking HubSpot's GET /crm/v3/objects/contacts/{id} (the
 * documented JSON: { id, properties, createdAt, updatedAt, archived }, 404 with HubSpot's
 * error body for unknown ids, 401 without the Bearer token). Failures can be injected.
 */
export class FakeHubspotApi {
  readonly contacts = new Map<string, FakeContact>();
  readonly requests: { path: string; authorization: string | undefined }[] = [];
  private failures: FakeFailure[] = [];
  private hanging = new Set<ServerResponse>();
  private server: Server | null = null;

  constructor(private readonly token: string) {}

  /** The next requests fail like this, one failure per request, in order. */
  failNext(...failures: FakeFailure[]) {
    this.failures.push(...failures);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  private handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    this.requests.push({
      path: url.pathname + url.search,
      authorization: req.headers.authorization,
    });
    const failure = this.failures.shift();
    if (failure === "hang") {
      this.hanging.add(res);
      return;
    }
    if (failure) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (failure.retryAfter) headers["retry-after"] = String(failure.retryAfter);
      res.writeHead(failure.status, headers);
      res.end(
        JSON.stringify({ status: "error", message: "injected failure", category: "RATE_LIMITS" }),
      );
      return;
    }
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      return json(res, 401, {
        status: "error",
        message: "Authentication credentials not found.",
        category: "INVALID_AUTHENTICATION",
      });
    }
    const match = /^\/crm\/v3\/objects\/contacts\/([^/]+)$/.exec(url.pathname);
    if (req.method !== "GET" || !match) {
      return json(res, 404, {
        status: "error",
        message: "Not found",
        category: "OBJECT_NOT_FOUND",
      });
    }
    const id = decodeURIComponent(match[1]);
    const contact = this.contacts.get(id);
    if (!contact) {
      return json(res, 404, {
        status: "error",
        message: "resource not found",
        category: "OBJECT_NOT_FOUND",
      });
    }
    const wanted = (url.searchParams.get("properties") ?? "").split(",").filter(Boolean);
    const now = new Date().toISOString();
    const all: Record<string, string | null> = {
      ...Object.fromEntries(Object.entries(contact).map(([k, v]) => [k, v ?? null])),
      hs_object_id: id,
      createdate: now,
      lastmodifieddate: now,
    };
    const properties = Object.fromEntries(
      [...wanted, "hs_object_id", "createdate", "lastmodifieddate"].map((k) => [k, all[k] ?? null]),
    );
    json(res, 200, { id, properties, createdAt: now, updatedAt: now, archived: false });
  }
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json;charset=utf-8" });
  res.end(JSON.stringify(body));
}
