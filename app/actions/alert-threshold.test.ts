import { beforeEach, expect, it, vi } from "vitest";
import { alertRules } from "@/lib/alerts/queries";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { updateAlertRuleAction } from "./alerts";

vi.mock("next-auth", () => ({
  getServerSession: async () => ({ user: { email: "founder@example.com" } }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

beforeEach(async () => {
  await resetDatabase();
  await db.user.create({ data: { email: "founder@example.com", role: "founder" } });
});

it("a rate threshold typed as 2 (%) is stored as the ratio 0.02; other units as typed", async () => {
  const rules = await alertRules(db);
  const rate = rules.find((r) => r.key === "webhook_failure_rate")!;
  const dead = rules.find((r) => r.key === "dead_task")!;
  const save = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return updateAlertRuleAction(null, f);
  };
  expect(await save({ ruleId: rate.id, thresholdPercent: "2", windowMinutes: "15" })).toMatchObject(
    { ok: true },
  );
  expect(await save({ ruleId: dead.id, threshold: "3", windowMinutes: "15" })).toMatchObject({
    ok: true,
  });
  const after = await db.alertRule.findMany({ where: { id: { in: [rate.id, dead.id] } } });
  expect(Object.fromEntries(after.map((r) => [r.key, r.threshold]))).toEqual({
    webhook_failure_rate: 0.02,
    dead_task: 3,
  });
});
