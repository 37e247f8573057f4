import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { CUSTOMER_SORTS, listCustomers } from "./queries";

beforeEach(async () => {
  await resetDatabase();
  await db.customer.createMany({
    data: Array.from({ length: 30 }, (_, i) => ({
      email: i % 5 === 0 ? null : `c${String(i).padStart(2, "0")}@example.com`,
      name: `Customer ${i}`,
      billingStatus: i % 2 ? "active" : "past_due",
      accessStatus: i % 2 ? ("active" as const) : ("past_due" as const),
    })),
  });
});

describe("listCustomers", () => {
  it.each(CUSTOMER_SORTS.flatMap((sort) => [[sort, "asc"] as const, [sort, "desc"] as const]))(
    "sorts by %s %s and pages without gaps or repeats",
    async (sort, dir) => {
      const p1 = await listCustomers(db, { page: 1, pageSize: 20, sort, dir });
      const p2 = await listCustomers(db, { page: 2, pageSize: 20, sort, dir });
      expect(p1).toMatchObject({ total: 30, pageCount: 2 });
      const ids = [...p1.rows, ...p2.rows].map((r) => r.id);
      expect(new Set(ids).size).toBe(30);
    },
  );

  it("puts customers without an email last when sorting by email", async () => {
    const { rows } = await listCustomers(db, { page: 1, pageSize: 30, sort: "email", dir: "asc" });
    expect(rows[0].email).toBe("c01@example.com");
    expect(rows.slice(-6).every((r) => r.email === null)).toBe(true);
  });
});
