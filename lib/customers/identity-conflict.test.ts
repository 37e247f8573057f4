import { beforeEach, describe, expect, it } from "vitest";
import { GET as listByEmail } from "@/app/api/v1/customers/route";
import { keepCustomersSeparate } from "@/lib/customers/keep-customers-separate";
import { mergeConflictingCustomers } from "@/lib/customers/merge-conflicting-customers";
import { describeIdentityConflict, raiseIdentityConflict } from "@/lib/customers/identity-conflict";
import { listCustomers } from "@/lib/customers/queries";
import { upsertLead } from "@/lib/customers/upsert-lead";
import { db } from "@/lib/db";
import type { WorkflowEvent } from "@/lib/workflow-events";
import type { Customer } from "@/lib/generated/prisma/client";
import { resetDatabase } from "@/test/db";
import { deliver } from "@/dev/deliver";
import { invoicePaid, invoicePaymentFailed } from "@/fakes/stripe/events";
import { chargeObject, eventOf } from "@/fakes/stripe/objects";
import { TEST_ENV } from "@/test/test-env";

// Issue 11, item 4: an event for Stripe customer X never changes a record bound to Stripe
// customer Y. A second Stripe customer with a known email becomes its own record plus an
// identity-conflict exception an admin can merge or keep separate.
const T = Math.floor(Date.now() / 1000) - 3600;
const ada = { customer: "cus_A", email: "ada@example.com", name: "Ada Lovelace" };
const mallory = { customer: "cus_B", email: "Ada@Example.com", name: "Mallory" };
const admin = { id: "u_admin", email: "admin@example.com" };

beforeEach(resetDatabase);

async function adaPaying() {
  await deliver(invoicePaid(ada, { created: T }));
  return db.customer.findUniqueOrThrow({ where: { stripeCustomerId: "cus_A" } });
}

/** What an event about someone else must never change on Ada's record. */
async function snapshotOf(id: string) {
  const c = await db.customer.findUniqueOrThrow({
    where: { id },
    include: { invoices: true, charges: true, transitions: true, syncTasks: true },
  });
  return {
    name: c.name,
    email: c.email,
    stripeCustomerId: c.stripeCustomerId,
    billingStatus: c.billingStatus,
    accessStatus: c.accessStatus,
    accessReasons: c.accessReasons,
    invoices: c.invoices.map((i) => i.stripeInvoiceId),
    charges: c.charges.length,
    transitions: c.transitions.length,
    syncTasks: c.syncTasks.length,
  };
}

async function openConflicts() {
  return db.exceptionRecord.findMany({ where: { kind: "identity_conflict", status: "open" } });
}

async function conflictOfMallory() {
  await adaPaying();
  await deliver(invoicePaymentFailed(mallory, { created: T + 60 }));
  const [exception] = await openConflicts();
  return exception;
}

