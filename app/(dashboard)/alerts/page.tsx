import { AlertList } from "@/components/alerts/alert-list";
import { AlertRulesForm } from "@/components/alerts/alert-rules-form";
import { MetricsDetail } from "@/components/overview/metrics-detail";
import { alertRules, recentAlerts } from "@/lib/alerts/queries";
import { requirePage } from "@/lib/auth/guard";
import { acknowledgeAlertAction, updateAlertRuleAction } from "@/app/actions/alerts";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { metricsSnapshot } from "@/lib/metrics/snapshot";

export const dynamic = "force-dynamic";

/** Alerts, their rules and the metrics behind them (founders). */
export default async function AlertsPage() {
  const actor = await requirePage("/alerts");
  const canManage = can(actor.role, "alert.manage");
  const [alerts, rules, snapshot] = await Promise.all([
    recentAlerts(db, 30),
    alertRules(db),
    metricsSnapshot(db),
  ]);
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Alerts and metrics</h1>
      <section aria-labelledby="alerts-title">
        <h2 id="alerts-title" className="mb-2 text-lg font-semibold">
          Alerts
        </h2>
        <AlertList
          alerts={alerts}
          ruleKeys={Object.fromEntries(rules.map((r) => [r.id, r.key]))}
          canManage={canManage}
          acknowledge={acknowledgeAlertAction}
        />
      </section>
      <section aria-labelledby="metrics-title" id="metrics">
        <h2 id="metrics-title" className="mb-2 text-lg font-semibold">
          Metrics
        </h2>
        <MetricsDetail s={snapshot} />
      </section>
      <section aria-labelledby="rules-title">
        <h2 id="rules-title" className="mb-2 text-lg font-semibold">
          Rules
        </h2>
        <p className="mb-2 text-sm text-slate-600">
          Evaluated every minute. A firing alert is sent once to Slack and by email (when
          configured), stays open until its condition clears, and is sent again as resolved.
        </p>
        <AlertRulesForm rules={rules} canManage={canManage} save={updateAlertRuleAction} />
      </section>
    </div>
  );
}
