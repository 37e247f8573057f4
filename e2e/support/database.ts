import pg from "pg";
import { E2E } from "./config";

/** Direct reads of the e2e database, to prove what a request did or did not write. */
export async function countRows(table: "LedgerEvent" | "Customer"): Promise<number> {
  const client = new pg.Client({ connectionString: E2E.databaseUrl });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
    return Number(r.rows[0].n);
  } finally {
    await client.end();
  }
}

/** A seeded customer with a paid invoice and no approval request yet (one per test run). */
export async function customerWithPaidInvoice(): Promise<{
  id: string;
  email: string;
  invoiceId: string;
  amountPaid: number;
  currency: string | null;
}> {
  const client = new pg.Client({ connectionString: E2E.databaseUrl });
  await client.connect();
  try {
    const r = await client.query(
      `SELECT c."id", c."email", i."stripeInvoiceId" AS "invoiceId", i."amountPaid", i."currency"
         FROM "Customer" c JOIN "Invoice" i ON i."customerId" = c."id"
        WHERE i."amountPaid" > 0 AND c."email" IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM "ApprovalRequest" a WHERE a."customerId" = c."id")
        ORDER BY c."email" LIMIT 1`,
    );
    if (!r.rows[0]) throw new Error("no seeded customer with a paid invoice left");
    return r.rows[0];
  } finally {
    await client.end();
  }
}
