import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import {
  assignExceptionAction,
  resolveExceptionAction,
  retryExceptionAction,
} from "@/app/actions/ops";
import { keepCustomersSeparateAction, mergeCustomersAction } from "@/app/actions/identity";
import { IdentityConflictActions } from "@/components/customers/identity-conflict-actions";
import { ActionForm } from "@/components/ui/action-form";
import { syncActionWords } from "@/components/customers/timeline-words";
import { EmptyState } from "@/components/ui/empty-state";
import { Pager } from "@/components/ui/pager";
import { StatusBadge } from "@/components/ui/status-badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { ZExceptionView, listAssignees, listExceptions } from "@/lib/exceptions/queries";
import { redactText } from "@/lib/redact";
import { controlClass } from "@/components/ui/field";

export const metadata: Metadata = { title: "Exceptions" };
export const dynamic = "force-dynamic";

const control = controlClass;

export default async function ExceptionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const actor = await requirePage("/exceptions");
  const view = ZExceptionView.parse(await searchParams);
  const [{ rows, total, pageCount }, assignees] = await Promise.all([
    listExceptions(db, view, actor.id),
    listAssignees(db),
  ]);
  const canRetry = can(actor.role, "exception.retry");
  const canResolve = can(actor.role, "exception.resolve");
  const canMerge = can(actor.role, "customer.merge");
  const tab = (status: "open" | "resolved", mine?: boolean, label?: string) => {
    const current = view.status === status && Boolean(view.mine) === Boolean(mine);
    return (
      <Link
        href={`/exceptions?status=${status}${mine ? "&mine=1" : ""}`}
        aria-current={current ? "page" : undefined}
        className={`rounded px-3 py-1.5 text-sm ${current ? "bg-indigo-700 text-white" : "border border-slate-300 bg-white text-slate-800"}`}
      >
        {label ?? status}
      </Link>
    );
  };
  return (
    <section aria-labelledby="exceptions-title" className="space-y-3">
      <div className="flex items-baseline justify-between gap-2">
        <h1 id="exceptions-title" className="text-xl font-semibold">
          Exceptions
        </h1>
        <p className="text-sm text-slate-600" data-testid="exception-total">
          {total} {view.status}
        </p>
      </div>
      <nav aria-label="Exception views" className="flex flex-wrap gap-2">
        {tab("open", false, "Open")}
        {tab("open", true, "Assigned to me")}
        {tab("resolved", false, "Resolved")}
      </nav>
      {rows.length === 0 && total > 0 && view.page > pageCount ? (
        <EmptyState title={`There is no page ${view.page}`}>
          <Link
            href={`/exceptions?status=${view.status}${view.mine ? "&mine=1" : ""}&page=${pageCount}`}
            className="text-indigo-700 underline"
          >
            Go to the last page ({pageCount})
          </Link>
        </EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState
          title={
            view.status === "open" ? "Nothing needs a person right now" : "Nothing resolved yet"
          }
        >
          Dead sync tasks, events that could not be applied for three days, identity conflicts and
          policy exceptions land here.
        </EmptyState>
      ) : (
        <ul className="space-y-3" data-testid="exceptions">
          {rows.map((x) => (
            <li
              key={x.id}
              className="rounded-lg border border-slate-200 bg-white p-4"
              data-exception-id={x.id}
            >
              <div className="flex flex-wrap items-baseline gap-2">
                <StatusBadge value={x.status === "open" ? "failed" : "processed"} />
                <h2 className="font-semibold break-words">
                  {x.syncTask
                    ? `${syncActionWords(x.syncTask.target, x.syncTask.action)} failed for good`
                    : x.title}
                </h2>
                <span className="text-xs text-slate-500">
                  <TimeAgo date={x.createdAt} />
                </span>
              </div>
              {/* Our own sentence names the email both records use; errors from elsewhere are redacted. */}
              <p className="mt-1 text-sm break-words text-slate-700">
                {x.kind === "identity_conflict" ? x.detail : redactText(x.detail)}
              </p>
              <p className="mt-1 text-sm text-slate-600">
                {x.customer && (
                  <>
                    Customer:{" "}
                    <Link
                      href={`/customers/${x.customer.id}`}
                      className="text-indigo-700 underline"
                    >
                      {x.customer.name ?? x.customer.email ?? x.customer.id}
                    </Link>
                    {x.pairCustomer && (
                      <>
                        {" and "}
                        <Link
                          href={`/customers/${x.pairCustomer.id}`}
                          className="text-indigo-700 underline"
                        >
                          {x.pairCustomer.name ?? x.pairCustomer.email ?? x.pairCustomer.id}
                        </Link>
                      </>
                    )}
                    {" · "}
                  </>
                )}
                {x.ledgerEventId && (
                  <>
                    <Link href={`/ledger/${x.ledgerEventId}`} className="text-indigo-700 underline">
                      Ledger event
                    </Link>
                    {" · "}
                  </>
                )}
                {x.syncTask && (
                  <>
                    {x.syncTask.status === "dead"
                      ? `Gave up after ${x.syncTask.attempts} attempts`
                      : `Now ${x.syncTask.status}`}
                    {" · "}
                  </>
                )}
                Assigned to: {x.assignedTo ? (x.assignedTo.name ?? x.assignedTo.email) : "nobody"}
              </p>
              <details className="mt-1 text-xs text-slate-500">
                <summary className="cursor-pointer">Technical details</summary>
                <p className="break-all">
                  {x.kind}
                  {x.syncTask && ` · ${x.syncTask.action}`}
                </p>
              </details>
              {x.syncTask?.lastError && (
                <p className="mt-1 text-xs break-words text-red-700">
                  Last error: {redactText(x.syncTask.lastError)}
                </p>
              )}
              {x.status === "resolved" ? (
                <p className="mt-2 text-sm text-slate-700">
                  Resolved by {x.resolvedBy?.email ?? "—"} <TimeAgo date={x.resolvedAt} />:{" "}
                  {x.resolutionNote}
                </p>
              ) : (
                <div className="mt-3 space-y-3">
                  {x.kind === "identity_conflict" && canMerge && x.customer && x.pairCustomer && (
                    <IdentityConflictActions
                      exceptionId={x.id}
                      merge={mergeCustomersAction}
                      keepSeparate={keepCustomersSeparateAction}
                    />
                  )}
                  <div className="grid gap-3 md:grid-cols-3">
                    {canRetry &&
                      (x.syncTask ||
                        x.kind === "ledger_event_failed" ||
                        x.kind === "unlinked_money_event") && (
                        <ActionForm
                          action={retryExceptionAction}
                          hidden={{ exceptionId: x.id }}
                          label="Retry"
                          tone="primary"
                          testId="retry-form"
                        />
                      )}
                    {canResolve && (
                      <ActionForm
                        action={assignExceptionAction}
                        hidden={{ exceptionId: x.id }}
                        label="Assign"
                        testId="assign-form"
                      >
                        <label className="block text-xs font-medium text-slate-700">
                          Assign to
                          <select
                            name="assigneeId"
                            defaultValue={x.assignedToId ?? ""}
                            className={control}
                          >
                            <option value="">Nobody</option>
                            {assignees.map((u) => (
                              <option key={u.id} value={u.id}>
                                {u.name ?? u.email} ({u.role})
                              </option>
                            ))}
                          </select>
                        </label>
                      </ActionForm>
                    )}
                    {canResolve && x.kind !== "identity_conflict" && (
                      <ActionForm
                        action={resolveExceptionAction}
                        hidden={{ exceptionId: x.id }}
                        label="Resolve"
                        testId="resolve-form"
                      >
                        <label className="block text-xs font-medium text-slate-700">
                          Resolution note
                          <input name="note" required maxLength={2000} className={control} />
                        </label>
                      </ActionForm>
                    )}
                  </div>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pager
        page={Math.min(view.page, pageCount)}
        pageCount={pageCount}
        hrefFor={(p) => `/exceptions?status=${view.status}${view.mine ? "&mine=1" : ""}&page=${p}`}
      />
    </section>
  );
}
