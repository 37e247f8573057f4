import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordLedgerEvent } from "@/lib/ledger/record-event";
import { resetDatabase } from "@/test/db";
import {
  ZLedgerView,
  getLedgerEvent,
  listLedgerEvents,
  listLedgerTypes,
} from "./list-ledger-events";

const at = (s: string) => new Date(`2026-11-20T${s}Z`);

beforeEach(async () => {
  await resetDatabase();
  const rows = [
    ["stripe", "s1", "invoice.paid", "10:00:00", "processed"],
    ["stripe", "s2", "invoice.payment_failed", "10:05:30", "failed"],
    ["hubspot", "h1", "contact.creation", "11:00:00", "processed"],
    ["zendesk", "z1", "ticket.updated", "12:00:00", "ignored"],
  ] as const;
  for (const [source, externalId, type, time, status] of rows) {
    const r = await recordLedgerEvent(db, {
      source,
      externalId,
      type,
      occurredAt: at(time),
      payload: { id: externalId, email: "who@example.com" },
      correlationId: `corr-${externalId}`,
    });
    await db.ledgerEvent.update({ where: { id: r.id }, data: { status, receivedAt: at(time) } });
  }
});

const ids = async (params: Record<string, string>) =>
  (await listLedgerEvents(db, ZLedgerView.parse(params))).rows.map((r) => r.externalId);

describe("ledger list", () => {
  it("filters by source, type and status, newest first", async () => {
    expect(await ids({})).toEqual(["z1", "h1", "s2", "s1"]);
    expect(await ids({ source: "stripe" })).toEqual(["s2", "s1"]);
    expect(await ids({ type: "contact.creation" })).toEqual(["h1"]);
    expect(await ids({ status: "failed" })).toEqual(["s2"]);
    expect(await ids({ source: "stripe", status: "processed" })).toEqual(["s1"]);
  });

  it("filters by time range; a minute as the upper bound includes that whole minute", async () => {
    expect(await ids({ from: "2026-11-20T10:01", to: "2026-11-20T10:05" })).toEqual(["s2"]);
    expect(await ids({ from: "2026-11-20T11:00:00Z" })).toEqual(["z1", "h1"]);
    expect(await ids({ to: "2026-11-20" })).toEqual(["z1", "h1", "s2", "s1"]);
    expect(await ids({ to: "2026-11-19" })).toEqual([]);
  });

  it("ignores malformed filters instead of failing", async () => {
    expect(
      ZLedgerView.parse({ source: "paypal", from: "yesterday", type: "a b", page: "-3" }),
    ).toEqual({
      source: undefined,
      status: undefined,
      type: undefined,
      from: undefined,
      to: undefined,
      page: 1,
    });
  });

  it("pages, lists types, and returns one event with its payload", async () => {
    const p2 = await listLedgerEvents(db, ZLedgerView.parse({ page: "2" }), 3);
    expect(p2).toMatchObject({ total: 4, totalCapped: false, pageCount: 2 });
    // Past the cap the count stops and says so; the pages stop with it.
    const capped = await listLedgerEvents(db, ZLedgerView.parse({}), 1, 3);
    expect(capped).toMatchObject({ total: 3, totalCapped: true, pageCount: 3 });
    const exact = await listLedgerEvents(db, ZLedgerView.parse({}), 1, 4);
    expect(exact).toMatchObject({ total: 4, totalCapped: false, pageCount: 4 });
    expect(p2.rows.map((r) => r.externalId)).toEqual(["s1"]);
    expect(await listLedgerTypes(db)).toEqual([
      "contact.creation",
      "invoice.paid",
      "invoice.payment_failed",
      "ticket.updated",
    ]);
    const one = await getLedgerEvent(db, p2.rows[0].id);
    expect(one?.payload).toEqual({ id: "s1", email: "who@example.com" });
    expect(await getLedgerEvent(db, "nope")).toBeNull();
  });
});
