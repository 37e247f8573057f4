import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { countAllRows, resetDatabase } from "@/test/db";
import { TEST_DATABASE_URL } from "@/test/test-env";
import { SYSTEM_ACTOR, addUser } from "./add-user";

beforeEach(resetDatabase);

describe("addUser (npm run user:add)", () => {
  it("creates the user once, audited as the system; a second run changes nothing", async () => {
    const first = await addUser(db, { email: " Boss@Example.com ", role: "founder" });
    expect(first).toMatchObject({ outcome: "created", user: { email: "boss@example.com" } });
    const again = await addUser(db, { email: "boss@example.com", role: "founder" });
    expect(again.outcome).toBe("unchanged");
    expect(await db.user.count()).toBe(1);
    const audit = await db.auditLog.findMany();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: SYSTEM_ACTOR, action: "user.invite" });
  });

  it("a run with another role changes the role (audited); the last active founder stays", async () => {
    await addUser(db, { email: "boss@example.com", role: "founder" });
    await addUser(db, { email: "ops@example.com", role: "staff" });
    expect((await addUser(db, { email: "ops@example.com", role: "admin" })).outcome).toBe(
      "role_changed",
    );
    await expect(addUser(db, { email: "boss@example.com", role: "staff" })).rejects.toThrow(
      /last founder/,
    );
    const change = await db.auditLog.findFirstOrThrow({ where: { action: "user.role_change" } });
    expect(change).toMatchObject({ actor: SYSTEM_ACTOR, after: { role: "admin" } });
  });

  it("refuses bad input with a clear message and writes nothing", async () => {
    const before = await countAllRows();
    await expect(addUser(db, { email: "not-an-email", role: "founder" })).rejects.toThrow(
      /valid email/,
    );
    await expect(addUser(db, { email: "a@example.com", role: "owner" })).rejects.toThrow(
      /founder, admin or staff/,
    );
    expect(await countAllRows()).toEqual(before);
  });
});

describe("the command", () => {
  const run = (args: string[]) =>
    promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "tools/users/add-user.ts", ...args],
      // Only DATABASE_URL: the command needs no other configuration.
      { env: { PATH: process.env.PATH, NODE_ENV: "production", DATABASE_URL: TEST_DATABASE_URL } },
    ).then(
      (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        out: e.stdout,
        err: e.stderr,
      }),
    );

  it("adds a founder against DATABASE_URL, and says so; bad input exits 2 naming the problem", async () => {
    const ok = await run(["--email", "first@example.com", "--role", "founder"]);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toMatch(/first@example\.com.*founder/);
    expect(await db.user.findUnique({ where: { email: "first@example.com" } })).toMatchObject({
      role: "founder",
    });
    const bad = await run(["--email", "x@example.com", "--role", "owner"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--role must be founder, admin or staff/);
    expect(await db.user.count()).toBe(1);
  }, 60_000); // two cold tsx start-ups: slow on a loaded machine, never asserted
});
