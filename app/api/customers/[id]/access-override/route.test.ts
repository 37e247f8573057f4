import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
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
    ],
  });
});

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
  it("lets a founder block a customer until a time, audited, and revoke it", async () => {
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

    const del = await DELETE(
      new Request(`http://x/api/customers/${c.id}/access-override?overrideId=${body.overrideId}`, {
        method: "DELETE",
      }),
      { params: Promise.resolve({ id: c.id }) },
    );
    expect(await del.json()).toMatchObject({ status: "lead" });
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
    // The same request from our own origin goes through.
    expect((await post(c.id, body, { origin: "http://x", host: "x" })).status).toBe(201);
  });
});
