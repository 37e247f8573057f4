import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { disableUser, enableUser } from "./disable-user";
import { changeUserRole } from "./manage-users";

beforeEach(resetDatabase);

async function people() {
  const boss = await db.user.create({ data: { email: "boss@example.com", role: "founder" } });
  const leaver = await db.user.create({ data: { email: "leaver@example.com", role: "admin" } });
  return { boss, leaver, actor: { id: boss.id, email: boss.email } };
}

describe("disabling and re-enabling a user", () => {
  it("disabling marks the user, bumps their session version, drops their pending links and sessions, audited once", async () => {
    const { leaver, actor } = await people();
    await db.verificationToken.create({
      data: {
        identifier: leaver.email,
        token: "pending-hash",
        expires: new Date(Date.now() + 6e5),
      },
    });
    await db.verificationToken.create({
      data: {
        identifier: "boss@example.com",
        token: "other-hash",
        expires: new Date(Date.now() + 6e5),
      },
    });
    await db.session.create({
      data: { sessionToken: "s1", userId: leaver.id, expires: new Date(Date.now() + 6e5) },
    });
    const out = await disableUser(db, actor, leaver.id);
    expect(out.disabledAt).toBeInstanceOf(Date);
    expect(out.sessionVersion).toBe(leaver.sessionVersion + 1);
    expect(await db.verificationToken.count({ where: { identifier: leaver.email } })).toBe(0);
    expect(await db.verificationToken.count()).toBe(1);
    expect(await db.session.count({ where: { userId: leaver.id } })).toBe(0);
    // a second disable changes nothing and writes no second entry
    const again = await disableUser(db, actor, leaver.id);
    expect(again.sessionVersion).toBe(out.sessionVersion);
    const audit = await db.auditLog.findMany({ where: { action: "user.disable" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: "boss@example.com",
      target: `user:${leaver.id}`,
      before: { email: leaver.email, disabled: false },
      after: { email: leaver.email, disabled: true },
    });
  });

  it("re-enabling lets them sign in again but keeps old sessions revoked; audited once", async () => {
    const { leaver, actor } = await people();
    const disabled = await disableUser(db, actor, leaver.id);
    const enabled = await enableUser(db, actor, leaver.id);
    expect(enabled.disabledAt).toBeNull();
    expect(enabled.sessionVersion).toBe(disabled.sessionVersion);
    await enableUser(db, actor, leaver.id);
    expect(await db.auditLog.count({ where: { action: "user.enable" } })).toBe(1);
  });

  it("the last active founder cannot be disabled, nor demoted while the other founder is disabled", async () => {
    const { boss, actor } = await people();
    const other = await db.user.create({ data: { email: "co@example.com", role: "founder" } });
    await expect(
      disableUser(db, { id: other.id, email: other.email }, boss.id),
    ).resolves.toBeTruthy();
    // boss is disabled now: co is the last active founder
    await expect(disableUser(db, actor, other.id)).rejects.toThrow(/last active founder/);
    await expect(changeUserRole(db, actor, other.id, "admin")).rejects.toThrow(/last founder/);
    expect((await db.user.findUniqueOrThrow({ where: { id: other.id } })).disabledAt).toBeNull();
  });

  it("two founders disabling each other at once: one stays active", async () => {
    const { boss } = await people();
    const other = await db.user.create({ data: { email: "co@example.com", role: "founder" } });
    const results = await Promise.allSettled([
      disableUser(db, { id: boss.id, email: boss.email }, other.id),
      disableUser(db, { id: other.id, email: other.email }, boss.id),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { role: "founder", disabledAt: null } })).toBe(1);
  });

  it("refuses to disable yourself and unknown users, writing nothing", async () => {
    const { boss, actor } = await people();
    await expect(disableUser(db, actor, boss.id)).rejects.toThrow(/yourself/);
    await expect(disableUser(db, actor, "no-such-user")).rejects.toThrow(/not found/);
    await expect(enableUser(db, actor, "no-such-user")).rejects.toThrow(/not found/);
    expect(await db.auditLog.count()).toBe(0);
  });
});
