import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import { z } from "zod";
import { JsonDiff } from "@/components/audit/json-diff";
import { EmptyState } from "@/components/ui/empty-state";
import { auditActions, listAuditEntries } from "@/lib/audit/queries";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);
const ZParams = z.object({
  actor: z.string().trim().max(200).catch(""),
  action: z.string().trim().max(100).catch(""),
  target: z.string().trim().max(200).catch(""),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

const input = "w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** Every manual action: who, when, what, before and after. Read-only: history never changes. */
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  await requirePage("/audit");
  const q = ZParams.parse(await searchParams);
  const to = q.to ? new Date(`${q.to}T00:00:00Z`) : undefined;
  const [list, actions] = await Promise.all([
    listAuditEntries(db, {
      actor: q.actor || undefined,
      action: q.action || undefined,
      target: q.target || undefined,
      from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
      to: to && new Date(to.getTime() + 86_400_000),
      page: q.page,
    }),
    auditActions(db),
  ]);
  const pageHref = (page: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...q, page })) {
      if (v && !(k === "page" && v === 1)) p.set(k, String(v));
    }
    return `/audit?${p}`;
  };
  return (
    <div className="space-y-4">
      <div className="flex items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">Audit log</h1>
        <p className="text-sm text-slate-600" data-testid="audit-total">
          {list.total} entries
        </p>
      </div>
      <form
        method="get"
        action="/audit"
        aria-label="Filter the audit log"
        className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-6"
      >
        <div className="col-span-2 sm:col-span-1">
          <label htmlFor="actor" className="text-xs text-slate-600">
            Who
          </label>
          <input id="actor" name="actor" defaultValue={q.actor} className={input} />
        </div>
        <div className="col-span-2 sm:col-span-1">
          <label htmlFor="action" className="text-xs text-slate-600">
            Action
          </label>
          <select id="action" name="action" defaultValue={q.action} className={input}>
            <option value="">any</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="col-span-2 sm:col-span-1">
          <label htmlFor="target" className="text-xs text-slate-600">
            Target
          </label>
          <input id="target" name="target" defaultValue={q.target} className={input} />
        </div>
        <div>
          <label htmlFor="from" className="text-xs text-slate-600">
            From (UTC)
          </label>
          <input id="from" name="from" type="date" defaultValue={q.from} className={input} />
        </div>
        <div>
          <label htmlFor="to" className="text-xs text-slate-600">
            To (UTC)
          </label>
          <input id="to" name="to" type="date" defaultValue={q.to} className={input} />
        </div>
        <div className="col-span-2 flex items-end gap-2 sm:col-span-1">
          <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-sm text-white">
            Filter
          </button>
          <Link href="/audit" className="py-1.5 text-sm text-indigo-700 underline">
            Clear
          </Link>
        </div>
      </form>
      {list.total === 0 ? (
        <EmptyState title="No audit entries match">
          Manual actions (approvals, overrides, role changes, tokens) appear here.
        </EmptyState>
      ) : (
        <ol className="space-y-2" data-testid="audit-list">
          {list.rows.map((e) => (
            <li
              key={e.id}
              data-testid="audit-row"
              className="rounded-lg border border-slate-200 bg-white p-3 text-sm"
            >
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <span className="font-mono text-xs font-semibold">{e.action}</span>
                <span className="break-all">{e.actor}</span>
                <span className="text-xs break-all text-slate-600">
                  {e.targetEmail && <span className="mr-1">{e.targetEmail}</span>}
                  <span className="font-mono">{e.target}</span>
                </span>
                <time className="ml-auto text-xs text-slate-500" dateTime={e.at.toISOString()}>
                  {e.at.toISOString().replace("T", " ").slice(0, 19)} UTC
                </time>
              </div>
              <JsonDiff before={e.before} after={e.after} />
            </li>
          ))}
        </ol>
      )}
      {list.pageCount > 1 && (
        <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
          {list.page > 1 && <Link href={pageHref(list.page - 1)}>Previous</Link>}
          <span>
            Page {list.page} of {list.pageCount}
          </span>
          {list.page < list.pageCount && <Link href={pageHref(list.page + 1)}>Next</Link>}
        </nav>
      )}
    </div>
  );
}
