import { Link } from "@/components/ui/link";
import {
  BILLING_STATUSES,
  SYNC_STATES,
  viewToParams,
  type CustomerView,
} from "@/lib/customers/list-filters";
import { AccessStatus } from "@/lib/generated/prisma/enums";

/** Reason codes the access policy writes (lib/access/reasons.ts, access-policy.ts). */
const REASON_CODES = [
  "payment_failed",
  "payment_action_required",
  "grace_period_ended",
  "payment_refunded",
  "dispute_open",
  "dispute_lost",
  "identity_unverified",
  "override_block",
  "subscription_canceled",
  "subscription_expired",
  "subscription_paused",
  "customer_deleted",
  "no_paid_subscription",
  "trialing",
];

const field = "flex min-w-0 flex-col gap-1 text-xs font-medium text-slate-700";
const control =
  "w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none";

function Select({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: readonly string[];
}) {
  return (
    <label className={field}>
      {label}
      <select name={name} defaultValue={value ?? ""} className={control}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o.replaceAll("_", " ")}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Filters as a plain GET form: the view lives in the URL, works without JavaScript and by
 * keyboard, and the server does the filtering.
 */
export function CustomerFilters({
  view,
  plans,
  reasonCodes = REASON_CODES,
}: {
  view: CustomerView;
  plans: string[];
  reasonCodes?: string[];
}) {
  const { page: _page, ...rest } = view;
  void _page;
  const exportHref = `/api/customers/export?${viewToParams(rest).toString()}`;
  const active = Boolean(
    view.q || view.access || view.billing || view.sync || view.reason || view.plan,
  );
  return (
    <form
      method="get"
      action="/customers"
      role="search"
      aria-label="Filter customers"
      className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-7"
    >
      <label className={`${field} col-span-2 sm:col-span-3 lg:col-span-2`}>
        Search
        <input
          type="search"
          name="q"
          defaultValue={view.q ?? ""}
          placeholder="Email, name, or Stripe / HubSpot / Zendesk / app id"
          className={control}
        />
      </label>
      <Select
        name="access"
        label="Access"
        value={view.access}
        options={Object.values(AccessStatus)}
      />
      <Select name="billing" label="Billing" value={view.billing} options={BILLING_STATUSES} />
      <Select name="sync" label="Sync" value={view.sync} options={SYNC_STATES} />
      <Select
        name="reason"
        label="Blocked reason"
        value={view.reason}
        options={[...new Set([...reasonCodes, ...(view.reason ? [view.reason] : [])])]}
      />
      <Select name="plan" label="Plan" value={view.plan} options={plans} />
      <input type="hidden" name="sort" value={view.sort} />
      <input type="hidden" name="dir" value={view.dir} />
      <div className="col-span-2 flex flex-wrap items-center gap-2 sm:col-span-3 lg:col-span-7">
        <button
          type="submit"
          className="rounded bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-800 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 focus-visible:outline-none"
        >
          Apply filters
        </button>
        {active && (
          <Link href="/customers" className="text-sm text-indigo-700 underline">
            Clear
          </Link>
        )}
        <a
          href={exportHref}
          className="ml-auto rounded border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-50"
          download
        >
          Export CSV
        </a>
      </div>
    </form>
  );
}
