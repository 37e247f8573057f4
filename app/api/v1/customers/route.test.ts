import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { recordStripe } from "@/dev/deliver";
import { invoicePaymentFailed } from "@/fakes/stripe/events";
import { processLedgerEvent } from "@/lib/workflows/process-ledger-event";
import { GET as getOne } from "./[id]/route";
import { GET as list } from "./route";

const TOKEN = "test-ops-token-0123456789abcdef";
const base = "http://localhost:3999/api/v1/customers";
const auth = (token = TOKEN) => ({ headers: { authorization: `Bearer ${token}` } });

beforeEach(async () => {
  await resetDatabase();
  await processLedgerEvent(
    db,
    await recordStripe(
      invoicePaymentFailed({
        customer: "cus_api1",
        email: "Api.User@Example.com",
        name: "Api User",
      }),
    ),
  );
});

describe("GET /api/v1/customers", () => {
  it("401 without a token and with a wrong one", async () => {
    expect((await list(new Request(`${base}?email=api.user@example.com`))).status).toBe(401);
    expect(
      (await list(new Request(`${base}?email=api.user@example.com`, auth("wrong")))).status,
    ).toBe(401);
    expect(
      (await list(new Request(`${base}?email=api.user@example.com`, auth(TOKEN + "x")))).status,
    ).toBe(401);
  });

  it("finds a customer by email, case-insensitively, in the documented shape", async () => {
    const res = await list(new Request(`${base}?email=API.USER@example.com`, auth()));
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data).toHaveLength(1);
    // The original contract's fields, unchanged (newer fields are covered in route-fields.test.ts).
    expect(data[0]).toMatchObject({
      id: expect.any(String),
      email: "api.user@example.com",
      name: "Api User",
      stripeCustomerId: "cus_api1",
      // A first payment that fails: billing mirrors the unpaid invoice; access stays lead.
      billingStatus: "past_due",
      accessStatus: "lead",
      blockedReasons: [
        expect.objectContaining({
          code: expect.any(String),
          message: expect.any(String),
          since: expect.any(String),
        }),
      ],
      lastSyncedAt: null,
      // The failed payment queued CRM, ticket, dunning and app side effects; none ran yet.
      sync: { state: "pending", lastError: null },
    });
  });

  it("400 without an email", async () => {
    expect((await list(new Request(base, auth()))).status).toBe(400);
  });
});

describe("GET /api/v1/customers/{id}", () => {
  it("returns the customer, 404 for an unknown id, 401 without a token", async () => {
    const c = await db.customer.findFirstOrThrow();
    const params = (id: string) => ({ params: Promise.resolve({ id }) });
    const ok = await getOne(new Request(`${base}/${c.id}`, auth()), params(c.id));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: c.id, accessStatus: "lead" });
    expect((await getOne(new Request(`${base}/nope`, auth()), params("nope"))).status).toBe(404);
    expect((await getOne(new Request(`${base}/${c.id}`), params(c.id))).status).toBe(401);
  });
});
