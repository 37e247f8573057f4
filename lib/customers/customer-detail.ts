import type { Db } from "@/lib/db";
import { getCustomerRow } from "@/lib/customers/queries";
import { openIdentityConflicts } from "@/lib/exceptions/queries";
import type { SyncTarget } from "@/lib/generated/prisma/enums";
import { redactText } from "@/lib/redact";

export type TimelineItem = {
  at: string;
  kind: "ledger" | "access" | "sync" | "action";
  title: string;
  /** The system and the machine name behind the title (the page words them plainly). */
  source: string;
  code: string;
  status: string;
  detail: string | null;
  correlationId: string | null;
  refId: string;
};

export type SystemSync = {
  target: SyncTarget;
  state: "ok" | "pending" | "failed" | "skipped" | "never";
  lastSuccessAt: string | null;
  lastError: string | null;
  tasks: number;
};

const TARGETS: SyncTarget[] = ["crm", "support", "email", "app"];

/** What people did on this customer that the journey shows (from the audit log). */
export const TIMELINE_ACTIONS = [
  "customer.payment_link",
  "customer.note",
  "customer.sync_retry",
  "customer.merge",
  "customer.keep_separate",
  "access.override_grant",
  "access.override_block",
  "access.override_revoke",
  "approval.request",
  "approval.execute",
  "approval.execute_failed",
];
const redactOrNull = (s: string | null | undefined) => (s ? redactText(s) : null);
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** Per-system sync state from the customer's outbox tasks (worst open state wins). */
export function systemSyncOf(
  tasks: {
    target: SyncTarget;
    status: string;
    lastSuccessAt: Date | null;
    lastError: string | null;
  }[],
): SystemSync[] {
  return TARGETS.map((target) => {
    const mine = tasks.filter((t) => t.target === target);
    const lastSuccess = mine
      .map((t) => t.lastSuccessAt)
      .filter((d): d is Date => !!d)
      .sort((a, b) => b.getTime() - a.getTime())[0];
    const dead = mine.find((t) => t.status === "dead");
    const open = mine.find((t) => ["pending", "running", "failed"].includes(t.status));
    const state: SystemSync["state"] = dead
      ? "failed"
      : open
        ? "pending"
        : mine.some((t) => t.status === "succeeded")
          ? "ok"
          : mine.length
            ? "skipped"
            : "never";
    return {
      target,
      state,
      lastSuccessAt: iso(lastSuccess),
      lastError: redactOrNull((dead ?? open)?.lastError),
      tasks: mine.length,
    };
  });
}

/**
 * Everything the customer detail page shows: the row (identities, billing, access and
 * reasons), subscriptions and last invoice, per-system sync, the journey timeline (ledger
 * events, access transitions and sync tasks, grouped by correlation id, newest cause first),
 * notes and open identity conflicts.
 */
