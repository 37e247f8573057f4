import { ActionForm } from "@/components/ui/action-form";
import { controlClass } from "@/components/ui/field";
import { TimeAgo } from "@/components/ui/time-ago";
import type { FormAction } from "@/lib/actions/action-state";
import { formatDuration, formatPercent } from "@/lib/format";
import { UPTIME_RANGES, type TargetStats, type UptimeRange } from "@/lib/launch/uptime/stats";
import { StateBadge } from "./state-badge";
import { UptimeCharts } from "./uptime-charts";
import { ScrollRegion } from "@/components/ui/scroll-region";

const input = `${controlClass} sm:w-auto sm:min-w-64`;

/** The watched URLs: last probe, uptime % and p95 latency per range, charts; add and remove. */
export function UptimePanel({
  targets,
  add,
  remove,
}: {
  targets: TargetStats[];
  add: FormAction | null;
  remove: FormAction | null;
}) {
  return (
    <div className="space-y-3" data-testid="uptime-panel">
      <p className="text-sm text-slate-600">
        Checked every minute from this server: status, latency and the keyword if you gave one.
        Redirects are followed on the same host only (at most 5).
      </p>
      {targets.map((t) => (
        <article
          key={t.id}
          className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm"
        >
          <div className="flex flex-wrap items-center gap-2">
            {t.last ? (
              <StateBadge state={t.last.up ? "pass" : "fail"} />
            ) : (
              <StateBadge state="warn" />
            )}
            <span className="min-w-0 flex-1 font-medium break-all">{t.url}</span>
            {remove && (
              <ActionForm action={remove} hidden={{ targetId: t.id }} label="Stop watching" />
            )}
          </div>
          <p className="text-slate-700">
            {t.last ? (
              <>
                Last check <TimeAgo date={t.last.at} />:{" "}
                {t.last.up
                  ? `up, HTTP ${t.last.status} in ${formatDuration(t.last.latencyMs)}`
                  : `down (${t.last.error})`}
              </>
            ) : (
              "Not checked yet."
            )}
            {t.keyword && <> · keyword “{t.keyword}”</>}
          </p>
          <ScrollRegion label={`Uptime of ${t.url}`}>
            <table className="w-full text-left text-xs">
              <thead>
                <tr className="text-slate-500">
                  <th className="pr-3 font-medium">Range</th>
                  <th className="pr-3 font-medium">Uptime</th>
                  <th className="pr-3 font-medium">p95 latency</th>
                  <th className="font-medium">Checks</th>
                </tr>
              </thead>
              <tbody>
                {(Object.keys(UPTIME_RANGES) as UptimeRange[]).map((r) => (
                  <tr key={r} data-testid={`uptime-${r}`}>
                    <td className="pr-3">{r}</td>
                    <td className="pr-3">{formatPercent(t.ranges[r].uptime)}</td>
                    <td className="pr-3">{formatDuration(t.ranges[r].p95LatencyMs)}</td>
                    <td>{t.ranges[r].probes}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <UptimeCharts series={t.series} />
        </article>
      ))}
      {add && (
        <ActionForm action={add} hidden={{}} label="Watch this URL" testId="uptime-add">
          <div className="flex flex-wrap gap-2">
            <label className="flex w-full flex-col text-xs text-slate-600 sm:w-auto">
              URL
              <input
                name="url"
                type="url"
                required
                placeholder="https://example.com/"
                className={input}
              />
            </label>
            <label className="flex w-full flex-col text-xs text-slate-600 sm:w-auto">
              Keyword (optional)
              <input name="keyword" placeholder="Sign in" className={input} />
            </label>
          </div>
        </ActionForm>
      )}
    </div>
  );
}
