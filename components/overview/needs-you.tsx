import { Link } from "@/components/ui/link";
import type { MoneyAtRisk } from "@/lib/overview/business";

const amount = (cents: number, cur: string) =>
  `${(cents / 100).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${cur}`;

/** Money at risk and the counts behind it, each a door to the people it counts. */
export function NeedsYou({
  money,
  openExceptions,
  pendingApprovals,
}: {
  money: MoneyAtRisk;
  openExceptions: number;
  pendingApprovals: number;
}) {
  const atRisk = Object.entries(money.atRisk).filter(([, c]) => c > 0);
  const tiles = [
    {
      id: "money-at-risk",
      label: "Money at risk",
      value: atRisk.length ? atRisk.map(([cur, c]) => amount(c, cur)).join(" + ") : "0",
      hint: "failed invoices still unpaid",
      href: "/customers?billing=past_due",
      tone: atRisk.length ? "text-amber-800" : "text-slate-900",
    },
    {
      id: "past-due",
      label: "Past due",
      value: String(money.pastDue),
      hint: "payment failed, still has access",
      href: "/customers?access=past_due",
      tone: money.pastDue ? "text-amber-700" : "text-slate-900",
    },
    {
      id: "blocked",
      label: "Blocked",
      value: String(money.blocked),
      hint: "no access until resolved",
      href: "/customers?access=blocked",
      tone: money.blocked ? "text-red-700" : "text-slate-900",
    },
    {
      id: "approvals",
      label: "Waiting for approval",
      value: String(pendingApprovals),
      hint: "refunds and overrides to decide",
      href: "/approvals",
      tone: pendingApprovals ? "text-indigo-700" : "text-slate-900",
    },
    {
      id: "exceptions",
      label: "Open exceptions",
      value: String(openExceptions),
      hint: "syncs and conflicts to fix",
      href: "/exceptions",
      tone: openExceptions ? "text-red-700" : "text-slate-900",
    },
  ];
  return (
    <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5">
      {tiles.map((t) => (
        <Link
          key={t.id}
          href={t.href}
          data-testid={`needs-${t.id}`}
          className={`rounded-lg border border-slate-200 bg-white p-3 hover:border-indigo-300 ${t.id === "money-at-risk" ? "col-span-2 sm:col-span-1" : ""}`}
        >
          <div className="text-xs text-slate-600">{t.label}</div>
          <div className={`text-xl font-semibold break-words ${t.tone}`}>{t.value}</div>
          <div className="text-xs text-slate-500">{t.hint}</div>
        </Link>
      ))}
    </div>
  );
}
