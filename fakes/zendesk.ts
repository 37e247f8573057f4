import { createHash } from "node:crypto";
import { startFakeServer, type FakeRequest, type FakeResponse } from "./fake-server";

export type FakeTicket = {
  id: number;
  url: string;
  external_id: string | null;
  subject: string;
  description: string;
  status: "new" | "open" | "pending" | "hold" | "solved" | "closed";
  priority: string | null;
  requester_id: number;
  assignee_id: number | null;
  group_id: number | null;
  tags: string[];
  comments: { body: string; public: boolean; author_id: number; created_at: string }[];
  created_at: string;
  updated_at: string;
};

/** A Zendesk webhook as GET /api/v2/webhooks lists it (Webhooks API JSON format). */
export type FakeWebhook = {
  id: string;
  name: string;
  status: "active" | "inactive";
  endpoint: string;
  http_method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  request_format: "json" | "xml" | "form_encoded";
  /** e.g. "conditional_ticket_events" (trigger-connected) or "zen:event-type:user.created". */
  subscriptions: string[];
  created_at: string;
  created_by: string;
};

export type FakeUser = { id: number; name: string; email: string; role: "end-user" | "agent" };

type TicketInput = {
  subject?: string;
  comment?: { body?: string; public?: boolean };
  requester?: { email?: string; name?: string };
  external_id?: string;
  tags?: string[];
  priority?: string;
  group_id?: number;
  status?: FakeTicket["status"];
  assignee_email?: string;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Zendesk keeps an idempotency key's result for two hours. */
const IDEMPOTENCY_TTL_MS = 2 * 60 * 60 * 1000;

const notFound = (): FakeResponse => ({
  status: 404,
  body: { error: "RecordNotFound", description: "Not found" },
});
const invalid = (field: string, description: string): FakeResponse => ({
  status: 422,
  body: {
    error: "RecordInvalid",
    description: "Record validation errors",
    details: { [field]: [{ description }] },
  },
});

/**
 * A local Zendesk Support tickets API: create (POST /api/v2/tickets.json, honouring
 * Idempotency-Key: a replay with the same key and body returns the first response with
 * `x-idempotency-lookup: hit`, the same key with another body is a 400
 * IdempotentRequestError), list by external_id (GET /api/v2/tickets.json?external_id=),
 * show and update (GET/PUT /api/v2/tickets/{id}.json), with basic `email/token:token` auth.
 * Like Zendesk it does not make external_id unique: only the client can prevent duplicates.
 * Webhooks: GET /api/v2/webhooks lists what `putWebhook` stored, with cursor pagination
 * (`page[size]`, default 100; `page[after]`; `meta.has_more`, `links.next`).
 */
export async function startFakeZendesk(
  opts: {
    port?: number;
    email?: string;
    apiToken?: string;
    /** Called with a one-line description of every change (the demo prints them). */
    onEvent?: (line: string) => void;
  } = {},
) {
  const tickets = new Map<number, FakeTicket>();
  const users = new Map<string, FakeUser>();
  const webhooks = new Map<string, FakeWebhook>();
  const idempotency = new Map<
    string,
    { fingerprint: string; response: Promise<FakeResponse>; expiresAt: number }
  >();
  let nextTicketId = 1;
  let nextUserId = 9001;
  let base = "";

  function userFor(email: string, name: string | undefined, role: FakeUser["role"] = "end-user") {
    const key = email.toLowerCase();
    let u = users.get(key);
    if (!u) {
      u = { id: nextUserId++, name: name ?? email, email: key, role };
      users.set(key, u);
    }
    return u;
  }
  const agent = () => userFor(opts.email ?? "agent@example.com", "API agent", "agent");

  function authorised(req: FakeRequest) {
    if (!opts.apiToken) return true;
    const expected = Buffer.from(`${opts.email}/token:${opts.apiToken}`).toString("base64");
    return req.headers.authorization === `Basic ${expected}`;
  }

  function view(t: FakeTicket) {
    const { comments: _comments, ...rest } = t;
    return rest;
  }

  function create(input: TicketInput | undefined): FakeResponse {
    if (!input)
      return { status: 400, body: { error: "InvalidEndpoint", description: "ticket is required" } };
    if (!input.comment?.body) return invalid("description", "Description: cannot be blank");
    const email = input.requester?.email;
    if (!email || !EMAIL.test(email)) return invalid("requester", "Requester: Email is invalid");
    const requester = userFor(email, input.requester?.name);
    const now = new Date().toISOString();
    const id = nextTicketId++;
    const t: FakeTicket = {
      id,
      url: `${base}/api/v2/tickets/${id}.json`,
      external_id: input.external_id ?? null,
      subject: input.subject ?? input.comment.body.slice(0, 80),
      description: input.comment.body,
      status: input.status ?? "new",
      priority: input.priority ?? null,
      requester_id: requester.id,
      assignee_id: null,
      group_id: input.group_id ?? null,
      tags: input.tags ?? [],
      comments: [
        {
          body: input.comment.body,
          public: input.comment.public ?? true,
          author_id: agent().id,
          created_at: now,
        },
      ],
      created_at: now,
      updated_at: now,
    };
    tickets.set(id, t);
    opts.onEvent?.(`Zendesk: ticket #${id} created: ${t.subject}`);
    return { status: 201, headers: { location: t.url }, body: { ticket: view(t) } };
  }

  async function createIdempotent(req: FakeRequest): Promise<FakeResponse> {
    const input = (req.json as { ticket?: TicketInput } | undefined)?.ticket;
    const key = req.headers["idempotency-key"];
    if (typeof key !== "string") return create(input);
    const fingerprint = createHash("sha256").update(req.body).digest("hex");
    const now = Date.now();
    const seen = idempotency.get(key);
    if (seen && seen.expiresAt > now) {
      if (seen.fingerprint !== fingerprint) {
        return {
          status: 400,
          body: {
            error: "IdempotentRequestError",
            description: "Request parameters do not match the original request",
          },
        };
      }
      const replay = await seen.response;
      return { ...replay, headers: { ...replay.headers, "x-idempotency-lookup": "hit" } };
    }
    // Registered before any await, so a concurrent request with the same key waits for this one.
    const response = Promise.resolve(create(input));
    idempotency.set(key, { fingerprint, response, expiresAt: now + IDEMPOTENCY_TTL_MS });
    const first = await response;
    return { ...first, headers: { ...first.headers, "x-idempotency-lookup": "miss" } };
  }

  function update(t: FakeTicket, input: TicketInput | undefined): FakeResponse {
    if (!input)
      return { status: 400, body: { error: "InvalidEndpoint", description: "ticket is required" } };
    if (t.status === "closed") return invalid("status", "Status: closed prevents ticket update");
    const now = new Date().toISOString();
    if (input.assignee_email) t.assignee_id = userFor(input.assignee_email, undefined, "agent").id;
    if (input.status === "solved" && !t.assignee_id) {
      return invalid("assignee", "Assignee: is required when solving a ticket");
    }
    if (input.status) t.status = input.status;
    if (input.priority) t.priority = input.priority;
    if (input.tags) t.tags = input.tags;
    if (input.comment?.body) {
      t.comments.push({
        body: input.comment.body,
        public: input.comment.public ?? true,
        author_id: agent().id,
        created_at: now,
      });
    }
    t.updated_at = now;
    opts.onEvent?.(`Zendesk: ticket #${t.id} updated (${t.status})`);
    return { status: 200, body: { ticket: view(t), audit: { ticket_id: t.id, created_at: now } } };
  }

  function listWebhooks(req: FakeRequest): FakeResponse {
    const size = Math.min(Math.max(Number(req.query.get("page[size]") ?? 100) || 100, 1), 100);
    const all = [...webhooks.values()].sort((a, b) => a.id.localeCompare(b.id));
    const after = req.query.get("page[after]");
    const start = after ? all.findIndex((w) => w.id === after) + 1 : 0;
    const page = all.slice(start, start + size);
    const hasMore = start + size < all.length;
    const last = page.at(-1)?.id ?? null;
    return {
      status: 200,
      body: {
        webhooks: page,
        meta: { has_more: hasMore, after_cursor: hasMore ? last : null, before_cursor: null },
        links: {
          next: hasMore ? `${base}/api/v2/webhooks?page[size]=${size}&page[after]=${last}` : null,
          prev: null,
        },
      },
    };
  }

  const server = await startFakeServer({
    name: "zendesk",
    port: opts.port,
    inspect: () => ({ tickets: [...tickets.values()], users: [...users.values()] }),
    async handle(req) {
      if (!authorised(req)) {
        return { status: 401, body: { error: "Couldn't authenticate you" } };
      }
      if (req.path === "/api/v2/tickets.json" || req.path === "/api/v2/tickets") {
        if (req.method === "POST") return createIdempotent(req);
        if (req.method === "GET") {
          const ext = req.query.get("external_id");
          const list = [...tickets.values()].filter((t) => ext === null || t.external_id === ext);
          return {
            status: 200,
            body: {
              tickets: list.map(view),
              next_page: null,
              previous_page: null,
              count: list.length,
            },
          };
        }
      }
      if (req.path === "/api/v2/webhooks" && req.method === "GET") return listWebhooks(req);
      const one = /^\/api\/v2\/tickets\/(\d+)(\.json)?$/.exec(req.path);
      if (one) {
        const t = tickets.get(Number(one[1]));
        if (!t) return notFound();
        if (req.method === "GET") return { status: 200, body: { ticket: view(t) } };
        if (req.method === "PUT") {
          return update(t, (req.json as { ticket?: TicketInput } | undefined)?.ticket);
        }
      }
      return notFound();
    },
  });
  base = server.url;

  return {
    ...server,
    /** Every stored ticket with its comments (copies), oldest first. */
    tickets: (): FakeTicket[] => [...tickets.values()].map((t) => structuredClone(t)),
    users: (): FakeUser[] => [...users.values()].map((u) => ({ ...u })),
    /** Stores (or replaces) a webhook as the Webhooks API would list it. */
    putWebhook(w: Partial<FakeWebhook> & Pick<FakeWebhook, "id" | "endpoint">): void {
      webhooks.set(w.id, {
        name: w.id,
        status: "active",
        http_method: "POST",
        request_format: "json",
        subscriptions: ["conditional_ticket_events"],
        created_at: new Date().toISOString(),
        created_by: "9000",
        ...w,
      });
    },
    /** Forgets tickets, users, idempotency keys and recorded requests (faults stay). */
    clear() {
      server.requests.length = 0;
      tickets.clear();
      users.clear();
      idempotency.clear();
      webhooks.clear();
    },
  };
}

export type FakeZendesk = Awaited<ReturnType<typeof startFakeZendesk>>;