describe("identity that cannot be hijacked", () => {
  it("a failed payment and a refund of Stripe customer cus_B using Ada's email never change Ada's record (cus_A)", async () => {
    const a = await adaPaying();
    const before = await snapshotOf(a.id);
    expect(before.accessStatus).toBe("active");

    await deliver(invoicePaymentFailed(mallory, { created: T + 60 }));
    const charge = {
      ...chargeObject({ id: "ch_B", customer: "cus_B", amountRefunded: 4900, created: T + 70 }),
      billing_details: { email: "ada@example.com", name: "Mallory" },
    };
    await deliver(eventOf("charge.refunded", charge, T + 70));

    expect(await snapshotOf(a.id)).toEqual(before);
    const b = await db.customer.findUniqueOrThrow({ where: { stripeCustomerId: "cus_B" } });
    expect(b.id).not.toBe(a.id);
    expect(b).toMatchObject({ email: null, claimedEmail: "ada@example.com", name: "Mallory" });
    expect(await db.invoice.count({ where: { customerId: b.id } })).toBe(1);
    expect(await db.charge.count({ where: { customerId: b.id } })).toBe(1);
  });

  it("the second Stripe customer gets its own record and one identity-conflict exception in plain words", async () => {
    const a = await adaPaying();
    await deliver(invoicePaymentFailed(mallory, { created: T + 60 }));
    await deliver(invoicePaymentFailed(mallory, { created: T + 120 }));
    const b = await db.customer.findUniqueOrThrow({ where: { stripeCustomerId: "cus_B" } });

    const conflicts = await openConflicts();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ customerId: b.id, pairCustomerId: a.id });
    expect(conflicts[0].detail).toBe(
      "Stripe customer cus_B uses ada@example.com, which already belongs to Ada Lovelace (cus_A). " +
        "They were kept apart. If they are the same person, merge them.",
    );
    expect(
      await db.auditLog.count({ where: { action: "customer.identity_conflict", target: b.id } }),
    ).toBe(1);
  });

  it("the read API and the customers search answer the email with both records", async () => {
    await conflictOfMallory();
    const res = await listByEmail(
      new Request("http://localhost:3999/api/v1/customers?email=ADA@example.com", {
        headers: { authorization: `Bearer ${TEST_ENV.OPS_API_TOKEN}` },
      }),
    );
    const { data } = (await res.json()) as { data: { stripeCustomerId: string }[] };
    expect(data.map((c) => c.stripeCustomerId).sort()).toEqual(["cus_A", "cus_B"]);

    const search = await listCustomers(db, {
      page: 1,
      pageSize: 25,
      sort: "createdAt",
      dir: "asc",
      filters: { q: "ada@example" },
    });
    expect(search.rows.map((c) => c.stripeCustomerId)).toEqual(["cus_A", "cus_B"]);
  });

  it("an admin merge keeps one record that answers for both Stripe ids, audited, and resolves the exception", async () => {
    const exception = await conflictOfMallory();
    const sent: WorkflowEvent[] = [];
    const result = await mergeConflictingCustomers(db, exception.id, admin, async (e) => {
      sent.push(e);
    });
    expect(result).toMatchObject({ ok: true });
    const survivor = await db.customer.findUniqueOrThrow({ where: { stripeCustomerId: "cus_A" } });
    expect(await db.customer.count()).toBe(1);
    expect(
      await db.customerAlias.findUnique({ where: { key: "stripeCustomerId:cus_B" } }),
    ).toMatchObject({ customerId: survivor.id });
    expect(
      await db.exceptionRecord.findUniqueOrThrow({ where: { id: exception.id } }),
    ).toMatchObject({
      status: "resolved",
      resolvedById: admin.id,
    });
    expect(
      await db.auditLog.count({ where: { action: "customer.merge", actor: admin.email } }),
    ).toBe(1);

    // From now on an event for cus_B is the survivor's, and raises nothing new.
    await deliver(invoicePaid({ customer: "cus_B" }, { created: T + 300 }));
    expect(await db.customer.count()).toBe(1);
    expect(await db.invoice.count({ where: { customerId: survivor.id } })).toBe(3);
    expect(await openConflicts()).toHaveLength(0);
    // A second click changes nothing.
    expect(await mergeConflictingCustomers(db, exception.id, admin, async () => {})).toMatchObject({
      ok: false,
    });
  });

  it("keep separate resolves the conflict, audited; later events do not raise it again", async () => {
    const exception = await conflictOfMallory();
    expect(await keepCustomersSeparate(db, exception.id, "Two different people", admin)).toEqual({
      ok: true,
    });
    expect(
      await db.exceptionRecord.findUniqueOrThrow({ where: { id: exception.id } }),
    ).toMatchObject({
      status: "resolved",
      resolutionNote: "Two different people",
    });
    expect(
      await db.auditLog.count({
        where: { action: "customer.keep_separate", target: exception.id },
      }),
    ).toBe(1);
    await deliver(invoicePaymentFailed(mallory, { created: T + 600 }));
    expect(await db.customer.count()).toBe(2);
    expect(await db.exceptionRecord.count({ where: { kind: "identity_conflict" } })).toBe(1);
    expect(await keepCustomersSeparate(db, exception.id, "again", admin)).toMatchObject({
      ok: false,
    });
  });

  it("raiseIdentityConflict (a Stripe email change to an address another record holds) opens one exception per pair", async () => {
    const a = await adaPaying();
    await deliver(invoicePaid({ customer: "cus_C", email: "cy@example.com", name: "Cy" }));
    const c = await db.customer.findUniqueOrThrow({ where: { stripeCustomerId: "cus_C" } });
    for (let i = 0; i < 2; i++) {
      await db.$transaction((tx) =>
        raiseIdentityConflict(tx, {
          customerId: c.id,
          otherCustomerId: a.id,
          key: "email",
          value: "ada@example.com",
          actor: "system:stripe",
        }),
      );
    }
    const conflicts = await openConflicts();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ customerId: c.id, pairCustomerId: a.id });
    expect(conflicts[0].detail).toContain("Stripe customer cus_C uses ada@example.com");
    expect(await db.customer.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({
      email: "cy@example.com",
      claimedEmail: "ada@example.com",
    });
  });

  it("a HubSpot contact using another contact's email gets its own lead and never renames that record", async () => {
    const lead = await db.customer.create({
      data: { email: "ada@example.com", name: "Ada Lovelace", crmContactId: "101" },
    });
    const since = new Date(T * 1000);
    const r = await db.$transaction((tx) =>
      upsertLead(tx, { crmContactId: "202", email: "ada@example.com", name: "Someone" }, since),
    );
    expect(r.customer.id).not.toBe(lead.id);
    expect(r.customer).toMatchObject({ crmContactId: "202", email: null, name: "Someone" });
    expect(await db.customer.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({
      name: "Ada Lovelace",
      crmContactId: "101",
    });
    const [conflict] = await openConflicts();
    expect(conflict).toMatchObject({ customerId: r.customer.id, pairCustomerId: lead.id });
    expect(conflict.detail).toContain("HubSpot contact 202 uses ada@example.com");
  });
});

