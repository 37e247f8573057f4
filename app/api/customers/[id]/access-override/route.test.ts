import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { approveApproval } from "@/lib/approvals/decide-approval";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { resetDatabase } from "@/test/db";
import { DELETE, POST } from "./route";

const session = vi.hoisted(() => ({ email: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (session.email ? { user: { email: session.email } } : null),
}));

beforeEach(async () => {
  await resetDatabase();
  session.email = null;
  await db.user.createMany({
    data: [
      { email: "boss@example.com", role: "founder" },
      { email: "help@example.com", role: "staff" },
      { email: "second@example.com", role: "admin" },
    ],
  });
});

afterEach(() => {
  delete process.env.OVERRIDES_REQUIRE_APPROVAL;
  resetEnvCache();
});

/** The deployment's policy: overrides need a second person's approval, or not. */
function overridesNeedApproval(yes: boolean) {
  process.env.OVERRIDES_REQUIRE_APPROVAL = yes ? "1" : "0";
  resetEnvCache();
}

const del = (pathId: string, overrideId: string) =>
  DELETE(
    new Request(`http://x/api/customers/${pathId}/access-override?overrideId=${overrideId}`, {
      method: "DELETE",
    }),
    { params: Promise.resolve({ id: pathId }) },
  );

const post = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  POST(
    new Request(`http://x/api/customers/${id}/access-override`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    }),
    {
      params: Promise.resolve({ id }),
    },
  );

describe("POST/DELETE /api/customers/{id}/access-override", () => {
  it("by default a POST only asks for approval (202): nothing changes until a second admin approves", async () => {
    const c = await db.customer.create({ data: { email: "o@example.com" } });
    session.email = "boss@example.com";
    const res = await post(c.id, { kind: "grant", reason: "Goodwill, card being replaced" });
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toMatchObject({ status: "pending", approvalId: expect.any(String) });
    expect(await db.accessOverride.count()).toBe(0);
    expect((await db.customer.findUniqueOrThrow({ where: { id: c.id } })).accessStatus).toBe(
      "lead",
    );
    const request = await db.approvalRequest.findUniqueOrThrow({ where: { id: body.approvalId } });
    expect(request).toMatchObject({
      kind: "access_override",
      requestedByEmail: "boss@example.com",
    });
    expect(await db.auditLog.count({ where: { action: "approval.request" } })).toBe(1);
    // The requester cannot approve it; a second admin can.
    const boss = await db.user.findUniqueOrThrow({ where: { email: "boss@example.com" } });
    await expect(approveApproval(db, boss, body.approvalId)).rejects.toThrow(/your own request/);
    const second = await db.user.findUniqueOrThrow({ where: { email: "second@example.com" } });
    expect((await approveApproval(db, second, body.approvalId)).request.status).toBe("succeeded");
    expect((await db.customer.findUniqueOrThrow({ where: { id: c.id } })).accessStatus).toBe(
      "active",
    );
  });

  it("with approval switched off, a founder blocks a customer until a time, audited, and revokes it", async () => {
    overridesNeedApproval(false);
    const c = await db.customer.create({ data: { email: "o@example.com" } });
    session.email = "boss@example.com";
    const expiresAt = new Date(Date.now() + 86400_000).toISOString();
    const res = await post(c.id, { kind: "block", reason: "Suspected fraud", expiresAt });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ status: "blocked", reasons: [{ code: "override_block" }] });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "access.override_block" },
    });
    expect(audit).toMatchObject({ actor: "boss@example.com", target: c.id });

    expect(await (await del(c.id, body.overrideId)).json()).toMatchObject({ status: "lead" });
  });

  it("DELETE acts only on the customer in its path: naming another customer's override changes nothing", async () => {
    overridesNeedApproval(false);
    const a = await db.customer.create({ data: { email: "a@example.com" } });
    const b = await db.customer.create({ data: { email: "b@example.com" } });
    session.email = "boss@example.com";
    const onB = await (await post(b.id, { kind: "block", reason: "Chargeback" })).json();
    const res = await del(a.id, onB.overrideId);
    expect(res.status).toBe(404);
    expect(
      (await db.accessOverride.findUniqueOrThrow({ where: { id: onB.overrideId } })).revokedAt,
    ).toBeNull();
    expect((await db.customer.findUniqueOrThrow({ where: { id: b.id } })).accessStatus).toBe(
      "blocked",
    );
    expect(await db.auditLog.count({ where: { action: "access.override_revoke" } })).toBe(0);
    expect((await del(b.id, onB.overrideId)).status).toBe(200);
  });

  it("refuses staff, signed-out users, bad input, past expiry and unknown customers", async () => {
    const c = await db.customer.create({ data: { email: "o@example.com" } });
    expect((await post(c.id, { kind: "grant", reason: "x" })).status).toBe(401);
    session.email = "help@example.com";
    expect((await post(c.id, { kind: "grant", reason: "Goodwill" })).status).toBe(403);
    session.email = "boss@example.com";
    expect((await post(c.id, { kind: "maybe", reason: "Goodwill" })).status).toBe(400);
    expect(
      (await post(c.id, { kind: "grant", reason: "Goodwill", expiresAt: "2020-01-01T00:00:00Z" }))
        .status,
    ).toBe(400);
    expect((await post("nope", { kind: "grant", reason: "Goodwill" })).status).toBe(404);
    const del = await DELETE(
      new Request("http://x/api/customers/x/access-override", { method: "DELETE" }),
      {
        params: Promise.resolve({ id: "x" }),
      },
    );
    expect(del.status).toBe(404);
    expect(await db.accessOverride.count()).toBe(0);
  });

  it("refuses a cross-site or form-encoded write from a signed-in founder, writing nothing", async () => {
    const c = await db.customer.create({ data: { email: "o@example.com" } });
    session.email = "boss@example.com";
    const body = { kind: "block", reason: "Forged by another site" };
    const evil = await post(c.id, body, { origin: "https://evil.example", host: "x" });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toEqual({ error: "Cross-site request refused" });
    expect((await post(c.id, body, { "content-type": "text/plain" })).status).toBe(415);
    expect(await db.accessOverride.count()).toBe(0);
    expect((await db.customer.findUniqueOrThrow({ where: { id: c.id } })).accessStatus).toBe(
      "lead",
    );
    // The same request from our own origin goes through (as a request for approval).
    expect((await post(c.id, body, { origin: "http://x", host: "x" })).status).toBe(202);
  });
});
