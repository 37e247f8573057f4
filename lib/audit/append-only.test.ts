import { spawnSync } from "node:child_process";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { writeAudit } from "./write-audit";

beforeEach(resetDatabase);

describe("the audit log is append-only", () => {
  it("the database refuses UPDATE and DELETE on AuditLog", async () => {
    await db.$transaction((tx) =>
      writeAudit(tx, {
        actor: "a@example.com",
        action: "test.write",
        target: "t1",
        after: { x: 1 },
      }),
    );
    await expect(
      db.$executeRawUnsafe(`UPDATE "AuditLog" SET "actor" = 'forger@example.com'`),
    ).rejects.toThrow(/append-only: UPDATE/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditLog"`)).rejects.toThrow(
      /append-only: DELETE/,
    );
    await expect(db.auditLog.deleteMany({})).rejects.toThrow(/append-only/);
    expect(await db.auditLog.findFirstOrThrow()).toMatchObject({ actor: "a@example.com" });
  });

  it("the database refuses TRUNCATE on AuditLog, alone or through a cascade", async () => {
    await db.$transaction((tx) =>
      writeAudit(tx, { actor: "a@example.com", action: "test.write", target: "t1" }),
    );
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditLog"`)).rejects.toThrow(
      /append-only: TRUNCATE/,
    );
    await expect(
      db.$executeRawUnsafe(`TRUNCATE "User", "AuditLog" RESTART IDENTITY CASCADE`),
    ).rejects.toThrow(/append-only: TRUNCATE/);
    expect(await db.auditLog.count()).toBe(1);
  });

  it("no code has an update or delete path for AuditLog (only this test tries one)", () => {
    const r = spawnSync(
      "git",
      [
        "grep",
        "-nE",
        'auditLog\\.(update|upsert|delete)|(UPDATE|DELETE FROM) +"AuditLog"',
        "--",
        "*.ts",
        "*.tsx",
        "*.mjs",
        ":!lib/generated/**",
        ":!lib/audit/append-only.test.ts",
      ],
      { encoding: "utf8" },
    );
    expect(r.stdout).toBe("");
    expect(r.status).toBe(1); // git grep: 1 = no match (2 would be an error)
  });
});
