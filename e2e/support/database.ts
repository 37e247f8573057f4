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
