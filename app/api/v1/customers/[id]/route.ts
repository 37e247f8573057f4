// GET /api/v1/customers/{id} — read API for the product app (bearer OPS_API_TOKEN or a settings API token)
import { unauthorized } from "@/lib/api/bearer";
import { authorizeReadApi } from "@/lib/api/read-api-auth";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { toPublicCustomer } from "@/lib/customers/public-customer";
import { getCustomerRow } from "@/lib/customers/queries";

export const dynamic = "force-dynamic";

export async function GET(
  req: Request,
  ctx: { params: Promise<{ id: string }> },
): Promise<Response> {
  if (!(await authorizeReadApi(db, req, env.OPS_API_TOKEN))) return unauthorized();
  const { id } = await ctx.params;
  const customer = id.length <= 64 ? await getCustomerRow(db, id) : null;
  if (!customer) return Response.json({ error: "Customer not found" }, { status: 404 });
  return Response.json(toPublicCustomer(customer));
}
