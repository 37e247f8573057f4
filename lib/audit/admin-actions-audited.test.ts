import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { acknowledgeAlert } from "@/lib/alerts/acknowledge-alert";
import { updateAlertRule } from "@/lib/alerts/update-alert-rule";
import { inProcessExecutor } from "@/lib/jobs/dispatch";
import { requestDriftCheck, requestStripeImport } from "@/lib/jobs/request-billing-sync";
import { retryLedgerEvent } from "@/lib/ledger/retry-ledger-event";
import { createApiToken, revokeApiToken } from "@/lib/tokens/api-tokens";
import { resetDatabase } from "@/test/db";
import { withFakeStripe } from "@/test/fake-stripe-env";
import { recordStripe } from "@/dev/deliver";
import { invoicePaid, stripeId } from "@/fakes/stripe/events";

withFakeStripe();
beforeEach(resetDatabase);

const founder = { id: "u_f", email: "founder@example.com" };
const audits = (action: string) => db.auditLog.findMany({ where: { action } });

/** Everything an admin changes leaves one audit row, written with the change. */
describe("admin changes are audited", () => {
  it("an alert rule edit records before and after; saving the same values again records nothing", async () => {
    const rule = await db.alertRule.create({
      data: { key: "dead_task", name: "Dead tasks", threshold: 1, windowMinutes: 60 },
    });
    const edit = { ruleId: rule.id, enabled: false, threshold: 5, windowMinutes: 30 };
    await updateAlertRule(db, edit, founder.email);
    await updateAlertRule(db, edit, founder.email);
    const rows = await audits("alert.rule_update");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor: founder.email,
      target: `alert_rule:${rule.id}`,
      before: { enabled: true, threshold: 1, windowMinutes: 60 },
      after: { enabled: false, threshold: 5, windowMinutes: 30 },
    });
  });

  it("an alert acknowledgement is audited once", async () => {
    const rule = await db.alertRule.create({
      data: { key: "dead_task", name: "Dead tasks", threshold: 1, windowMinutes: 60 },
    });
    const alert = await db.alert.create({
      data: { ruleId: rule.id, scope: "all", title: "t", detail: "d", value: 2, threshold: 1 },
    });
    expect(await acknowledgeAlert(db, alert.id, founder.email)).toBe(true);
    expect(await acknowledgeAlert(db, alert.id, founder.email)).toBe(false);
    const rows = await audits("alert.acknowledge");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor: founder.email,
      target: `alert:${alert.id}`,
      before: { state: "firing" },
      after: { state: "acknowledged" },
    });
  });

  it("a ledger retry is audited; a refused retry writes nothing", async () => {
    const id = await recordStripe(
      invoicePaid({ customer: stripeId("cus"), email: "r@example.com" }),
    );
    await db.ledgerEvent.update({ where: { id }, data: { status: "processed" } });
    const sent: unknown[] = [];
    const dispatch = async (e: unknown) => void sent.push(e);
    expect((await retryLedgerEvent(db, id, founder, dispatch)).ok).toBe(false);
    expect(await audits("ledger.retry")).toHaveLength(0);
    await db.ledgerEvent.update({ where: { id }, data: { status: "failed" } });
    expect((await retryLedgerEvent(db, id, founder, dispatch)).ok).toBe(true);
    expect(sent).toHaveLength(1);
    const rows = await audits("ledger.retry");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor: founder.email,
      target: id,
      before: { status: "failed" },
    });
  });

  it("starting an import and a drift check is audited with the job it queued", async () => {
    const job = await requestStripeImport(db, founder.email);
    await inProcessExecutor().idle();
    const drift = await requestDriftCheck(db, founder.email);
    await inProcessExecutor().idle();
    expect(await audits("billing.import_start")).toMatchObject([
      { actor: founder.email, target: `sync_job:${job.id}`, after: { status: "queued" } },
    ]);
    expect(await audits("billing.drift_check_start")).toMatchObject([
      { actor: founder.email, target: `sync_job:${drift.id}`, after: { status: "queued" } },
    ]);
  });

  it("token creation and revocation are audited (lib/tokens)", async () => {
    await db.user.create({ data: { id: founder.id, email: founder.email, role: "founder" } });
    const { id } = await createApiToken(db, founder, "CI");
    await revokeApiToken(db, founder, id);
    expect(await audits("token.create")).toHaveLength(1);
    expect(await audits("token.revoke")).toHaveLength(1);
  });
});
