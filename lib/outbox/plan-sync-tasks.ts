import type { AccessReason } from "@/lib/access/policy";
import type { SyncAction, SyncPayloads, SyncTarget } from "@/lib/integrations/connector/types";

export type StateChange = {
  customerId: string;
  before: { accessStatus: string; billingStatus: string; reasonCodes?: string[] } | null;
  after: { accessStatus: string; billingStatus: string; reasons: AccessReason[]; since: string };
  cause: {
    /** The ledger event id, or actor and time for manual and clock-driven changes. */
    causeKey: string;
    correlationId: string;
    failedInvoice?: {
      id: string;
      amountDue: number | null;
      currency: string | null;
      nextAttemptAt: string | null;
    };
    disputeId?: string;
  };
};

export type TaskSpec = {
  [A in SyncAction]: {
    target: SyncTarget;
    action: A;
    idempotencyKey: string;
    payload: SyncPayloads[A];
  };
}[SyncAction];

const BAD_STANDING = new Set(["past_due", "blocked"]);

/**
 * The side effects one state change calls for, each keyed by its business cause so that
 * replays and duplicates plan the same keys (and the outbox's unique key drops them).
 * Pure: the caller persists the specs in the same transaction as the change.
 */
export function planSyncTasks(change: StateChange): TaskSpec[] {
  const { customerId: c, before, after, cause } = change;
  const accessChanged = before?.accessStatus !== after.accessStatus;
  const billingChanged = before?.billingStatus !== after.billingStatus;
  const reasonsChanged =
    (before?.reasonCodes ?? []).join() !== after.reasons.map((r) => r.code).join();
  const specs: TaskSpec[] = [];

  // The CRM mirrors billing, access and the reason, so any of them changing updates it.
  if (accessChanged || billingChanged || reasonsChanged) {
    specs.push({
      target: "crm",
      action: "crm.upsert_contact",
      idempotencyKey: `crm:${c}:${cause.causeKey}`,
      payload: {},
    });
  }
  if (accessChanged) {
    specs.push({
      target: "app",
      action: "app.access_changed",
      idempotencyKey: `app-access:${c}:${cause.causeKey}`,
      payload: {
        from: before?.accessStatus ?? null,
        to: after.accessStatus,
        reasons: after.reasons,
        changedAt: after.since,
      },
    });
  }
  if (after.accessStatus === "active" && before?.accessStatus !== "active") {
    specs.push({
      target: "email",
      action: "email.welcome",
      idempotencyKey: `welcome-email:${c}`,
      payload: {},
    });
  }
  const inv = cause.failedInvoice;
  if (inv && BAD_STANDING.has(after.accessStatus)) {
    specs.push(
      {
        target: "email",
        action: "email.dunning",
        idempotencyKey: `dunning:${inv.id}`,
        payload: {
          invoiceId: inv.id,
          amountDue: inv.amountDue,
          currency: inv.currency,
          nextAttemptAt: inv.nextAttemptAt,
        },
      },
      {
        target: "support",
        action: "support.open_ticket",
        idempotencyKey: `ticket:payment-failed:${inv.id}`,
        payload: {
          cause: "payment_failed",
          causeId: inv.id,
          invoiceId: inv.id,
          amountDue: inv.amountDue,
          currency: inv.currency,
        },
      },
    );
  }
  if (cause.disputeId) {
    specs.push({
      target: "support",
      action: "support.open_ticket",
      idempotencyKey: `ticket:dispute:${cause.disputeId}`,
      payload: { cause: "dispute", causeId: cause.disputeId },
    });
  }
  if (after.accessStatus === "blocked" && before?.accessStatus !== "blocked") {
    specs.push({
      target: "support",
      action: "support.open_ticket",
      idempotencyKey: `ticket:blocked:${c}:${after.since}`,
      payload: { cause: "blocked", causeId: after.since },
    });
  }
  return specs;
}
