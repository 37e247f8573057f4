import { beforeEach, describe, expect, it, vi } from "vitest";
import CustomersLayout from "@/app/customers/layout";
import ExceptionsLayout from "@/app/exceptions/layout";
import LedgerLayout from "@/app/ledger/layout";
import {
  addNoteAction,
  assignExceptionAction,
  replayLedgerEventAction,
  resolveExceptionAction,
  retryExceptionAction,
} from "@/app/actions/ops";
import { GET as exportCustomers } from "@/app/api/customers/export/route";
import { can, ROLES, type Permission } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { resetDatabase } from "@/test/db";

// Generated from the matrix: every ops page, route and action × every role and signed out.
const session = vi.hoisted(() => ({ email: null as string | null }));
vi.mock("next-auth", () => ({
  getServerSession: async () => (session.email ? { user: { email: session.email } } : null),
}));
vi.mock("next/navigation", () => ({
  redirect: () => {
    throw new Error("REDIRECT");
  },
  forbidden: () => {
    throw new Error("FORBIDDEN");
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/jobs/dispatch", () => ({ dispatch: async () => undefined }));

const empty = () => new FormData();
const pages: [string, Permission, () => Promise<unknown>][] = [
  ["/customers (and /customers/[id])", "customer.read", () => CustomersLayout({ children: null })],
  ["/ledger (and /ledger/[id])", "ledger.read", () => LedgerLayout({ children: null })],
  ["/exceptions", "exception.read", () => ExceptionsLayout({ children: null })],
];
// Actions get an empty form: allowed roles reach input validation (a refusal message, no
// throw); denied roles never get that far.
const actions: [string, Permission, () => Promise<unknown>][] = [
  ["addNote", "note.write", () => addNoteAction(null, empty())],
  ["replayLedgerEvent", "ledger.replay", () => replayLedgerEventAction(null, empty())],
  ["retryException", "exception.retry", () => retryExceptionAction(null, empty())],
  ["resolveException", "exception.resolve", () => resolveExceptionAction(null, empty())],
  ["assignException", "exception.resolve", () => assignExceptionAction(null, empty())],
];
const who: (Role | null)[] = [null, ...ROLES];

beforeEach(async () => {
  await resetDatabase();
  await db.user.createMany({ data: ROLES.map((role) => ({ email: `${role}@example.com`, role })) });
});

describe.each(who)("as %s", (role) => {
  beforeEach(() => {
    session.email = role && `${role}@example.com`;
  });

  it.each(pages)("page %s follows the matrix (%s)", async (_path, permission, render) => {
    const outcome = await render().then(
      () => "ok",
      (e: Error) => e.message,
    );
    expect(outcome).toBe(!role ? "REDIRECT" : can(role, permission) ? "ok" : "FORBIDDEN");
  });

  it("GET /api/customers/export follows the matrix (customer.export)", async () => {
    const res = await exportCustomers(new Request("http://x/api/customers/export"), undefined);
    expect(res.status).toBe(!role ? 401 : can(role, "customer.export") ? 200 : 403);
  });

  it.each(actions)("action %s follows the matrix (%s)", async (_name, permission, call) => {
    const outcome = await call().then(
      () => "ok",
      (e: Error) => e.message,
    );
    expect(outcome).toBe(!role ? "Sign in required" : can(role, permission) ? "ok" : "Forbidden");
  });
});
