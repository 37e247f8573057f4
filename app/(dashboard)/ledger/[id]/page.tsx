import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { notFound } from "next/navigation";
import { replayLedgerEventAction } from "@/app/actions/ops";
import { ActionForm } from "@/components/ui/action-form";
import { StatusBadge } from "@/components/ui/status-badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { getLedgerEvent } from "@/lib/ledger/list-ledger-events";
import { redact, redactText } from "@/lib/redact";

export const metadata: Metadata = { title: "Ledger event" };
export const dynamic = "force-dynamic";

export default async function LedgerEventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePage("/ledger/[id]", `/ledger/${id}`);
  const e = await getLedgerEvent(db, id);
  if (!e) notFound();
  const rows: [string, React.ReactNode][] = [
    [
      "Customer",
      e.customer ? (
        <Link key="c" href={`/customers/${e.customer.id}`} className="text-indigo-700 underline">
          {e.customer.name ?? e.customer.email ?? "unnamed customer"}
        </Link>
      ) : (
        "not tied to a customer"
      ),
    ],
    ["Source", e.source],
    ["Provider id", e.externalId],
    ["Status", <StatusBadge key="s" value={e.status} />],
    ["Occurred", <TimeAgo key="o" date={e.occurredAt} />],
    ["Received", <TimeAgo key="r" date={e.receivedAt} />],
    ["Processed", <TimeAgo key="p" date={e.processedAt} />],
    ["Attempts", e.attempts],
    ["Duplicates", e.duplicateCount],
    ["Correlation", e.correlationId],
  ];
  return (
    <article aria-labelledby="event-title" className="space-y-4">
      <div>
        <Link href="/ledger" className="text-sm text-indigo-700 hover:underline">
          ← Event ledger
        </Link>
        <h1 id="event-title" className="mt-1 text-xl font-semibold break-words">
          {e.type}
        </h1>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <dl className="grid grid-cols-[7rem_1fr] gap-x-2 gap-y-1 text-sm">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-600">{k}</dt>
              <dd className="min-w-0 break-all">{v}</dd>
            </div>
          ))}
        </dl>
        {e.error && (
          <p role="alert" className="mt-3 rounded bg-red-50 p-2 text-sm break-words text-red-800">
            {redactText(e.error)}
          </p>
        )}
        {can(actor.role, "ledger.replay") && (
          <div className="mt-4 border-t border-slate-100 pt-3">
            <p className="mb-2 text-sm text-slate-600">
              Replay runs this event through processing again. It never creates a second ledger row,
              and side effects already done are not repeated.
            </p>
            <ActionForm
              action={replayLedgerEventAction}
              hidden={{ ledgerEventId: e.id }}
              label="Replay event"
              tone="primary"
              testId="replay-form"
            />
          </div>
        )}
      </section>
      <section
        aria-labelledby="payload-title"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2
          id="payload-title"
          className="mb-2 text-sm font-semibold tracking-wide text-slate-600 uppercase"
        >
          Payload (emails, tokens and card data redacted)
        </h2>
        <pre
          className="max-h-[32rem] overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100"
          data-testid="payload"
          tabIndex={0}
        >
          {JSON.stringify(redact(e.payload), null, 2)}
        </pre>
        {e.result != null && (
          <>
            <h2 className="mt-4 mb-2 text-sm font-semibold tracking-wide text-slate-600 uppercase">
              Processing result
            </h2>
            <pre className="max-h-64 overflow-auto rounded bg-slate-100 p-3 text-xs" tabIndex={0}>
              {JSON.stringify(redact(e.result), null, 2)}
            </pre>
          </>
        )}
      </section>
    </article>
  );
}
