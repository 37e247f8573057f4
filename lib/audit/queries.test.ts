import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { AUDIT_PAGE_SIZE, auditActions, listAuditEntries } from "./queries";

beforeEach(resetDatabase);

describe("audit log queries", () => {
  it("filters by actor, action, target and time, newest first, paginated, naming customers", async () => {
    const c = await db.customer.create({ data: { email: "who@example.com" } });
    const base = Date.parse("2026-11-01T00:00:00Z");
    await db.auditLog.createMany({
      data: Array.from({ length: AUDIT_PAGE_SIZE + 5 }, (_, i) => ({
        actor: i % 2 ? "ada@example.com" : "sam@example.com",
        action: i % 3 ? "approval.request" : "user.invite",
        target: i === 0 ? c.id : `t${i}`,
        at: new Date(base + i * 3600_000),
      })),
    });
    const all = await listAuditEntries(db, {});
    expect(all.total).toBe(AUDIT_PAGE_SIZE + 5);
    expect(all.pageCount).toBe(2);
    expect(all.rows[0].at.getTime()).toBeGreaterThan(all.rows[1].at.getTime());
    expect((await listAuditEntries(db, { page: 2 })).rows).toHaveLength(5);
    const ada = await listAuditEntries(db, { actor: "ADA" });
    expect(ada.rows.every((r) => r.actor === "ada@example.com")).toBe(true);
    const invites = await listAuditEntries(db, { action: "user." });
    expect(invites.rows.every((r) => r.action === "user.invite")).toBe(true);
    const target = await listAuditEntries(db, { target: c.id });
    expect(target.rows).toHaveLength(1);
    expect(target.rows[0].targetEmail).toBe("who@example.com");
    const window = await listAuditEntries(db, {
      from: new Date(base + 2 * 3600_000),
      to: new Date(base + 4 * 3600_000),
    });
    expect(window.total).toBe(2);
    expect(await auditActions(db)).toEqual(["approval.request", "user.invite"]);
  });
});
