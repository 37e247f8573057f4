import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { recordStripe } from "@/dev/deliver";
import { invoicePaid } from "@/fakes/stripe/events";
import { claimLedgerEvent } from "./claim-ledger-event";

beforeEach(resetDatabase);

describe("claimLedgerEvent", () => {
  it("returns the claimed row as the ORM reads it, once", async () => {
    const id = await recordStripe(invoicePaid({ customer: "cus_claim", email: "c@example.com" }));
    const claimed = await claimLedgerEvent(db, id);
    expect(claimed).toEqual(await db.ledgerEvent.findUniqueOrThrow({ where: { id } }));
    expect(claimed).toMatchObject({ status: "processing", attempts: 1 });
    expect(typeof claimed!.seq).toBe("bigint");
    expect(await claimLedgerEvent(db, id)).toBeNull();
    expect(await claimLedgerEvent(db, "no-such-row")).toBeNull();
  });
});
