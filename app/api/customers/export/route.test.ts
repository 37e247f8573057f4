import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { GET } from "./route";

const session = vi.hoisted(() => ({ email: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (session.email ? { user: { email: session.email } } : null),
}));

beforeEach(async () => {
  await resetDatabase();
  session.email = null;
  await db.user.create({ data: { email: "help@example.com", role: "staff" } });
  await db.customer.createMany({
    data: [
      {
        email: "ada@example.com",
        name: "=1+2",
        accessStatus: "past_due",
        billingStatus: "past_due",
      },
      { email: "ben@example.com", name: "Ben", accessStatus: "active", billingStatus: "active" },
    ],
  });
});

const get = (qs: string) => GET(new Request(`http://x/api/customers/export?${qs}`), undefined);

describe("GET /api/customers/export", () => {
  it("streams the current view as CSV with a header row and neutralised formulas", async () => {
    session.email = "help@example.com";
    const res = await get("access=past_due&sort=email&dir=asc");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="customers-/);
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^id,email,name,access_status/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("ada@example.com,'=1+2,past_due");
  });

  it("answers 401 signed out and writes nothing", async () => {
    expect((await get("")).status).toBe(401);
    expect(await db.auditLog.count()).toBe(0);
  });
});
