import { buttonClass } from "@/components/ui/button";
import { plainFormAction, type FormAction } from "@/lib/actions/action-state";
import { DEFAULT_RULES, type RuleKey } from "@/lib/alerts/default-rules";

type Rule = {
  id: string;
  key: string;
  name: string;
  enabled: boolean;
  threshold: number;
  windowMinutes: number;
  minRequests: number | null;
  updatedBy: string | null;
};

const unitLabel = {
  ratio: "%",
  seconds: "seconds",
  count: "count (fires above)",
  multiplier: "× baseline",
  days: "days (fires below)",
} as const;

/** Founders tune each rule: enabled, threshold and window. Others see the values. */
export function AlertRulesForm({
  rules,
  canManage,
  save,
}: {
  rules: Rule[];
  canManage: boolean;
  save: FormAction;
}) {
  return (
    <ul className="space-y-2" data-testid="alert-rules">
      {rules.map((r) => {
        const unit = DEFAULT_RULES[r.key as RuleKey]?.unit ?? "count";
        return (
          <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
            <form action={plainFormAction(save)} className="flex flex-wrap items-end gap-3">
              <input type="hidden" name="ruleId" value={r.id} />
              <div className="w-full font-medium">{r.name}</div>
              {r.minRequests !== null && (
                <p className="w-full text-xs text-slate-600" data-testid="rule-min-requests">
                  Fires only when at least {r.minRequests} requests arrived in the window.
                </p>
              )}
              <label className="flex items-center gap-1 text-xs">
                <input
                  type="checkbox"
                  name="enabled"
                  defaultChecked={r.enabled}
                  disabled={!canManage}
                />
                enabled
              </label>
              <label className="flex flex-col text-xs text-slate-600">
                threshold, {unitLabel[unit]}
                {unit === "ratio" ? (
                  // Typed as a percentage (2 for 2 %); stored as a ratio as before.
                  <input
                    type="number"
                    name="thresholdPercent"
                    step="any"
                    min={0}
                    max={100}
                    defaultValue={Number((r.threshold * 100).toPrecision(12))}
                    disabled={!canManage}
                    className="w-32 rounded border border-slate-300 px-2 py-1 text-sm text-slate-900"
                  />
                ) : (
                  <input
                    type="number"
                    name="threshold"
                    step="any"
                    min={0}
                    defaultValue={r.threshold}
                    disabled={!canManage}
                    className="w-32 rounded border border-slate-300 px-2 py-1 text-sm text-slate-900"
                  />
                )}
              </label>
              <label className="flex flex-col text-xs text-slate-600">
                window, minutes
                <input
                  type="number"
                  name="windowMinutes"
                  min={0}
                  step={1}
                  defaultValue={r.windowMinutes}
                  disabled={!canManage}
                  className="w-24 rounded border border-slate-300 px-2 py-1 text-sm text-slate-900"
                />
              </label>
              {r.minRequests !== null && (
                <label className="flex flex-col text-xs text-slate-600">
                  minimum requests
                  <input
                    type="number"
                    name="minRequests"
                    min={0}
                    step={1}
                    defaultValue={r.minRequests}
                    disabled={!canManage}
                    className="w-24 rounded border border-slate-300 px-2 py-1 text-sm text-slate-900"
                  />
                </label>
              )}
              {canManage && (
                <button type="submit" className={buttonClass({ size: "sm" })}>
                  Save
                </button>
              )}
              {r.updatedBy && (
                <span className="text-xs text-slate-500">last changed by {r.updatedBy}</span>
              )}
            </form>
          </li>
        );
      })}
    </ul>
  );
}
