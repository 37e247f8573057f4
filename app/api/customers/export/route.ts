// GET /api/customers/export?…view params — the customers list's current view as CSV, streamed
import { withPermission } from "@/lib/auth/guard";
import { customersCsv } from "@/lib/customers/customers-csv";
import { parseCustomerView } from "@/lib/customers/list-filters";
import { iterateCustomers } from "@/lib/customers/queries";
import { db } from "@/lib/db";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

export const GET = withPermission("customer.export", async (req, _ctx: unknown, actor) => {
  const { page: _page, sort, dir, ...filters } = parseCustomerView(new URL(req.url).searchParams);
  void _page;
  const lines = customersCsv(iterateCustomers(db, { sort, dir, filters }));
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await lines.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (e) {
        log.error({ err: String(e) }, "customers export failed mid-stream");
        controller.error(e);
      }
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  log.info({ actorId: actor.id, filters }, "customers export");
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="customers-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
});
