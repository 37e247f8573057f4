import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import {
  countByAccessStatus,
  findCustomerRowsByEmail,
  getCustomerRow,
  listCustomers,
} from "./queries";

beforeEach(resetDatabase);

describe("customer queries", () => {
  it("lists, counts and finds customers", async () => {
    await db.customer.create({ data: { email: "a@example.com", accessStatus: "active" } });
    await db.customer.create({ data: { email: "b@example.com", accessStatus: "blocked" } });
    await db.customer.create({ data: { email: "c@example.com" } });
    const page = await listCustomers(db, { page: 1, pageSize: 2, sort: "email", dir: "asc" });
    expect(page.rows.map((r) => r.email)).toEqual(["a@example.com", "b@example.com"]);
    expect(page).toMatchObject({ total: 3, pageCount: 2 });
    expect(await countByAccessStatus(db)).toMatchObject({
      active: 1,
      blocked: 1,
      lead: 1,
      trial: 0,
    });
    expect(await findCustomerRowsByEmail(db, "  ")).toEqual([]);
    expect(await getCustomerRow(db, "missing")).toBeNull();
    expect((await getCustomerRow(db, page.rows[0].id))?.lastInvoice).toBeNull();
  });
});
