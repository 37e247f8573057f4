import { StatusBadge } from "@/components/ui/status-badge";
import type { TimelineItem } from "@/lib/customers/customer-detail";
import { plainTitle } from "./timeline-words";

const KIND_LABEL = {
  ledger: "Event",
  access: "Access",
  sync: "Side effect",
  action: "Action",
} as const;

/** The customer's journey, newest first; items of one cause share a correlation id. */
export function CustomerTimeline({ items }: { items: TimelineItem[] }) {
  return (
    <ol className="space-y-2" data-testid="timeline">
      {items.map((t) => (
        <li
          key={`${t.kind}-${t.refId}`}
          data-kind={t.kind}
          className="grid grid-cols-1 gap-1 border-l-2 border-indigo-200 pl-3 text-sm sm:grid-cols-[10rem_1fr]"
        >
          <time dateTime={t.at} className="text-xs text-slate-500">
            {t.at.replace("T", " ").slice(0, 16)} UTC
          </time>
          <div className="min-w-0">
            <span className="mr-1 text-xs text-slate-500 uppercase">{KIND_LABEL[t.kind]}</span>
            <span className="font-medium break-words">{plainTitle(t)}</span>{" "}
            <StatusBadge value={t.status} />
            {t.detail && <p className="text-xs break-words text-slate-600">{t.detail}</p>}
            <details className="text-xs text-slate-500">
              <summary className="cursor-pointer">Technical details</summary>
              <p className="break-all">{t.title}</p>
              {t.correlationId && <p className="break-all">correlation {t.correlationId}</p>}
            </details>
          </div>
        </li>
      ))}
    </ol>
  );
}
