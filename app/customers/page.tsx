import type { Metadata } from "next";
import { z } from "zod";
import { CustomersTable } from "@/components/customers/customers-table";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePagePermission } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { CUSTOMER_SORTS, listCustomers } from "@/lib/customers/queries";

export const metadata: Metadata = { title: "Customers" };
export const dynamic = "force-dynamic";

const ZParams = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  sort: z.enum(CUSTOMER_SORTS).catch("createdAt"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
});

export default async function CustomersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  await requirePagePermission("customer.read", "/customers");
  const q = ZParams.parse(await searchParams);
  const { rows, total, pageCount } = await listCustomers(db, { ...q, pageSize: 25 });
  return (
    <section aria-labelledby="customers-title" className="space-y-3">
      <div className="flex items-baseline justify-between gap-2">
        <h1 id="customers-title" className="text-xl font-semibold">
          Customers
        </h1>
        <p className="text-sm text-slate-600" data-testid="customer-total">
          {total} total
        </p>
      </div>
      {total === 0 ? (
        <EmptyState title="No customers yet">
          They appear here as soon as Stripe, your CRM or your app sends a webhook.
        </EmptyState>
      ) : (
        <CustomersTable
          rows={rows}
          sort={q.sort}
          dir={q.dir}
          page={Math.min(q.page, pageCount)}
          pageCount={pageCount}
        />
      )}
    </section>
  );
}
