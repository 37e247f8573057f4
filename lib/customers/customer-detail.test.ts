import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { recordStripe } from "@/dev/deliver";
import { checkoutSessionCompleted, invoicePaymentFailed, stripeId } from "@/fakes/stripe/events";
import { processLedgerEvent } from "@/lib/workflows/process-ledger-event";
import { addCustomerNote } from "./add-customer-note";
import { getCustomerDetail, systemSyncOf } from "./customer-detail";
import { identityLinks } from "./identity-links";

beforeEach(resetDatabase);

describe("customer detail", () => {
  it("ties ledger events, access changes and sync tasks into one journey, with the why", async () => {
    const who = { customer: stripeId("cus"), email: "journey@example.com", name: "Jo Urney" };
    const t = Math.floor(Date.now() / 1000) - 120;
    await processLedgerEvent(db, await recordStripe(checkoutSessionCompleted(who, { created: t })));
    await processLedgerEvent(
      db,
      await recordStripe(invoicePaymentFailed(who, { created: t + 30 })),
    );
    const c = await db.customer.findUniqueOrThrow({ where: { email: "journey@example.com" } });

    const d = (await getCustomerDetail(db, c.id))!;
    expect(d.customer.accessStatus).toBe("past_due");
    expect(d.customer.reasons[0]).toMatchObject({ code: "payment_failed" });
    expect(d.customer.reasons[0].nextAction).toMatch(/payment link/);
    expect(d.lastInvoice).toMatchObject({ status: "open", failureCode: "payment_failed" });
    const kinds = new Set(d.timeline.map((i) => i.kind));
    expect(kinds).toEqual(new Set(["ledger", "access", "sync"]));
    // Every item of the failed payment carries the ledger event's correlation id.
    const failed = d.timeline.find((i) => i.title === "stripe: invoice.payment_failed")!;
    const sameCause = d.timeline.filter((i) => i.correlationId === failed.correlationId);
    expect(sameCause.map((i) => i.kind)).toEqual(expect.arrayContaining(["ledger", "access"]));
    // Newest cause first; inside a cause: the event, then the access change, then side effects.
    expect(d.timeline[0]).toMatchObject({
      kind: "ledger",
      title: "stripe: invoice.payment_failed",
    });
    const groups = d.timeline.map((i) => i.correlationId);
    expect(groups.indexOf(failed.correlationId)).toBe(0);
    const rank = { ledger: 0, access: 1, sync: 2, action: 3 };
    const causeKinds = sameCause.map((i) => i.kind);
    expect(causeKinds).toEqual([...causeKinds].sort((a, b) => rank[a] - rank[b]));
    expect(d.systems.map((s) => s.target)).toEqual(["crm", "support", "email", "app"]);
    expect(await getCustomerDetail(db, "nope")).toBeNull();
  });

  it("per-system sync: dead beats pending beats done; skipped and never are told apart", () => {
    const at = new Date("2026-11-20T00:00:00Z");
    const s = systemSyncOf([
      { target: "crm", status: "succeeded", lastSuccessAt: at, lastError: null },
      { target: "crm", status: "dead", lastSuccessAt: null, lastError: "500 for a@b.co" },
      { target: "support", status: "pending", lastSuccessAt: null, lastError: "timeout" },
      { target: "email", status: "skipped", lastSuccessAt: null, lastError: null },
    ]);
    expect(s).toEqual([
      {
        target: "crm",
        state: "failed",
        lastSuccessAt: at.toISOString(),
        lastError: "500 for [email]",
        tasks: 2,
      },
      { target: "support", state: "pending", lastSuccessAt: null, lastError: "timeout", tasks: 1 },
      { target: "email", state: "skipped", lastSuccessAt: null, lastError: null, tasks: 1 },
      { target: "app", state: "never", lastSuccessAt: null, lastError: null, tasks: 0 },
    ]);
  });

  it("links out to Stripe, HubSpot and Zendesk (only with a subdomain)", () => {
    const ids = {
      stripeCustomerId: "cus_1",
      crmContactId: "42",
      supportUserId: "7",
      appUserId: "u1",
    };
    expect(identityLinks(ids, "acme").map((l) => l.href)).toEqual([
      "https://dashboard.stripe.com/customers/cus_1",
      "https://app.hubspot.com/contacts/_/contact/42",
      "https://acme.zendesk.com/agent/users/7",
      null,
    ]);
    expect(identityLinks(ids, undefined)[2]).toEqual({ system: "Zendesk", id: "7", href: null });
    expect(
      identityLinks(
        { stripeCustomerId: null, crmContactId: null, supportUserId: null, appUserId: null },
        "acme",
      ).every((l) => l.href === null),
    ).toBe(true);
  });

  it("adds a note with an audit row; refuses empty notes and unknown customers", async () => {
    const c = await db.customer.create({ data: { email: "n@example.com" } });
    expect(
      await addCustomerNote(db, c.id, "  Called, will pay Friday ", { email: "s@x.io" }),
    ).toMatchObject({ ok: true });
    expect(await addCustomerNote(db, c.id, "   ", { email: "s@x.io" })).toMatchObject({
      ok: false,
    });
    expect(await addCustomerNote(db, "nope", "x", { email: "s@x.io" })).toMatchObject({
      ok: false,
    });
    const d = (await getCustomerDetail(db, c.id))!;
    expect(d.notes).toMatchObject([{ body: "Called, will pay Friday", author: "s@x.io" }]);
    expect(await db.auditLog.count({ where: { action: "customer.note", target: c.id } })).toBe(1);
  });
});
