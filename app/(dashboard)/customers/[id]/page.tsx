import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { addNoteAction } from "@/app/actions/ops";
import { keepCustomersSeparateAction, mergeCustomersAction } from "@/app/actions/identity";
import { CustomerTimeline } from "@/components/customers/customer-timeline";
import { IdentityConflictActions } from "@/components/customers/identity-conflict-actions";
import { ActionForm } from "@/components/ui/action-form";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { getCustomerDetail } from "@/lib/customers/customer-detail";
import { money } from "@/lib/format";
import { identityLinks } from "@/lib/customers/identity-links";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Customer" };
export const dynamic = "force-dynamic";

const card = "rounded-lg border border-slate-200 bg-white p-4";
const h2 = "mb-2 text-sm font-semibold tracking-wide text-slate-600 uppercase";
const SYSTEM_NAMES = {
  crm: "HubSpot",
  support: "Zendesk",
  email: "Email",
  app: "App",
};

export default async function CustomerDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePage("/customers/[id]", `/customers/${id}`);
  const detail = await getCustomerDetail(db, id);
  if (!detail) notFound();
  const { customer: c, lastInvoice, systems, timeline, notes, conflicts } = detail;
  const links = identityLinks(c, env.ZENDESK_SUBDOMAIN);
  return (
    <article aria-labelledby="customer-title" className="space-y-4">
      <div>
        <Link href="/customers" className="text-sm text-indigo-700 hover:underline">
          ← Customers
        </Link>
        <h1 id="customer-title" className="mt-1 text-xl font-semibold break-words">
          {c.name ?? c.email ?? c.id}
        </h1>
        <p className="text-sm break-all text-slate-600">{c.email ?? "no email"}</p>
        {c.claimedEmail && (
          <p className="text-sm break-all text-slate-600">
            Also uses {c.claimedEmail}, which another customer record holds
          </p>
        )}
      </div>

      {conflicts.length > 0 && (
        <section
          aria-labelledby="conflict-title"
          data-testid="identity-conflicts"
          className="rounded-lg border border-amber-300 bg-amber-50 p-4"
        >
          <h2 id="conflict-title" className="font-semibold">
            Possibly the same person as another customer
          </h2>
          <ul className="mt-2 space-y-3">
            {conflicts.map((x) => (
              <li key={x.id} data-exception-id={x.id} className="space-y-2">
                <p className="break-words">{x.detail}</p>
                {x.other && (
                  <p className="text-sm">
                    Other record:{" "}
                    <Link href={`/customers/${x.other.id}`} className="text-indigo-700 underline">
                      {x.other.name ?? x.other.email ?? x.other.id}
                    </Link>
                  </p>
                )}
                {can(actor.role, "customer.merge") && x.other && (
                  <IdentityConflictActions
                    exceptionId={x.id}
                    from="customer"
                    merge={mergeCustomersAction}
                    keepSeparate={keepCustomersSeparateAction}
                  />
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      {c.reasons.length > 0 && (
        <section
          aria-labelledby="why-title"
          data-testid="why-blocked"
          className={`rounded-lg border p-4 ${c.accessStatus === "blocked" || c.accessStatus === "past_due" ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}
        >
          <h2 id="why-title" className="font-semibold">
            Why access is {c.accessStatus.replaceAll("_", " ")}
          </h2>
          <ul className="mt-2 space-y-3">
            {c.reasons.map((r) => (
              <li key={r.code}>
                <p data-testid="reason-message">{r.message}</p>
                <p className="mt-1 text-sm font-medium" data-testid="reason-next-action">
                  Next action: {r.nextAction}
                </p>
                {r.customerMessage && (
                  <p className="mt-1 text-sm text-slate-600" data-testid="reason-customer-message">
                    The customer sees: {r.customerMessage}
                  </p>
                )}
                <p className="text-xs text-slate-500">
                  {r.code} · since <TimeAgo date={r.since} />
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="grid gap-4 md:grid-cols-2">
        <section aria-labelledby="billing-title" className={card}>
          <h2 id="billing-title" className={h2}>
            Billing (Stripe)
          </h2>
          <p>
            Status: <StatusBadge value={c.billingStatus} />
          </p>
          {c.subscriptions.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">No subscription.</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm">
              {c.subscriptions.map((s) => (
                <li key={s.id} className="break-words">
                  <span className="font-medium">{s.planName ?? s.priceId ?? s.id}</span>{" "}
                  <StatusBadge value={s.status} />
                  {s.currentPeriodEnd && (
                    <span className="text-slate-600">
                      {" "}
                      · period ends {s.currentPeriodEnd.slice(0, 10)}
                    </span>
                  )}
                  {s.cancelAtPeriodEnd && <span className="text-slate-600"> · cancels then</span>}
                </li>
              ))}
            </ul>
          )}
          <p className="mt-2 text-sm">
            Last invoice:{" "}
            {lastInvoice ? (
              <>
                <StatusBadge value={lastInvoice.status} />{" "}
                {money(lastInvoice.amountDue, lastInvoice.currency)}
                {lastInvoice.failureCode && (
                  <span className="text-red-700">
                    {" "}
                    · {lastInvoice.failureCode.replaceAll("_", " ")}
                  </span>
                )}
              </>
            ) : (
              <span className="text-slate-600">none</span>
            )}
          </p>
        </section>
        <section aria-labelledby="access-title" className={card}>
          <h2 id="access-title" className={h2}>
            Access (ours)
          </h2>
          <p>
            Status: <StatusBadge value={c.accessStatus} />
          </p>
          <p className="mt-2 text-sm text-slate-600">
            Decided <TimeAgo date={c.accessComputedAt} /> · identity {c.identityStatus}
          </p>
        </section>
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        <section aria-labelledby="identities-title" className={card}>
          <h2 id="identities-title" className={h2}>
            Identities
          </h2>
          <dl className="grid grid-cols-[7rem_1fr] gap-x-2 gap-y-1 text-sm">
            {links.map((l) => (
              <div key={l.system} className="contents">
                <dt className="text-slate-600">{l.system}</dt>
                <dd className="min-w-0 break-all">
                  {l.id ? (
                    l.href ? (
                      <a
                        href={l.href}
                        target="_blank"
                        rel="noreferrer"
                        className="text-indigo-700 underline"
                      >
                        {l.id}
                      </a>
                    ) : (
                      l.id
                    )
                  ) : (
                    <span className="text-slate-400">not linked</span>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-labelledby="sync-title" className={card}>
          <h2 id="sync-title" className={h2}>
            Sync per system
          </h2>
          <ul className="space-y-1 text-sm" data-testid="system-sync">
            {systems.map((s) => (
              <li key={s.target} className="flex flex-wrap items-center gap-x-2">
                <span className="w-20 shrink-0 text-slate-700">{SYSTEM_NAMES[s.target]}</span>
                <StatusBadge
                  value={
                    s.state === "failed"
                      ? "sync failed"
                      : s.state === "pending"
                        ? "sync pending"
                        : s.state
                  }
                />
                <span className="text-slate-600">
                  last success <TimeAgo date={s.lastSuccessAt} />
                </span>
                {s.lastError && (
                  <span className="w-full truncate text-xs text-red-700">{s.lastError}</span>
                )}
              </li>
            ))}
          </ul>
          <p className="mt-2 text-xs text-slate-500">
            Customer last synced <TimeAgo date={c.lastSyncedAt} />
          </p>
        </section>
      </div>

      <section aria-labelledby="journey-title" className={card}>
        <h2 id="journey-title" className={h2}>
          Journey
        </h2>
        {timeline.length === 0 ? (
          <EmptyState title="Nothing has happened yet" />
        ) : (
          <CustomerTimeline items={timeline} />
        )}
      </section>

      <section aria-labelledby="notes-title" className={card}>
        <h2 id="notes-title" className={h2}>
          Internal notes
        </h2>
        {can(actor.role, "note.write") && (
          <ActionForm
            action={addNoteAction}
            hidden={{ customerId: c.id }}
            label="Add note"
            tone="primary"
          >
            <label className="block text-sm font-medium" htmlFor="note-body">
              New note (only your team sees it)
            </label>
            <textarea
              id="note-body"
              name="body"
              required
              maxLength={5000}
              rows={3}
              className="w-full rounded border border-slate-300 p-2 text-sm focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
            />
          </ActionForm>
        )}
        {notes.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">No notes yet.</p>
        ) : (
          <ul className="mt-3 space-y-2" data-testid="notes">
            {notes.map((n) => (
              <li key={n.id} className="rounded border border-slate-100 bg-slate-50 p-2 text-sm">
                <p className="break-words whitespace-pre-wrap">{n.body}</p>
                <p className="mt-1 text-xs text-slate-500">
                  {n.author ?? "unknown"} · <TimeAgo date={n.createdAt} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
