import {
  joinUrl,
  requestJson,
  unsupportedAction,
  type FetchLike,
} from "@/lib/integrations/connector/http";
import {
  ConnectorError,
  type Connector,
  type ConnectorResult,
  type CustomerSnapshot,
  type SyncTaskInput,
} from "@/lib/integrations/connector/types";
import {
  ticketBody,
  ticketExternalId,
  ticketGroupFor,
  ticketPriorityFor,
  ticketSubject,
  type TicketGroupRules,
} from "./ticket";

export type ZendeskConfig = {
  /** ZENDESK_API_BASE; when unset, https://{subdomain}.zendesk.com. */
  apiBase?: string;
  /** ZENDESK_SUBDOMAIN. */
  subdomain?: string;
  /** ZENDESK_EMAIL: the agent the API token belongs to. */
  email?: string;
  /** ZENDESK_API_TOKEN. */
  apiToken?: string;
  /** ZENDESK_GROUP_RULES: group id per cause, plus "default". */
  groupRules?: TicketGroupRules;
  fetch?: FetchLike;
};

type Ticket = {
  id: number;
  status: string;
  requester_id?: number | null;
  assignee_id?: number | null;
  external_id?: string | null;
};

const SERVICE = "Zendesk";
const UNSOLVED = new Set(["new", "open", "pending", "hold"]);

/**
 * The support connector: `support.open_ticket` keeps at most one ticket per customer and
 * cause (looked up by external_id first, created with an Idempotency-Key), and
 * `support.solve_ticket` solves it when the cause clears. Notes are internal (not public)
 * because they carry billing context the requester must not receive by email.
 */
export function createZendeskConnector(config: ZendeskConfig): Connector {
  const base =
    config.apiBase ?? (config.subdomain ? `https://${config.subdomain}.zendesk.com` : undefined);
  const basic = Buffer.from(`${config.email}/token:${config.apiToken}`).toString("base64");
  const secrets = [config.apiToken, basic];

  function notConfiguredReason(): string | null {
    const missing = [
      base ? null : "ZENDESK_SUBDOMAIN (or ZENDESK_API_BASE)",
      config.email ? null : "ZENDESK_EMAIL",
      config.apiToken ? null : "ZENDESK_API_TOKEN",
    ].filter(Boolean);
    if (missing.length === 0) return null;
    return `${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set`;
  }

  function call<T>(
    signal: AbortSignal,
    what: string,
    method: "GET" | "POST" | "PUT",
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    return requestJson<T>({
      service: SERVICE,
      what,
      method,
      url: joinUrl(base!, path),
      headers: { authorization: `Basic ${basic}`, ...headers },
      body,
      // 409: a concurrent request with the same Idempotency-Key is still in progress (or
      // the ticket was updated concurrently); the retry starts from the lookup again.
      retryOn: [409],
      signal,
      fetch: config.fetch,
      secrets,
    });
  }

  async function findTickets(externalId: string, signal: AbortSignal): Promise<Ticket[]> {
    const { data } = await call<{ tickets?: Ticket[] }>(
      signal,
      "ticket lookup",
      "GET",
      `/api/v2/tickets.json?external_id=${encodeURIComponent(externalId)}`,
    );
    return data?.tickets ?? [];
  }

  function found(t: Ticket, detail: string): ConnectorResult {
    return {
      externalRef: String(t.id),
      detail,
      identity: t.requester_id ? { supportUserId: String(t.requester_id) } : undefined,
    };
  }

  /**
   * Idempotent: safe to run any number of times for the same cause; at most one ticket per
   * customer and cause. A ticket that was already solved is not reopened by a late replay.
   */
  async function openTicket(
    task: SyncTaskInput<"support.open_ticket">,
    customer: CustomerSnapshot,
    signal: AbortSignal,
  ): Promise<ConnectorResult> {
    if (!customer.email) {
      throw new ConnectorError("Zendesk ticket: the customer has no email", "permanent");
    }
    const p = task.payload;
    const externalId = ticketExternalId(customer.id, p.cause, p.causeId);
    const existing = await findTickets(externalId, signal);
    const open = existing.find((t) => UNSOLVED.has(t.status));
    if (open) return found(open, "ticket already open");
    if (existing[0])
      return found(existing[0], `ticket already ${existing[0].status}; not reopened`);

    const groupId = ticketGroupFor(p.cause, config.groupRules);
    const ticket = {
      subject: ticketSubject(p, customer),
      comment: { body: ticketBody(task, customer), public: false },
      requester: { email: customer.email, name: customer.name ?? customer.email },
      external_id: externalId,
      tags: ["launch-ready", p.cause],
      priority: ticketPriorityFor(p.cause),
      ...(groupId ? { group_id: groupId } : {}),
    };
    try {
      const { data } = await call<{ ticket?: Ticket }>(
        signal,
        "ticket create",
        "POST",
        "/api/v2/tickets.json",
        { ticket },
        { "idempotency-key": task.idempotencyKey },
      );
      if (!data?.ticket?.id) {
        throw new ConnectorError("Zendesk ticket create returned no ticket", "retryable");
      }
      return found(data.ticket, "ticket created");
    } catch (err) {
      // Same key, different body: a concurrent run of this task (with a newer snapshot)
      // already created it. Converge on that ticket instead of dying.
      if (err instanceof ConnectorError && /IdempotentRequestError/.test(err.message)) {
        const again = await findTickets(externalId, signal);
        if (again[0]) return found(again[0], "ticket already open");
        throw new ConnectorError(err.message, "retryable", err.retryAfterMs);
      }
      throw err;
    }
  }

  /** Idempotent: solving an already solved ticket, or none, succeeds without changes. */
  async function solveTicket(
    task: SyncTaskInput<"support.solve_ticket">,
    customer: CustomerSnapshot,
    signal: AbortSignal,
  ): Promise<ConnectorResult> {
    const p = task.payload;
    const existing = await findTickets(ticketExternalId(customer.id, p.cause, p.causeId), signal);
    const open = existing.filter((t) => UNSOLVED.has(t.status));
    if (open.length === 0) {
      return existing[0]
        ? found(existing[0], `ticket already ${existing[0].status}`)
        : { detail: "nothing to solve" };
    }
    for (const t of open) {
      await call<{ ticket?: Ticket }>(
        signal,
        "ticket solve",
        "PUT",
        `/api/v2/tickets/${t.id}.json`,
        {
          ticket: {
            status: "solved",
            comment: {
              body: `Solved automatically by Launch Ready: ${p.resolution}`,
              public: false,
            },
            // Zendesk requires an assignee on solved tickets: the API agent takes it if none.
            ...(t.assignee_id ? {} : { assignee_email: config.email }),
          },
        },
      );
    }
    return found(open[0], open.length === 1 ? "ticket solved" : `${open.length} tickets solved`);
  }

  return {
    target: "support",
    notConfiguredReason,
    async perform(task: SyncTaskInput, customer: CustomerSnapshot, signal: AbortSignal) {
      const reason = notConfiguredReason();
      if (reason) throw new ConnectorError(reason, "permanent");
      if (task.action === "support.open_ticket") {
        return openTicket(task as SyncTaskInput<"support.open_ticket">, customer, signal);
      }
      if (task.action === "support.solve_ticket") {
        return solveTicket(task as SyncTaskInput<"support.solve_ticket">, customer, signal);
      }
      throw unsupportedAction(SERVICE, task.action);
    },
  };
}
