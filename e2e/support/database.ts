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

/** How many customer notes carry exactly this text. */
export async function countNotesWithBody(body: string): Promise<number> {
  const client = new pg.Client({ connectionString: E2E.databaseUrl });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM "CustomerNote" WHERE body = $1`,
      [body],
    );
    return Number(r.rows[0].n);
  } finally {
    await client.end();
  }
}

/** A dead CRM task with its open exception for an existing customer (what the sync engine leaves). */
export async function insertDeadSyncTask(): Promise<{ exceptionId: string; customerId: string }> {
  const client = new pg.Client({ connectionString: E2E.databaseUrl });
  await client.connect();
  try {
    const suffix = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
    const c = await client.query<{ id: string }>(
      `SELECT id FROM "Customer" WHERE "accessStatus" = 'active' ORDER BY "createdAt" LIMIT 1`,
    );
    const customerId = c.rows[0].id;
    await client.query(
      `INSERT INTO "SyncTask" (id, "customerId", target, action, "idempotencyKey", status, attempts,
                               "lastError", "correlationId", "updatedAt")
       VALUES ($1, $2, 'crm', 'crm.upsert_contact', $3, 'dead', 20, 'HubSpot answered 500', $4, now())`,
      [`e2e-task-${suffix}`, customerId, `e2e-key-${suffix}`, `e2e-corr-${suffix}`],
    );
    await client.query(
      `INSERT INTO "ExceptionRecord" (id, kind, title, detail, "customerId", "syncTaskId", "correlationId")
       VALUES ($1, 'dead_sync_task', $2, 'HubSpot answered 500', $3, $4, $5)`,
      [
        `e2e-exc-${suffix}`,
        `crm.upsert_contact failed for good (e2e ${suffix})`,
        customerId,
        `e2e-task-${suffix}`,
        `e2e-corr-${suffix}`,
      ],
    );
    return { exceptionId: `e2e-exc-${suffix}`, customerId };
  } finally {
    await client.end();
  }
}

/** Status and attempts of one sync task, to prove what a retry did. */
export async function syncTaskOfException(exceptionId: string): Promise<{ status: string }> {
  const client = new pg.Client({ connectionString: E2E.databaseUrl });
  await client.connect();
  try {
    const r = await client.query<{ status: string }>(
      `SELECT t.status FROM "SyncTask" t JOIN "ExceptionRecord" e ON e."syncTaskId" = t.id WHERE e.id = $1`,
      [exceptionId],
    );
    return r.rows[0];
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

/**
 * Real ids of the seeded demo story (dev/demo-story.ts) for pages with an id in the path:
 * Hana Okafor (past due: the action panel offers a payment link), Noor Rahimi (an open
 * exception to retry) and the ledger event of Hana's failed renewal.
 */
export async function demoPageIds(): Promise<{
  pastDueCustomer: string;
  exceptionCustomer: string;
  ledgerEvent: string;
}> {
  const client = new pg.Client({ connectionString: E2E.databaseUrl });
  await client.connect();
  try {
    const customer = async (email: string) =>
      (await client.query<{ id: string }>(`SELECT id FROM "Customer" WHERE email = $1`, [email]))
        .rows[0].id;
    const pastDueCustomer = await customer("hana@okafor-studio.example");
    const exceptionCustomer = await customer("noor.rahimi@examplecom");
    const event = await client.query<{ id: string }>(
      `SELECT id FROM "LedgerEvent" WHERE "customerId" = $1
       ORDER BY (type = 'invoice.payment_failed') DESC, "occurredAt" DESC LIMIT 1`,
      [pastDueCustomer],
    );
    return { pastDueCustomer, exceptionCustomer, ledgerEvent: event.rows[0].id };
  } finally {
    await client.end();
  }
}
