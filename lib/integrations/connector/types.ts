import type { AccessReason } from "@/lib/access/policy";

export type SyncTarget = "crm" | "support" | "email" | "app";

export type SyncAction =
  | "crm.upsert_contact"
  | "support.open_ticket"
  | "support.solve_ticket"
  | "email.welcome"
  | "email.dunning"
  | "email.payment_link"
  | "app.access_changed";

/** The customer as connectors see it: re-read from the database at run time, never from the payload. */
export type CustomerSnapshot = {
  id: string;
  /** Where to reach the person: their email, or the one they used while another record holds it. */
  email: string | null;
  /** True when `email` is held by another customer record (an open identity conflict). */
  emailClaimed: boolean;
  name: string | null;
  stripeCustomerId: string | null;
  crmContactId: string | null;
  supportUserId: string | null;
  appUserId: string | null;
  billingStatus: string;
  accessStatus: string;
  accessReasons: AccessReason[];
  plan: string | null;
  /** Link to the customer's page on the dashboard. */
  dashboardUrl: string;
  /** The latest ledger events of this customer, newest first (type and provider time). */
  recentEvents: { type: string; at: string }[];
};

export type TicketCause = "payment_failed" | "dispute" | "blocked";

/** Per-action payloads, fixed when the task is created (the business cause). */
export type SyncPayloads = {
  "crm.upsert_contact": Record<string, never>;
  "support.open_ticket": {
    cause: TicketCause;
    causeId: string;
    invoiceId?: string;
    amountDue?: number | null;
    currency?: string | null;
  };
  "support.solve_ticket": { cause: TicketCause; causeId: string; resolution: string };
  "email.welcome": Record<string, never>;
  "email.dunning": {
    invoiceId: string;
    amountDue: number | null;
    currency: string | null;
    nextAttemptAt: string | null;
  };
  /** A payment link a person sent from the dashboard (once per invoice). */
  "email.payment_link": {
    invoiceId: string;
    amountDue: number | null;
    currency: string | null;
    url: string;
  };
  "app.access_changed": {
    from: string | null;
    to: string;
    reasons: AccessReason[];
    changedAt: string;
  };
};

export type SyncTaskInput<A extends SyncAction = SyncAction> = {
  id: string;
  action: A;
  idempotencyKey: string;
  payload: SyncPayloads[A];
  correlationId: string;
  /** 1 on the first attempt. */
  attempt: number;
};

export type ConnectorResult = {
  /** The id of what was created or updated on the other side (contact, ticket, message id). */
  externalRef?: string;
  detail?: string;
  /** Ids learned on the other side, stored on the customer (e.g. the HubSpot contact id). */
  identity?: { crmContactId?: string; supportUserId?: string };
};

/**
 * A failed external call. `retryable`: 429, 5xx, timeouts, network errors (retried with
 * backoff; `retryAfterMs` from a Retry-After header wins). `permanent`: other 4xx, invalid
 * data (the task goes dead and an exception is opened).
 */
export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly kind: "retryable" | "permanent",
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "ConnectorError";
  }
}

export interface Connector {
  readonly target: SyncTarget;
  /** null when configured; otherwise why not (e.g. "HUBSPOT_ACCESS_TOKEN is not set"). Never a secret's value. */
  notConfiguredReason(): string | null;
  /** Performs one task. Must honour `signal` (timeout) and be idempotent for the task's idempotency key. */
  perform(
    task: SyncTaskInput,
    customer: CustomerSnapshot,
    signal: AbortSignal,
  ): Promise<ConnectorResult>;
}
