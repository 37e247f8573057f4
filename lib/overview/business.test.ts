import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { businessSeries, moneyAtRisk } from "./business";

// A Thursday: weeks start on the Mondays 23 Nov and 30 Nov.
const now = new Date("2026-12-03T12:00:00Z");
const at = (iso: string) => new Date(`${iso}T10:00:00Z`);

async function customer(name: string, accessStatus: "past_due" | "active" | "blocked") {
  return db.customer.create({ data: { name, email: `${name}@example.com`, accessStatus } });
}

async function invoice(
  customerId: string,
  id: string,
  o: { failed: string; paid?: string; amount?: number; status?: string },
) {
  await db.invoice.create({
    data: {
      stripeInvoiceId: id,
      customerId,
      status: o.status ?? (o.paid ? "paid" : "open"),
      amountDue: o.amount ?? 4900,
      amountPaid: o.paid ? (o.amount ?? 4900) : 0,
      currency: "eur",
      firstFailedAt: at(o.failed),
      paidAt: o.paid ? at(o.paid) : null,
      stripeEventAt: at(o.paid ?? o.failed),
    },
  });
}

beforeEach(async () => {
  await resetDatabase();
});

describe("the business on the overview", () => {
  it("sums the unpaid failed invoices of people in bad standing as money at risk", async () => {
    const hana = await customer("hana", "past_due");
    const tomasz = await customer("tomasz", "blocked");
    const sofia = await customer("sofia", "active");
    await invoice(hana.id, "in_1", { failed: "2026-12-02" });
    await invoice(tomasz.id, "in_2", { failed: "2026-11-28", amount: 9900 });
    await invoice(sofia.id, "in_3", { failed: "2026-11-20", paid: "2026-11-24" });
    expect(await moneyAtRisk(db)).toEqual({ atRisk: { EUR: 14800 }, pastDue: 1, blocked: 1 });
  });

  it("puts revenue at risk in the week it failed and recovered revenue in the week it was paid", async () => {
    const a = await customer("a", "past_due");
    const b = await customer("b", "active");
    await invoice(a.id, "in_a", { failed: "2026-12-01" });
    // Failed the week of 23 Nov, paid on 1 Dec: at risk at the end of its week, recovered the next.
    await invoice(b.id, "in_b", { failed: "2026-11-25", paid: "2026-12-01", amount: 2000 });
    const s = await businessSeries(db, { now, weeks: 2 });
    expect(s.currency).toBe("EUR");
    const week = (d: string) => s.weeks.find((w) => w.week === d);
    expect(week("2026-11-23")).toEqual({ week: "2026-11-23", atRisk: 2000, recovered: 0 });
    expect(week("2026-11-30")).toEqual({ week: "2026-11-30", atRisk: 4900, recovered: 2000 });
  });

  it("draws the access mix per day from the transitions, and explains nothing when empty", async () => {
    expect((await businessSeries(db, { now })).accessMix).toEqual([]);
    const c = await customer("c", "past_due");
    await db.accessTransition.createMany({
      data: [
        { customerId: c.id, from: null, to: "active", at: at("2026-12-01") },
        { customerId: c.id, from: "active", to: "past_due", at: at("2026-12-02") },
      ],
    });
    const mix = (await businessSeries(db, { now, weeks: 1 })).accessMix;
    const day = (d: string) => mix.find((p) => p.day === d);
    expect(day("2026-11-30")).toBeUndefined();
    expect(day("2026-12-01")).toMatchObject({ active: 1, past_due: 0 });
    expect(day("2026-12-02")).toMatchObject({ active: 0, past_due: 1 });
  });
});
