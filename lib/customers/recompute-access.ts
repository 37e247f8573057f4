import type { Tx } from "@/lib/db";
import type { AccessDecision, AccessInput, PolicyConfig } from "@/lib/access/facts";
import { computeAccess } from "@/lib/access/policy";
import { loadAccessFacts } from "@/lib/customers/customer-rows";
import { env } from "@/lib/env";
import type { Dispute, Invoice, Subscription } from "@/lib/generated/prisma/client";
import { enqueueStateChangeTasks } from "@/lib/outbox/enqueue-state-change";
import type { StateChange } from "@/lib/outbox/plan-sync-tasks";

/** Policy numbers from configuration. */
export function policyConfig(): PolicyConfig {
  return {
    pastDueGraceDays: env.PAST_DUE_GRACE_DAYS,
    requireIdentityVerification: env.REQUIRE_IDENTITY_VERIFICATION,
  };
}

const BILLING_PRIORITY = [
  "active",
  "trialing",
  "past_due",
  "unpaid",
  "paused",
  "incomplete",
  "canceled",
  "incomplete_expired",
];

/** One summary billing status for lists and filters (Stripe's status of the most relevant subscription). */
export function summarizeBilling(subs: Subscription[], invoices: Invoice[]): string {
  if (subs.length) {
    const statuses = subs.map((s) => s.status);
    return BILLING_PRIORITY.find((s) => statuses.includes(s)) ?? statuses.sort()[0];
  }
  const failing = invoices.some(
    (i) => (i.status === "open" || i.status === "uncollectible") && i.firstFailedAt,
  );
  if (failing) return "past_due";
  return invoices.some((i) => i.status === "paid") ? "active" : "none";
}

/** JSON with sorted keys: jsonb does not keep key order, so compare canonically. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

export type AccessCause = { ledgerEventId?: string; actor?: string; correlationId?: string };

const OPEN_DISPUTE = new Set([
  "warning_needs_response",
  "warning_under_review",
  "needs_response",
  "under_review",
]);

/** What the side effects of a change need to know about unpaid invoices and open disputes. */
function sideEffectFacts(
  invoices: Invoice[],
  disputes: Dispute[],
): Pick<StateChange["cause"], "failedInvoice" | "disputeId"> {
  const failing = invoices
    .filter((i) => (i.status === "open" || i.status === "uncollectible") && i.firstFailedAt)
    .sort((a, b) => b.firstFailedAt!.getTime() - a.firstFailedAt!.getTime())[0];
  const dispute = disputes.find((d) => OPEN_DISPUTE.has(d.status));
  return {
    failedInvoice: failing && {
      id: failing.stripeInvoiceId,
      amountDue: failing.amountDue,
      currency: failing.currency,
      nextAttemptAt: failing.nextPaymentAttempt?.toISOString() ?? null,
    },
    disputeId: dispute?.stripeDisputeId,
  };
}

/**
 * Recomputes a customer's access from everything stored about them and the clock, stores
 * status, reasons and the next re-evaluation time, and appends an access transition when
 * the status changes. Writes nothing when nothing changed.
 * Idempotent: safe to run any number of times for the same event.
 */
export async function recomputeAccess(
  tx: Tx,
  customerId: string,
  cause: AccessCause,
  now = new Date(),
  /** Other columns of the customer to write with it (in the same UPDATE), already decided by the caller. */
  also: { firstSeenAt?: Date; billingEventAt?: Date } = {},
): Promise<
  AccessDecision & {
    billingStatus: string;
    changed: boolean;
    syncTasks: { id: string; customerId: string }[];
  }
> {
  // Everything the policy looks at, in one statement (the ORM's include takes six).
  const c = await loadAccessFacts(tx, customerId);
  if (!c) throw new Error(`No Customer found with id ${customerId}`);
  const input: AccessInput = {
    now,
    config: policyConfig(),
    firstSeenAt: also.firstSeenAt ?? c.firstSeenAt ?? c.createdAt,
    subscriptions: c.subscriptions.map((s) => ({
      ...s,
      id: s.stripeSubscriptionId,
      statusSince: s.stripeEventAt,
    })),
    invoices: c.invoices.map((i) => ({ ...i, id: i.stripeInvoiceId })),
    charges: c.charges.map((ch) => ({
      ...ch,
      id: ch.stripeChargeId,
      refundedAt: ch.stripeEventAt,
    })),
    disputes: c.disputes.map((d) => ({ ...d, id: d.stripeDisputeId })),
    identity: { status: c.identityStatus, since: c.identityEventAt },
    overrides: c.overrides,
    stripeDeletedAt: c.stripeDeletedAt,
  };
  const decision = computeAccess(input);
  const billingStatus = summarizeBilling(c.subscriptions, c.invoices);
  const last = [...c.invoices].sort(
    (a, b) =>
      (b.stripeCreatedAt?.getTime() ?? 0) - (a.stripeCreatedAt?.getTime() ?? 0) ||
      b.stripeInvoiceId.localeCompare(a.stripeInvoiceId),
  )[0];
  const next = {
    accessStatus: decision.status,
    accessReasons: decision.reasons,
    accessReevaluateAt: decision.reevaluateAt,
    billingStatus,
    lastInvoiceStatus: last?.status ?? null,
    lastInvoiceAmountDue: last?.amountDue ?? null,
  };
  const changed =
    c.accessStatus !== next.accessStatus ||
    canonical(c.accessReasons) !== canonical(next.accessReasons) ||
    c.accessReevaluateAt?.getTime() !== next.accessReevaluateAt?.getTime() ||
    c.billingStatus !== billingStatus ||
    c.lastInvoiceStatus !== next.lastInvoiceStatus ||
    c.lastInvoiceAmountDue !== next.lastInvoiceAmountDue;
  if (changed) {
    await tx.customer.update({
      where: { id: c.id },
      data: { ...also, ...next, accessComputedAt: now },
    });
  } else if (Object.keys(also).length) {
    await tx.customer.update({ where: { id: c.id }, data: also });
  }
  if (c.accessStatus !== decision.status) {
    await tx.accessTransition.create({
      data: {
        customerId: c.id,
        from: c.accessStatus,
        to: decision.status,
        ledgerEventId: cause.ledgerEventId ?? null,
        actor: cause.actor ?? null,
        reasons: decision.reasons,
        at: now,
      },
    });
  }
  // Side effects (CRM, app, emails, tickets) of the change, in the same transaction: the
  // outbox. Each is keyed by its business cause, so recomputing again plans nothing new.
  const syncTasks = changed
    ? await enqueueStateChangeTasks(tx, {
        customerId: c.id,
        before: {
          accessStatus: c.accessStatus,
          billingStatus: c.billingStatus,
          reasonCodes: ((c.accessReasons as { code: string }[]) ?? []).map((r) => r.code),
        },
        after: {
          accessStatus: decision.status,
          billingStatus,
          reasons: decision.reasons,
          since: decision.reasons[0]?.since ?? now.toISOString(),
        },
        cause: {
          causeKey: cause.ledgerEventId ?? `${cause.actor ?? "system"}@${now.toISOString()}`,
          correlationId: cause.correlationId ?? cause.ledgerEventId ?? cause.actor ?? "system",
          ...sideEffectFacts(c.invoices, c.disputes),
        },
      })
    : [];
  return { ...decision, billingStatus, changed, syncTasks };
}
