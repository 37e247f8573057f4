import type { Metadata } from "next";
import { Link } from "@/components/ui/link";
import {
  addUptimeTargetAction,
  recordSecretRotationAction,
  removeUptimeTargetAction,
  rerunLaunchChecksAction,
  saveLaunchSettingsAction,
} from "@/app/actions/launch";
import { CheckList } from "@/components/launch/check-list";
import { LaunchSettingsForm } from "@/components/launch/launch-settings-form";
import { RotationForm } from "@/components/launch/rotation-form";
import { UptimePanel } from "@/components/launch/uptime-panel";
import { ActionForm } from "@/components/ui/action-form";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { SECRET_CATALOG } from "@/lib/launch/checks/secret-catalog";
import { countStates, launchChecklist } from "@/lib/launch/queries";
import { launchSettings } from "@/lib/launch/settings";
import { uptimeStats } from "@/lib/launch/uptime/stats";

export const metadata: Metadata = { title: "Launch readiness" };
export const dynamic = "force-dynamic";

/** Launch readiness: every check a launch depends on, its fix, uptime and the handover. */
export default async function LaunchPage() {
  const actor = await requirePage("/launch");
  const canRun = can(actor.role, "launch.run");
  const canManage = can(actor.role, "launch.manage");
  const [groups, settings, targets] = await Promise.all([
    launchChecklist(db),
    launchSettings(db),
    uptimeStats(db),
  ]);
  const counts = countStates(groups);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Launch readiness</h1>
        {canRun && (
          <ActionForm
            action={rerunLaunchChecksAction}
            hidden={{ scope: "all" }}
            label="Re-run all checks"
            tone="primary"
            testId="rerun-all"
          />
        )}
        <div className="flex flex-wrap gap-2 text-sm">
          <a
            href="/api/launch/handover"
            download
            className="rounded border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50"
          >
            Download handover (Markdown)
          </a>
          <Link
            href="/launch/handover"
            className="rounded border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50"
          >
            Printable handover
          </Link>
        </div>
      </div>
      <p className="text-sm text-slate-700" data-testid="launch-summary">
        {counts.fail} failing · {counts.warn} warnings · {counts.not_configured} not configured ·{" "}
        {counts.pass} passing. Checks run every 15 minutes
        {canRun ? "; re-run one or all at any time" : ""}.
        {!canRun &&
          " You can read this page; an admin or founder re-runs checks and changes settings."}
      </p>
      <section
        aria-labelledby="launch-settings-title"
        className="rounded-lg border border-slate-200 bg-white p-3"
      >
        <h2 id="launch-settings-title" className="mb-2 text-lg font-semibold">
          What to check
        </h2>
        <LaunchSettingsForm
          settings={settings}
          save={canManage ? saveLaunchSettingsAction : null}
        />
      </section>
      <CheckList groups={groups} rerun={canRun ? rerunLaunchChecksAction : null} />
      <section aria-labelledby="uptime-title">
        <h2 id="uptime-title" className="mb-2 text-lg font-semibold">
          Uptime monitoring
        </h2>
        <UptimePanel
          targets={targets}
          add={canManage ? addUptimeTargetAction : null}
          remove={canManage ? removeUptimeTargetAction : null}
        />
      </section>
      {canManage && (
        <section aria-labelledby="rotation-title">
          <h2 id="rotation-title" className="mb-2 text-lg font-semibold">
            Record a secret rotation
          </h2>
          <p className="mb-2 text-sm text-slate-600">
            The date only (never the value). Secrets not rotated for 90 days show a warning.
          </p>
          <RotationForm
            names={SECRET_CATALOG.map((s) => s.name)}
            record={recordSecretRotationAction}
          />
        </section>
      )}
    </div>
  );
}
