import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { z } from "zod";
import { ApprovalSummary } from "@/components/approvals/approval-summary";
import { DecisionButtons } from "@/components/approvals/decision-buttons";
import { RequestForm } from "@/components/approvals/request-form";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { approvalTargets, listApprovals, searchCustomers } from "@/lib/approvals/queries";
import { requirePage } from "@/lib/auth/guard";
import { decideApprovalAction, requestApprovalAction } from "@/app/actions/approvals";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Approvals" };
export const dynamic = "force-dynamic";

const STATUSES = ["pending", "succeeded", "failed", "rejected", "executing"] as const;
const ZParams = z.object({
  q: z.string().max(200).catch(""),
  customer: z.string().max(64).catch(""),
  status: z.enum(STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  decided: z
    .string()
    .max(700)
    .catch("")
    .transform((v) => v.split(",").filter(Boolean).slice(0, 10)),
});

const money = (cents: number | null, currency: string | null) =>
  `${((cents ?? 0) / 100).toFixed(2)} ${(currency ?? "").toUpperCase()}`.trim();

/** Staff request refunds, plan changes and overrides; admins approve or reject them here. */
export default async function ApprovalsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const actor = await requirePage("/approvals");
  const q = ZParams.parse(await searchParams);
  const mayRequest = can(actor.role, "approval.request");
  const mayDecide = can(actor.role, "approval.decide");
  const [matches, selected, list, decided] = await Promise.all([
    mayRequest ? searchCustomers(db, q.q) : [],
    mayRequest && q.customer ? approvalTargets(db, q.customer) : null,
    listApprovals(db, { status: q.status, page: q.page }),
    q.decided.length
      ? db.approvalRequest.findMany({
          where: { id: { in: q.decided }, status: { not: "pending" } },
          orderBy: { decidedAt: "desc" },
        })
      : [],
  ]);
  // Decided here a moment ago but no longer in this filtered list: keep them in sight.
  const listed = new Set(list.rows.map((r) => r.id));
  const justDecided = decided.filter((r) => !listed.has(r.id));
  const href = (over: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ status: q.status, page: q.page, ...over })) {
      if (v !== undefined && String(v) !== "" && !(k === "page" && v === 1)) p.set(k, String(v));
    }
    const s = p.toString();
    return s ? `/approvals?${s}` : "/approvals";
  };

  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Approvals</h1>

      {mayRequest && (
        <section
          aria-labelledby="request-title"
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-3 sm:p-4"
        >
          <h2 id="request-title" className="font-semibold">
            Request a refund, plan change or access change
          </h2>
          <form method="get" action="/approvals" role="search" className="flex gap-2">
            <label htmlFor="q" className="sr-only">
              Find a customer by email or name
            </label>
            <input
              id="q"
              name="q"
              defaultValue={q.q}
              placeholder="Find a customer by email or name"
              className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1.5 text-sm"
            />
            <button type="submit" className={buttonClass()}>
              Find
            </button>
          </form>
          {q.q.length >= 2 && !selected && (
            <ul className="divide-y divide-slate-100 text-sm" aria-label="Matching customers">
              {matches.length === 0 && (
                <li className="py-1 text-slate-600">No customer matches.</li>
              )}
              {matches.map((c) => (
                <li key={c.id} className="flex flex-wrap items-center gap-2 py-1.5">
                  <Link
                    href={`/approvals?q=${encodeURIComponent(q.q)}&customer=${c.id}`}
                    className="text-indigo-700 underline"
                  >
                    {c.email ?? c.id}
                  </Link>
                  <span className="text-slate-600">{c.name}</span>
                  <StatusBadge value={c.accessStatus} />
                </li>
              ))}
            </ul>
          )}
          {selected?.customer && (
            <div className="space-y-2">
              <p className="text-sm">
                For <strong>{selected.customer.email ?? selected.customer.id}</strong>{" "}
                <Link href={href({ customer: undefined })} className="text-indigo-700 underline">
                  change
                </Link>
              </p>
              <RequestForm
                request={requestApprovalAction}
                customerId={selected.customer.id}
                refundTargets={[
                  ...selected.charges
                    .filter((c) => c.amount > c.amountRefunded)
                    .map((c) => ({
                      value: `charge:${c.stripeChargeId}`,
                      label: `Charge ${c.stripeChargeId} — ${money(c.amount - c.amountRefunded, c.currency)}`,
                    })),
                  ...selected.invoices.map((i) => ({
                    value: `invoice:${i.stripeInvoiceId}`,
                    label: `Invoice ${i.stripeInvoiceId} — paid ${money(i.amountPaid, i.currency)}`,
                  })),
                ]}
                subscriptions={selected.subscriptions.map((s) => ({
                  id: s.stripeSubscriptionId,
                  label: `${s.stripeSubscriptionId} (${s.planName ?? s.priceId ?? "no price"}, ${s.status})`,
                }))}
              />
            </div>
          )}
          {q.customer && !selected?.customer && (
            <p className="text-sm text-red-700">That customer no longer exists.</p>
          )}
        </section>
      )}

      <section aria-labelledby="list-title" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="list-title" className="font-semibold">
            Requests
          </h2>
          <nav aria-label="Filter by status" className="flex flex-wrap gap-1 text-sm">
            {[undefined, ...STATUSES].map((s) => (
              <Link
                key={s ?? "all"}
                href={href({ status: s, page: 1 })}
                aria-current={q.status === s ? "page" : undefined}
                className={`rounded px-2 py-0.5 ${q.status === s ? "bg-indigo-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-200"}`}
              >
                {s ?? "all"}
              </Link>
            ))}
          </nav>
        </div>
        {justDecided.length > 0 && (
          <ul className="space-y-2" aria-label="Just decided" data-testid="just-decided">
            {justDecided.map((r) => (
              <li
                key={r.id}
                data-approval-id={r.id}
                className="space-y-2 rounded-lg border border-indigo-200 bg-indigo-50/40 p-3 text-sm"
              >
                <div className="flex flex-wrap items-center gap-2">
                  <StatusBadge value={r.status} />
                  <span className="text-slate-500">just decided</span>
                  <Link href={`/customers/${r.customerId}`} className="text-indigo-700 underline">
                    Open the customer
                  </Link>
                </div>
                <ApprovalSummary r={r} />
              </li>
            ))}
          </ul>
        )}
        {q.page > list.pageCount && list.total > 0 ? (
          <EmptyState title={`There is no page ${q.page}`}>
            <Link href={href({ page: list.pageCount })} className="text-indigo-700 underline">
              Go to the last page ({list.pageCount})
            </Link>
          </EmptyState>
        ) : list.total === 0 ? (
          <EmptyState title="No approval requests">
            {mayRequest ? "Find a customer above to request one." : "Nothing to decide."}
          </EmptyState>
        ) : (
          <ul className="space-y-2" data-testid="approval-list">
            {list.rows.map((r) => (
              <li
                key={r.id}
                data-testid="approval-row"
                data-approval-id={r.id}
                className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm"
              >
                <div className="flex flex-wrap items-center gap-2">
                  <StatusBadge value={r.status} />
                  <span className="text-slate-500">{r.kind.replace("_", " ")}</span>
                  <Link
                    href={`/customers/${r.customerId}`}
                    className="font-medium break-all text-indigo-700 hover:underline"
                  >
                    {r.customer?.email ?? r.customer?.name ?? "Deleted customer"}
                  </Link>
                  <span className="ml-auto text-xs text-slate-500">
                    by {r.requestedByEmail} · <TimeAgo date={r.createdAt} />
                    {r.decidedByEmail && <> · decided by {r.decidedByEmail}</>}
                  </span>
                </div>
                <ApprovalSummary r={r} />
                {mayDecide && r.status === "pending" && r.requestedById !== actor.id && (
                  <DecisionButtons approvalId={r.id} decide={decideApprovalAction} />
                )}
                {mayDecide && r.executionStale && r.requestedById !== actor.id && (
                  <div className="space-y-1">
                    <p className="text-xs text-amber-800">
                      Execution was cut off. Approving again is safe: Stripe sees the same
                      idempotency key.
                    </p>
                    <DecisionButtons approvalId={r.id} decide={decideApprovalAction} />
                  </div>
                )}
                {mayDecide && r.status === "pending" && r.requestedById === actor.id && (
                  <p className="text-xs text-slate-500">Your own request: another admin decides.</p>
                )}
              </li>
            ))}
          </ul>
        )}
        {list.pageCount > 1 && (
          <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
            {list.page > 1 && <Link href={href({ page: list.page - 1 })}>Previous</Link>}
            <span>
              Page {list.page} of {list.pageCount}
            </span>
            {list.page < list.pageCount && <Link href={href({ page: list.page + 1 })}>Next</Link>}
          </nav>
        )}
      </section>
    </div>
  );
}
