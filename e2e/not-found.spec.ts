import { expect, test } from "@playwright/test";
import pg from "pg";
import { E2E } from "./support/config";

/** One seeded customer and one ledger event that exist. */
async function knownIds(): Promise<{ customerId: string; eventId: string }> {
  const client = new pg.Client({ connectionString: E2E.databaseUrl });
  await client.connect();
  try {
    const c = await client.query<{ id: string }>(`SELECT id FROM "Customer" LIMIT 1`);
    const e = await client.query<{ id: string }>(`SELECT id FROM "LedgerEvent" LIMIT 1`);
    return { customerId: c.rows[0].id, eventId: e.rows[0].id };
  } finally {
    await client.end();
  }
}

// An unknown id used to answer 200 with a streamed "Not found" (loading.tsx had already sent
// the shell): links checkers, monitors and crawlers took it for a page.
test.describe("unknown ids", () => {
  test.use({ storageState: "e2e/.auth/founder.json" });

  test("an unknown customer or ledger event answers a real 404 with the not-found page", async ({
    page,
  }) => {
    for (const path of ["/customers/no-such-customer", "/ledger/no-such-event"]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Back to the dashboard" })).toBeVisible();
    }
  });

  test("a customer and a ledger event that exist answer 200", async ({ page }) => {
    const { customerId, eventId } = await knownIds();
    for (const path of [`/customers/${customerId}`, `/ledger/${eventId}`]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      await expect(page.getByRole("heading", { name: "Not found" })).toHaveCount(0);
    }
  });
});
