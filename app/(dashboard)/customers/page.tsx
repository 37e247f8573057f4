import type { Metadata } from "next";
import { ApplyOnChange } from "@/components/customers/apply-on-change";
import { CustomerFilters } from "@/components/customers/customer-filters";
import { CustomersTable } from "@/components/customers/customers-table";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { parseCustomerView } from "@/lib/customers/list-filters";
import { listCustomers, listPlanNames } from "@/lib/customers/queries";

export const metadata: Metadata = { title: "Customers" };
export const dynamic = "force-dynamic";

export default async function CustomersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  await requirePage("/customers");
  const view = parseCustomerView(await searchParams);
  const { page, sort, dir, ...filters } = view;
  const [{ rows, total, pageCount }, plans] = await Promise.all([
    listCustomers(db, { page, sort, dir, filters, pageSize: 25 }),
    listPlanNames(db),
  ]);
  const filtered = Object.values(filters).some(Boolean);
  return (
    <section aria-labelledby="customers-title" className="space-y-3">
      <div className="flex items-baseline justify-between gap-2">
        <h1 id="customers-title" className="text-xl font-semibold">
          Customers
        </h1>
        <p className="text-sm text-slate-600" data-testid="customer-total">
          {total} {filtered ? "matching" : "total"}
        </p>
      </div>
      <ApplyOnChange action="/customers">
        {/* Remount when a choice changes from outside (Clear, a link from the overview), so
            the selects show the URL; not on the search text, so typing keeps its focus. */}
        <CustomerFilters key={JSON.stringify({ ...filters, q: null })} view={view} plans={plans} />
      </ApplyOnChange>
      {total === 0 ? (
        filtered ? (
          <EmptyState title="No customer matches these filters">
            Search matches any part of a name or email, or a whole Stripe, HubSpot, Zendesk or app
            id.
          </EmptyState>
        ) : (
          <EmptyState title="No customers yet">
            They appear here as soon as Stripe, your CRM or your app sends a webhook.
          </EmptyState>
        )
      ) : (
        <CustomersTable
          rows={rows}
          renderedAt={new Date().toISOString()}
          sort={sort}
          dir={dir}
          page={Math.min(page, pageCount)}
          pageCount={pageCount}
        />
      )}
    </section>
  );
}
