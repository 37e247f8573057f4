import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { getCustomerDetail } from "./customer-detail";
import { setAccessOverride } from "./set-access-override";
import { activeOverrides, revokeCustomerOverride } from "./revoke-customer-override";
import { retryCustomerSync } from "./retry-customer-sync";
import { resolveCustomerExceptions } from "./resolve-customer-exceptions";

const admin = { id: "u_admin", email: "admin@example.com" };
let customerId = "";
let otherId = "";

beforeEach(async () => {
  await resetDatabase();
  customerId = (await db.customer.create({ data: { email: "a@example.com" } })).id;
  otherId = (await db.customer.create({ data: { email: "b@example.com" } })).id;
});

const grant = (id: string) =>
  setAccessOverride(db, {
    customerId: id,
    kind: "grant",
    reason: "Goodwill",
    actor: admin.email,
    expiresAt: null,
  });

async function deadTask(id: string, target: "crm" | "email", key: string) {
  const task = await db.syncTask.create({
    data: {
      customerId: id,
      target,
      action: target === "crm" ? "crm.upsert_contact" : "email.welcome",
      idempotencyKey: key,
      status: "dead",
      attempts: 20,
      lastError: "HubSpot answered 400",
      correlationId: `c-${key}`,
    },
  });
  await db.exceptionRecord.create({
    data: {
      kind: "sync_dead",
      title: "Sync failed",
      detail: "x",
      customerId: id,
      syncTaskId: task.id,
    },
  });
  return task;
}

describe("customer page actions", () => {
  it("revoking an override ends it, recomputes access and audits once", async () => {
    const granted = await grant(customerId);
    expect(granted.status).toBe("active");
    expect(await activeOverrides(db, customerId)).toHaveLength(1);

    const decision = await revokeCustomerOverride(db, customerId, granted.overrideId, admin);
    expect(decision.status).not.toBe("active");
    await revokeCustomerOverride(db, customerId, granted.overrideId, admin);

    expect(await activeOverrides(db, customerId)).toHaveLength(0);
    const c = await db.customer.findUniqueOrThrow({ where: { id: customerId } });
    expect(c.accessStatus).toBe(decision.status);
    expect(await db.auditLog.count({ where: { action: "access.override_revoke" } })).toBe(1);

    const journey = (await getCustomerDetail(db, customerId))!.timeline;
    const done = journey.filter((i) => i.kind === "action").map((i) => i.code);
    expect(done).toEqual(["access.override_revoke", "access.override_grant"]);
  });

  it("refuses to revoke another customer's override through this customer, changing nothing", async () => {
    const theirs = await grant(otherId);
    await expect(revokeCustomerOverride(db, customerId, theirs.overrideId, admin)).rejects.toThrow(
      /No such override/,
    );
    expect(await activeOverrides(db, otherId)).toHaveLength(1);
    expect(await db.auditLog.count({ where: { action: "access.override_revoke" } })).toBe(0);
  });

  it("retrying one system re-arms only that system's dead tasks of this customer", async () => {
    const crm = await deadTask(customerId, "crm", "k-crm");
    const email = await deadTask(customerId, "email", "k-email");
    const otherCrm = await deadTask(otherId, "crm", "k-other");

    const retried = await retryCustomerSync(db, customerId, "crm", admin);
    expect(retried).toEqual([{ id: crm.id, customerId }]);

    const status = async (id: string) =>
      (await db.syncTask.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(crm.id)).toBe("pending");
    expect(await status(email.id)).toBe("dead");
    expect(await status(otherCrm.id)).toBe("dead");
    const crmException = await db.exceptionRecord.findUniqueOrThrow({
      where: { syncTaskId: crm.id },
    });
    expect(crmException.status).toBe("resolved");
    expect(await db.auditLog.count({ where: { action: "customer.sync_retry" } })).toBe(1);

    await expect(retryCustomerSync(db, customerId, "crm", admin)).rejects.toThrow(/Nothing failed/);
    expect(await db.auditLog.count({ where: { action: "customer.sync_retry" } })).toBe(1);
  });

  it("resolves this customer's open exceptions but not identity conflicts or others'", async () => {
    await deadTask(customerId, "crm", "k1");
    await deadTask(otherId, "crm", "k2");
    await db.exceptionRecord.create({
      data: {
        kind: "identity_conflict",
        title: "Same person?",
        detail: "x",
        customerId,
        pairCustomerId: otherId,
      },
    });
    expect(await resolveCustomerExceptions(db, customerId, "Called them", admin)).toBe(1);
    const open = await db.exceptionRecord.findMany({ where: { status: "open" } });
    expect(open.map((x) => [x.customerId, x.kind]).sort()).toEqual(
      [
        [customerId, "identity_conflict"],
        [otherId, "sync_dead"],
      ].sort(),
    );
    await expect(resolveCustomerExceptions(db, customerId, "again", admin)).rejects.toThrow(
      /No open exception/,
    );
  });
});
