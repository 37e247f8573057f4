// GET /api/v1/customers?email=… — read API for the product app (bearer OPS_API_TOKEN or a settings API token)
import { z } from "zod";
import { unauthorized } from "@/lib/api/bearer";
import { authorizeReadApi } from "@/lib/api/read-api-auth";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { toPublicCustomer } from "@/lib/customers/public-customer";
import { findCustomerRowsByEmail } from "@/lib/customers/queries";

export const dynamic = "force-dynamic";

const ZQuery = z.object({ email: z.string().trim().min(3).max(320) });

export async function GET(req: Request): Promise<Response> {
  if (!(await authorizeReadApi(db, req, env.OPS_API_TOKEN))) return unauthorized();
  const parsed = ZQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success)
    return Response.json({ error: "Query parameter email is required" }, { status: 400 });
  const rows = await findCustomerRowsByEmail(db, parsed.data.email);
  return Response.json({ data: rows.map(toPublicCustomer) });
}
