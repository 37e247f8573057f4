import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { withFakeStripe } from "@/test/fake-stripe-env";
import { runScheduledDriftCheck } from "./run-scheduled-drift-check";

withFakeStripe();
beforeEach(resetDatabase);

describe("runScheduledDriftCheck", () => {
  it("runs at most once per interval", async () => {
    const first = await runScheduledDriftCheck(db, 24);
    expect(first.ran).toBe(true);
    expect(await runScheduledDriftCheck(db, 24)).toEqual({ ran: false });
    const tomorrow = new Date(Date.now() + 25 * 3600_000);
    expect((await runScheduledDriftCheck(db, 24, tomorrow)).ran).toBe(true);
  });
});
