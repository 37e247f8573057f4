import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { notFound } from "next/navigation";
import {
  grantOverrideAction,
  resolveCustomerExceptionsAction,
  retrySyncAction,
  revokeOverrideAction,
  sendPaymentLinkAction,
} from "@/app/actions/customer-panel";
import { requestApprovalAction } from "@/app/actions/approvals";
import { addNoteAction } from "@/app/actions/ops";
import { ActionPanel } from "@/components/customers/action-panel";
import { formatMoney, isoDay } from "@/lib/format";
import { billingAccessNote } from "@/components/customers/billing-access-note";
import { CustomerRequests } from "@/components/customers/customer-requests";
import { Card } from "@/components/ui/card";
import { keepCustomersSeparateAction, mergeCustomersAction } from "@/app/actions/identity";
import { CustomerTimeline } from "@/components/customers/customer-timeline";
import { IdentityConflictActions } from "@/components/customers/identity-conflict-actions";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { overridesRequireApproval } from "@/lib/approvals/override-access";
import { approvalTargets } from "@/lib/approvals/queries";
import { getCustomerDetail } from "@/lib/customers/customer-detail";
import { activeOverrides } from "@/lib/customers/revoke-customer-override";
import { paymentLinkKey } from "@/lib/customers/send-payment-link";
import { identityLinks } from "@/lib/customers/identity-links";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Customer" };
export const dynamic = "force-dynamic";

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
  const [openInvoice, targets, overrides, requests, openExceptions] = await Promise.all([
    db.invoice.findFirst({
      where: { customerId: id, status: "open" },
      orderBy: [{ stripeCreatedAt: { sort: "desc", nulls: "last" } }, { stripeEventAt: "desc" }],
    }),
    approvalTargets(db, id),
    activeOverrides(db, id),
    db.approvalRequest.findMany({
      where: { customerId: id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 10,
    }),
    db.exceptionRecord.count({
      where: { customerId: id, status: "open", kind: { not: "identity_conflict" } },
    }),
  ]);
  const linkSent =
    !!openInvoice &&
    (await db.syncTask.count({
      where: { idempotencyKey: paymentLinkKey(openInvoice.stripeInvoiceId) },
    })) > 0;
  const label = c.name ?? c.email ?? "this customer";
  const disagreement = billingAccessNote(
    c.billingStatus,
    c.accessStatus,
    lastInvoice,
    c.reasons[0]?.message ?? null,
  );
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
          className={`rounded-lg border p-4 ${c.accessStatus === "blocked" ? "border-red-300 bg-red-50" : c.accessStatus === "past_due" ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}
        >
          <h2 id="why-title" className="font-semibold">
            Why access is {c.accessStatus.replaceAll("_", " ")}
          </h2>
          <ul className="mt-2 space-y-3">
            {c.reasons.map((r) => (
              <li key={r.code}>
                <p data-testid="reason-message">
                  {r.message.replace(/\s*\(approval \S+ by [^)]*\)/, "")}
                </p>
                <p className="mt-1 text-sm font-medium" data-testid="reason-next-action">
                  Next action: {r.nextAction}
                </p>
                {r.customerMessage && (
                  <p className="mt-1 text-sm text-slate-600" data-testid="reason-customer-message">
                    The customer sees: {r.customerMessage}
                  </p>
                )}
                <p className="text-xs text-slate-500">
                  Since <TimeAgo date={r.since} />
                </p>
                <details className="text-xs text-slate-500">
                  <summary className="cursor-pointer">Reason code</summary>
                  {r.code}
                </details>
              </li>
            ))}
          </ul>
        </section>
      )}

      {disagreement && (
        <p className="text-sm text-slate-700" data-testid="billing-access-note">
          {disagreement}
        </p>
      )}

      <ActionPanel
        customer={{ id: c.id, label, email: c.email }}
        may={{
          paymentLink: can(actor.role, "customer.payment_link"),
          override: can(actor.role, "customer.override"),
          request: can(actor.role, "approval.request"),
          retry: can(actor.role, "exception.retry"),
          resolve: can(actor.role, "exception.resolve"),
          note: can(actor.role, "note.write"),
        }}
        openInvoice={
          openInvoice && {
            id: openInvoice.stripeInvoiceId,
            amount: openInvoice.amountDue,
            currency: openInvoice.currency,
            sent: linkSent,
          }
        }
        refundTargets={[
          ...targets.charges
            .filter((x) => x.amount > x.amountRefunded)
            .map((x) => ({
              value: `charge:${x.stripeChargeId}`,
              label: `Payment of ${formatMoney(x.amount, x.currency)}${x.stripeCreatedAt ? ` on ${isoDay(x.stripeCreatedAt)}` : ""}${x.amountRefunded ? ` (${formatMoney(x.amount - x.amountRefunded, x.currency)} left)` : ""}`,
              max: x.amount - x.amountRefunded,
              currency: x.currency,
            })),
          ...targets.invoices.map((i) => ({
            value: `invoice:${i.stripeInvoiceId}`,
            label: `Invoice ${i.stripeInvoiceId}, paid ${formatMoney(i.amountPaid, i.currency)}`,
            max: i.amountPaid ?? 0,
            currency: i.currency,
          })),
        ]}
        overrides={overrides.map((o) => ({
          id: o.id,
          kind: o.kind,
          until: o.expiresAt?.toISOString() ?? null,
          reason: o.reason,
        }))}
        failedSystems={systems
          .filter((s) => s.state === "failed")
          .map((s) => ({ target: s.target, name: SYSTEM_NAMES[s.target] }))}
        openExceptions={openExceptions}
        fourEyes={overridesRequireApproval()}
        actions={{
          sendPaymentLink: sendPaymentLinkAction,
          grantOverride: grantOverrideAction,
          revokeOverride: revokeOverrideAction,
          request: requestApprovalAction,
          retrySync: retrySyncAction,
          resolveExceptions: resolveCustomerExceptionsAction,
          addNote: addNoteAction,
        }}
      />

      {requests.length > 0 && (
        <Card id="requests" title="Requests for approval">
          <CustomerRequests requests={requests} />
        </Card>
      )}

      <div className="grid gap-4 md:grid-cols-2">
        <Card id="billing" title="Billing (Stripe)">
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
                {formatMoney(lastInvoice.amountDue, lastInvoice.currency)}
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
        </Card>
        <Card id="access" title="Access (ours)">
          <p>
            Status: <StatusBadge value={c.accessStatus} />
          </p>
          <p className="mt-2 text-sm text-slate-600">
            Decided <TimeAgo date={c.accessComputedAt} />
            {c.identityStatus !== "none" && <> · identity check {c.identityStatus}</>}
          </p>
        </Card>
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        <Card id="identities" title="Identities">
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
                    <span className="text-slate-500">not linked</span>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card id="sync" title="Sync per system">
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
        </Card>
      </div>

      <Card id="journey" title="Journey">
        {timeline.length === 0 ? (
          <EmptyState title="Nothing has happened yet" />
        ) : (
          <CustomerTimeline items={timeline} />
        )}
      </Card>

      <Card id="notes" title="Internal notes">
        {notes.length === 0 ? (
          <p className="text-sm text-slate-600">No notes yet.</p>
        ) : (
          <ul className="space-y-2" data-testid="notes">
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
      </Card>
    </article>
  );
}
