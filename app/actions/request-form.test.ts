import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { requestApprovalAction } from "./approvals";

const session = vi.hoisted(() => ({ email: "staff@example.com" }));
vi.mock("next-auth", () => ({
  getServerSession: async () => ({ user: { email: session.email } }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const form = (data: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(data)) f.set(k, v);
  return f;
};
let customerId = "";

beforeEach(async () => {
  await resetDatabase();
  await db.user.create({ data: { email: "staff@example.com", role: "staff" } });
  customerId = (await db.customer.create({ data: { email: "c@example.com" } })).id;
});

describe("the approval request form", () => {
  it("a refund sent with the access fields (the reset radio) is refused in plain words, writing nothing", async () => {
    const r = await requestApprovalAction(
      null,
      form({ customerId, kind: "refund", overrideKind: "grant", reason: "Goodwill gesture" }),
    );
    expect(r).toEqual({ ok: false, message: "Choose the payment to refund" });
    expect(await db.approvalRequest.count()).toBe(0);
  });

  it("an access request is accepted and answered without internal ids", async () => {
    const r = await requestApprovalAction(
      null,
      form({ customerId, kind: "access_override", overrideKind: "grant", reason: "Goodwill" }),
    );
    const [req] = await db.approvalRequest.findMany();
    expect(r?.ok).toBe(true);
    expect(r?.message).not.toContain(req.id);
  });
});
