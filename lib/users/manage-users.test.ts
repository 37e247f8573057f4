import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { changeUserRole, inviteUser, listUsers } from "./manage-users";

const actor = { email: "boss@example.com" };
beforeEach(resetDatabase);

describe("users and roles", () => {
  it("an invite creates the user with a role (so magic-link sign-in accepts them), once, audited", async () => {
    const u = await inviteUser(db, actor, { email: " New.Person@Example.com ", role: "staff" });
    expect(u).toMatchObject({ email: "new.person@example.com", role: "staff" });
    await expect(
      inviteUser(db, actor, { email: "new.person@example.com", role: "admin" }),
    ).rejects.toThrow(/already a user/);
    await expect(inviteUser(db, actor, { email: "not-an-email", role: "admin" })).rejects.toThrow(
      /valid email/,
    );
    expect(await db.auditLog.count({ where: { action: "user.invite" } })).toBe(1);
  });

  it("a role change is audited with before and after; the last founder cannot be demoted", async () => {
    const f1 = await db.user.create({ data: { email: "boss@example.com", role: "founder" } });
    const s = await db.user.create({ data: { email: "s@example.com", role: "staff" } });
    await expect(changeUserRole(db, actor, f1.id, "admin")).rejects.toThrow(/last founder/);
    await changeUserRole(db, actor, s.id, "founder");
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "user.role_change" } });
    expect(audit).toMatchObject({ before: { role: "staff" }, after: { role: "founder" } });
    // two founders demoting each other at once: one of them stays founder
    const results = await Promise.allSettled([
      changeUserRole(db, actor, f1.id, "admin"),
      changeUserRole(db, actor, s.id, "admin"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await listUsers(db)).filter((u) => u.role === "founder")).toHaveLength(1);
  });
});
