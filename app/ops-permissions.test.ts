import { beforeEach, describe, expect, it, vi } from "vitest";
import DashboardLayout from "@/app/(dashboard)/layout";
import {
  addNoteAction,
  assignExceptionAction,
  replayLedgerEventAction,
  resolveExceptionAction,
  retryExceptionAction,
} from "@/app/actions/ops";
import { GET as exportCustomers } from "@/app/api/customers/export/route";
import { PAGE_RECORDS } from "@/lib/auth/page-records";
import { PAGES } from "@/lib/auth/pages";
import { can, ROLES, type Permission } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { resetDatabase } from "@/test/db";

// Generated from the matrix and the page registry: every dashboard page (through the one
// dashboard layout, given the path as proxy.ts forwards it), the export route and the ops
// actions × every role and signed out.
const session = vi.hoisted(() => ({ email: null as string | null }));
const request = vi.hoisted(() => ({ path: null as string | null }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(request.path ? { "x-launch-ready-path": request.path } : {}),
}));
vi.mock("next-auth", () => ({
  getServerSession: async () => (session.email ? { user: { email: session.email } } : null),
}));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NOT_FOUND");
  },
  redirect: () => {
    throw new Error("REDIRECT");
  },
  forbidden: () => {
    throw new Error("FORBIDDEN");
  },
  unstable_rethrow: () => undefined,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/jobs/dispatch", () => ({ dispatch: async () => undefined }));

const empty = () => new FormData();
// A dynamic page's sample names no record: allowed roles get a 404 from the layout.
const pages = PAGES.map((p) => [p.sample ?? p.href, p.permission, p.otherwise] as const);
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

  it.each(pages)("page %s follows the matrix (%s)", async (path, permission, otherwise) => {
    request.path = path;
    const outcome = await DashboardLayout({ children: null }).then(
      () => "ok",
      (e: Error) => e.message,
    );
    const refused = otherwise ? "REDIRECT" : "FORBIDDEN";
    const allowed = path.includes("no-such") ? "NOT_FOUND" : "ok";
    expect(outcome).toBe(!role ? "REDIRECT" : can(role, permission) ? allowed : refused);
  });

  it("a customer or ledger event that exists opens; an unknown one is a 404", async () => {
    if (!role || !can(role, "customer.read") || !can(role, "ledger.read")) return;
    await db.customer.create({ data: { id: "known-customer", email: "known@example.com" } });
    await db.ledgerEvent.create({
      data: {
        id: "known-event",
        source: "stripe",
        externalId: "evt_known",
        type: "invoice.paid",
        occurredAt: new Date(),
        payload: {},
        correlationId: "c-known",
      },
    });
    const outcome = async (path: string) => {
      request.path = path;
      return DashboardLayout({ children: null }).then(
        () => "ok",
        (e: Error) => e.message,
      );
    };
    expect(await outcome("/customers/known-customer")).toBe("ok");
    expect(await outcome("/customers/known-customer?tab=timeline")).toBe("ok");
    expect(await outcome("/ledger/known-event")).toBe("ok");
    expect(await outcome("/customers/known-event")).toBe("NOT_FOUND");
    expect(await outcome("/ledger/known-customer")).toBe("NOT_FOUND");
    expect(await outcome("/customers/%E0%A4%A")).toBe("NOT_FOUND");
  });

  it("every dynamic page in the registry checks that its record exists", () => {
    const dynamic = PAGES.filter((p) => p.href.includes("[")).map((p) => p.href);
    expect(Object.keys(PAGE_RECORDS).sort()).toEqual(dynamic.sort());
  });

  it("a path missing from the registry, or no path at all, is refused", async () => {
    for (const path of ["/not-registered", null]) {
      request.path = path;
      await expect(DashboardLayout({ children: null })).rejects.toThrow(/No registered page/);
    }
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