export async function getCustomerDetail(db: Db, id: string) {
  const row = await getCustomerRow(db, id);
  if (!row) return null;
  const [lastInvoice, tasks, ledger, transitions, notes, conflicts, actions] = await Promise.all([
    db.invoice.findFirst({
      where: { customerId: id },
      orderBy: [{ stripeCreatedAt: { sort: "desc", nulls: "last" } }, { stripeEventAt: "desc" }],
    }),
    db.syncTask.findMany({
      where: { customerId: id },
      orderBy: { createdAt: "desc" },
      take: 200,
      select: {
        id: true,
        target: true,
        action: true,
        status: true,
        attempts: true,
        lastError: true,
        lastSuccessAt: true,
        correlationId: true,
        createdAt: true,
        updatedAt: true,
      },
    }),
    db.ledgerEvent.findMany({
      where: { customerId: id },
      orderBy: { occurredAt: "desc" },
      take: 200,
      select: {
        id: true,
        source: true,
        type: true,
        status: true,
        occurredAt: true,
        correlationId: true,
        error: true,
      },
    }),
    db.accessTransition.findMany({
      where: { customerId: id },
      orderBy: { at: "desc" },
      take: 200,
    }),
    db.customerNote.findMany({
      where: { customerId: id },
      orderBy: { createdAt: "desc" },
      take: 100,
    }),
    openIdentityConflicts(db, id),
    db.auditLog.findMany({
      where: { target: id, action: { in: TIMELINE_ACTIONS } },
      orderBy: { at: "desc" },
      take: 100,
    }),
  ]);
  const correlationOfLedger = new Map(ledger.map((l) => [l.id, l.correlationId]));
  const timeline: TimelineItem[] = [
    ...ledger.map((l) => ({
      at: l.occurredAt.toISOString(),
      kind: "ledger" as const,
      title: `${l.source}: ${l.type}`,
      source: l.source,
      code: l.type,
      status: l.status,
      detail: l.error && redactText(l.error),
      correlationId: l.correlationId,
      refId: l.id,
    })),
    ...transitions.map((t) => ({
      at: t.at.toISOString(),
      kind: "access" as const,
      title: `Access ${t.from ?? "new"} → ${t.to}`,
      source: "access",
      code: t.from ?? "new",
      status: t.to,
      detail: t.actor ? `by ${t.actor}` : null,
      correlationId: t.ledgerEventId ? (correlationOfLedger.get(t.ledgerEventId) ?? null) : null,
      refId: t.id,
    })),
    ...tasks.map((t) => ({
      at: t.createdAt.toISOString(),
      kind: "sync" as const,
      title: `${t.target}: ${t.action}`,
      source: t.target,
      code: t.action,
      status: t.status,
      detail: t.lastError && redactText(t.lastError),
      correlationId: t.correlationId,
      refId: t.id,
    })),
    ...actions.map((a) => ({
      at: a.at.toISOString(),
      kind: "action" as const,
      title: a.action,
      source: "dashboard",
      code: a.action,
      status: "done",
      detail: `by ${a.actor}`,
      correlationId: null,
      refId: a.id,
    })),
  ];
  // Side effects run when we process an event, not when the provider says it happened: order
  // the journey by cause. Each correlation group sits at its ledger event's time (newest
  // group first) and reads event → access change → side effects inside.
  const groupAt = new Map<string, string>();
  for (const l of ledger) {
    const at = l.occurredAt.toISOString();
    const prev = groupAt.get(l.correlationId);
    if (!prev || at < prev) groupAt.set(l.correlationId, at);
  }
  const anchor = (i: TimelineItem) => (i.correlationId && groupAt.get(i.correlationId)) || i.at;
  const rank = { ledger: 0, access: 1, sync: 2, action: 3 } as const;
  timeline.sort(
    (a, b) =>
      anchor(b).localeCompare(anchor(a)) ||
      (a.correlationId ?? "").localeCompare(b.correlationId ?? "") ||
      rank[a.kind] - rank[b.kind] ||
      a.at.localeCompare(b.at),
  );
  return {
    customer: row,
    lastInvoice: lastInvoice && {
      id: lastInvoice.stripeInvoiceId,
      status: lastInvoice.status,
      amountDue: lastInvoice.amountDue,
      amountPaid: lastInvoice.amountPaid,
      currency: lastInvoice.currency,
      createdAt: iso(lastInvoice.stripeCreatedAt),
      failureCode: lastInvoice.failureCode,
      nextPaymentAttempt: iso(lastInvoice.nextPaymentAttempt),
    },
    systems: systemSyncOf(tasks),
    /** Open identity conflicts naming this record (either side), with the other record. */
    conflicts,
    timeline,
    notes: notes.map((n) => ({
      id: n.id,
      body: n.body,
      author: n.author,
      createdAt: n.createdAt.toISOString(),
    })),
  };
}
export type CustomerDetail = NonNullable<Awaited<ReturnType<typeof getCustomerDetail>>>;