describe("identity conflicts: wording and refusals", () => {
  const record = (c: Partial<Customer>) =>
    ({
      id: "c_x",
      email: null,
      name: null,
      stripeCustomerId: null,
      crmContactId: null,
      supportUserId: null,
      appUserId: null,
      ...c,
    }) as Customer;

  it("names each record by the provider id it is bound to, falling back to email or id", () => {
    const hubspot = record({ crmContactId: "202" });
    expect(
      describeIdentityConflict(hubspot, record({ crmContactId: "101" }), "email", "a@x.io").detail,
    ).toBe(
      "HubSpot contact 202 uses a@x.io, which already belongs to HubSpot contact 101. " +
        "They were kept apart. If they are the same person, merge them.",
    );
    expect(
      describeIdentityConflict(record({}), record({ email: "a@x.io" }), "email", "a@x.io").detail,
    ).toMatch(/^A new customer record uses a@x.io, which already belongs to a@x.io\./);
    const stripe = record({ stripeCustomerId: "cus_B" });
    expect(describeIdentityConflict(stripe, record({ id: "c_y" }), "appUserId", "u1")).toEqual({
      title: "Two customers use app user u1",
      detail:
        "Stripe customer cus_B uses app user u1, which already belongs to customer record c_y. " +
        "They were kept apart. If they are the same person, merge them.",
    });
  });

  it("refuses unknown, resolved or orphaned conflicts, and a record conflicting with itself", async () => {
    const nobody = { id: "u", email: "u@example.com" };
    const none = async () => undefined;
    expect(await mergeConflictingCustomers(db, "nope", nobody, none)).toMatchObject({ ok: false });
    expect(await keepCustomersSeparate(db, "nope", null, nobody)).toMatchObject({ ok: false });
    const a = await db.customer.create({ data: { email: "solo@example.com" } });
    const orphan = await db.exceptionRecord.create({
      data: { kind: "identity_conflict", title: "t", detail: "d", customerId: a.id },
    });
    expect(await mergeConflictingCustomers(db, orphan.id, nobody, none)).toEqual({
      ok: false,
      error: "One of the two records no longer exists",
    });
    expect(
      await db.$transaction((tx) =>
        raiseIdentityConflict(tx, {
          customerId: a.id,
          otherCustomerId: a.id,
          key: "email",
          value: "solo@example.com",
          actor: "test",
        }),
      ),
    ).toBeNull();
  });

  it("a merge whose follow-up hand-off fails still succeeds (the reconciler runs the tasks)", async () => {
    const exception = await conflictOfMallory();
    let handOffs = 0;
    const result = await mergeConflictingCustomers(db, exception.id, admin, async () => {
      handOffs++;
      throw new Error("executor gone");
    });
    expect(result).toMatchObject({ ok: true });
    // Ada's record now carries Mallory's failed invoice: the CRM and app hear of it.
    expect(handOffs).toBeGreaterThan(0);
  });
});
