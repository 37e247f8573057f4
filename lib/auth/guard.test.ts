// Route handlers behind withPermission stop for a disabled user and for a revoked session.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { withPermission } from "./guard";

const session = vi.hoisted(() => ({
  value: null as null | { user: { email: string }; sv?: number },
}));
vi.mock("next-auth", () => ({ getServerSession: async () => session.value }));

const handler = withPermission("customer.export", async () => Response.json({ rows: 1 }));
const get = () => handler(new Request("http://localhost/api/customers/export"), {});

beforeAll(async () => {
  await resetDatabase();
  await db.user.create({ data: { email: "on@example.com", role: "staff", sessionVersion: 2 } });
  await db.user.create({
    data: { email: "off@example.com", role: "founder", disabledAt: new Date(), sessionVersion: 1 },
  });
});

describe("withPermission and offboarding", () => {
  it("a current session of an active user gets through", async () => {
    session.value = { user: { email: "on@example.com" }, sv: 2 };
    expect((await get()).status).toBe(200);
  });

  it("a session from before the last disable, or of a disabled user, is signed out (401)", async () => {
    session.value = { user: { email: "on@example.com" }, sv: 1 };
    expect((await get()).status).toBe(401);
    session.value = { user: { email: "off@example.com" }, sv: 1 };
    expect((await get()).status).toBe(401);
  });
});
