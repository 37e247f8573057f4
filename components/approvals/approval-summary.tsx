import { failureInWords } from "@/components/customers/customer-requests";
import { formatMoney } from "@/lib/format";
import type { ApprovalRequest } from "@/lib/generated/prisma/client";

const money = (minor: unknown, currency: unknown) =>
  formatMoney(Number(minor ?? 0), currency == null ? null : String(currency));

/** One line saying what was asked, and what happened (Stripe ids or the failure). */
export function ApprovalSummary({ r }: { r: ApprovalRequest }) {
  const p = r.payload as Record<string, unknown>;
  const result = (r.result ?? {}) as Record<string, unknown>;
  const what =
    r.kind === "refund"
      ? `Refund ${money(p.amount, p.currency)} of ${p.target === "invoice" ? "an invoice" : "a payment"}`
      : r.kind === "plan_change"
        ? `Change the plan to ${String(p.priceId)}`
        : `${p.overrideKind === "grant" ? "Grant" : "Block"} access ${
            p.expiresAt
              ? `until ${String(p.expiresAt).slice(0, 16).replace("T", " ")} UTC`
              : "until revoked"
          }`;
  return (
    <div className="space-y-0.5">
      <p className="font-medium">{what}</p>
      <p className="text-slate-600">“{r.reason}”</p>
      {r.status === "succeeded" && (
        <div className="text-xs text-emerald-800">
          <p>{r.kind === "refund" ? "Refunded at Stripe." : "Done."}</p>
          <details className="text-slate-500">
            <summary className="cursor-pointer">Stripe ids</summary>
            <p className="font-mono break-all" data-testid="approval-result">
              {Object.entries(result)
                .filter(([, v]) => v !== null && v !== undefined)
                .map(([k, v]) => `${k}: ${String(v)}`)
                .join(" · ")}
            </p>
          </details>
        </div>
      )}
      {r.status === "failed" && (
        <div className="text-xs text-red-800" data-testid="approval-error">
          <p>{failureInWords(r)}</p>
          <details className="text-slate-600">
            <summary className="cursor-pointer">What Stripe said</summary>
            <p className="break-words">Failed, nothing changed: {r.error}</p>
          </details>
        </div>
      )}
      {r.decisionNote && <p className="text-xs text-slate-600">Note: {r.decisionNote}</p>}
    </div>
  );
}
