// Generated permission matrix for server actions. A direct POST to an action needs its
// build-time id, so instead each exported action is called as a function with a mocked
// session (next-auth's getServerSession) for every role and signed out: the real
// defineAction → currentActor → users-table lookup runs, only the cookie is faked.
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { PROTECTED_ACTIONS } from "@/lib/auth/protected-surface";
import { ROLES, can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";

const session = vi.hoisted(() => ({ email: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (session.email ? { user: { email: session.email } } : null),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const dir = path.join(import.meta.dirname);
const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

async function exportedActions(): Promise<Record<string, (...a: unknown[]) => Promise<unknown>>> {
  const out: Record<string, (...a: unknown[]) => Promise<unknown>> = {};
  for (const f of files) {
    const mod = (await import(`./${f}`)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value === "function") out[`${f.replace(/\.ts$/, "")}#${name}`] = value as never;
    }
  }
  return out;
}

/**
 * Every action has the one signature (previous state, form). An empty form fails validation
 * after the permission check, so allowed calls change nothing (billing-sync's actions take
 * no fields and start their background job, as they did before).
 */
const argsFor = (_key: string): unknown[] => [null, formWith({})];
function formWith(fields: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

let actions: Awaited<ReturnType<typeof exportedActions>>;
beforeAll(async () => {
  await resetDatabase();
  await db.user.createMany({
    data: ROLES.map((role) => ({ email: `${role}@matrix.example.com`, role })),
  });
  await db.user.create({
    data: { email: "disabled@matrix.example.com", role: "founder", disabledAt: new Date() },
  });
  actions = await exportedActions();
});

describe("every server action is listed in the permission surface", () => {
  it("no exported action is missing from PROTECTED_ACTIONS, and none listed is gone", () => {
    expect(Object.keys(actions).sort()).toEqual(Object.keys(PROTECTED_ACTIONS).sort());
  });
});

describe.each(Object.entries(PROTECTED_ACTIONS))("%s needs %s", (key, permission) => {
  it("signed out: refused before the action body", async () => {
    session.email = null;
    await expect(actions[key](...argsFor(key))).rejects.toThrow("Sign in required");
  });
  it("a disabled founder: refused as signed out (offboarding revokes the session)", async () => {
    session.email = "disabled@matrix.example.com";
    await expect(actions[key](...argsFor(key))).rejects.toThrow("Sign in required");
  });
  it.each(ROLES)("%s: allowed exactly as the matrix says", async (role) => {
    session.email = `${role}@matrix.example.com`;
    const call = actions[key](...argsFor(key));
    if (can(role, permission)) {
      await call.catch((e: Error) =>
        expect(e.message).not.toMatch(/^(Forbidden|Sign in required)$/),
      );
    } else {
      await expect(call).rejects.toThrow("Forbidden");
    }
  });
});
