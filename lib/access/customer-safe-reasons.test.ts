import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as readOne } from "@/app/api/v1/customers/[id]/route";
import { GET as readByEmail } from "@/app/api/v1/customers/route";
import { setAccessOverride } from "@/lib/customers/set-access-override";
import { db } from "@/lib/db";
import { dispatchSyncTasks } from "@/lib/jobs/dispatch";
import { resetDatabase } from "@/test/db";
import { startSyncHarness, type SyncHarness } from "@/test/sync-harness";

// What staff write when they override access: who did it and why stay in the dashboard.
const STAFF = "jane.ops@launchready.example";
const NOTE = "INTERNAL friend of the CEO, see Slack thread";
const auth = { authorization: "Bearer test-ops-token-0123456789abcdef" };

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness();
});
afterAll(async () => {
  await h.stop();
});
beforeEach(async () => {
  await resetDatabase();
  h.hubspot.clear();
  h.app.clear();
});

function expectNoInternals(what: string, text: string) {
  expect.soft(text, `${what} carries the staff email`).not.toContain(STAFF);
  expect.soft(text, `${what} carries the internal note`).not.toContain("friend of the CEO");
}

describe("an override's staff email and internal note never leave the dashboard", () => {
  it("the read API, the app webhook and the HubSpot property carry only the customer-safe message", async () => {
    const c = await db.customer.create({
      data: { email: "safe@example.com", name: "Safe Person", appUserId: "app_safe" },
    });
    const decision = await setAccessOverride(db, {
      customerId: c.id,
      kind: "block",
      reason: NOTE,
      actor: STAFF,
      expiresAt: null,
    });
    await dispatchSyncTasks(decision.syncTasks);
    await h.settle();

    // Read API, both routes.
    const one = await readOne(new Request(`http://x/api/v1/customers/${c.id}`, { headers: auth }), {
      params: Promise.resolve({ id: c.id }),
    });
    const oneBody = await one.json();
    expectNoInternals("GET /api/v1/customers/{id}", JSON.stringify(oneBody));
    const byEmail = await readByEmail(
      new Request("http://x/api/v1/customers?email=safe@example.com", { headers: auth }),
    );
    expectNoInternals("GET /api/v1/customers?email", await byEmail.text());
    const delivered = h.app.received();
    expect(delivered.length).toBeGreaterThan(0);
    for (const d of delivered) expectNoInternals("app webhook", JSON.stringify(d.payload));
    const [contact] = h.hubspot.contacts();
    expectNoInternals("HubSpot property", JSON.stringify(contact.properties));

    // The dashboard keeps both: who and why, and what the customer is told.
    const [stored] = (await db.customer.findUniqueOrThrow({ where: { id: c.id } }))
      .accessReasons as { message: string; customerMessage: string }[];
    expect(stored.message).toContain(STAFF);
    expect(stored.message).toContain(NOTE);
    expect(stored.customerMessage).toMatch(/paused by our team/);

    expect(oneBody.blockedReasons).toEqual([
      {
        code: "override_block",
        message: stored.customerMessage,
        since: expect.any(String),
        nextAction: expect.any(String),
      },
    ]);
    expect(oneBody.reasons).toEqual(oneBody.blockedReasons);
    // What does leave: the customer-safe message.
    expect(JSON.stringify(delivered.at(-1)!.payload)).toContain("paused by our team");
    expect(contact.properties.launch_ready_access_reason).toMatch(
      /^override_block: .*paused by our team/,
    );
  });
});
