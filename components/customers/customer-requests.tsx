import { StatusBadge } from "@/components/ui/status-badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { formatMoney } from "@/lib/format";
import type { ApprovalRequest } from "@/lib/generated/prisma/client";

function what(r: ApprovalRequest): string {
  const p = r.payload as Record<string, unknown>;
  if (r.kind === "refund") {
    return `Refund of ${formatMoney(Number(p.amount), (p.currency as string | null) ?? null)}`;
  }
  if (r.kind === "plan_change") return "Plan change";
  return p.overrideKind === "grant" ? "Grant access by hand" : "Block access by hand";
}

/** A failure as the person who asked reads it: what happened and what to do next. */
export function failureInWords(r: ApprovalRequest): string {
  const err = r.error ?? "";
  const base =
    r.kind === "refund"
      ? "Stripe refused the refund, so no money moved."
      : "It could not be carried out, so nothing changed.";
  const why = /greater than unrefunded|amount_too_large/i.test(err)
    ? " The amount is more than what is left to refund on that payment."
    : /no such|resource_missing/i.test(err)
      ? " Stripe does not know that payment."
      : /unknown error|api_error|timed out|ECONN/i.test(err)
        ? " Stripe had a problem; asking again is safe."
        : "";
  return `${base}${why}`;
}

/** This customer's approval requests, newest first, with their outcome in place. */
export function CustomerRequests({ requests }: { requests: ApprovalRequest[] }) {
  return (
    <ul className="space-y-2 text-sm" data-testid="customer-requests">
      {requests.map((r) => (
        <li key={r.id} data-approval-id={r.id} className="space-y-0.5">
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge value={r.status} />
            <span className="font-medium">{what(r)}</span>
            <span className="text-xs text-slate-500">
              asked by {r.requestedByEmail} · <TimeAgo date={r.createdAt} />
              {r.decidedByEmail && ` · decided by ${r.decidedByEmail}`}
            </span>
          </div>
          <p className="text-slate-600">“{r.reason}”</p>
          {r.status === "failed" && (
            <div className="text-red-800" data-testid="request-failure">
              <p>{failureInWords(r)}</p>
              {r.error && (
                <details className="text-xs text-slate-500">
                  <summary className="cursor-pointer">What Stripe said</summary>
                  <p className="break-words">{r.error}</p>
                </details>
              )}
            </div>
          )}
          {r.status === "pending" && (
            <p className="text-xs text-slate-500">Waiting for an admin on the Approvals page.</p>
          )}
        </li>
      ))}
    </ul>
  );
}
