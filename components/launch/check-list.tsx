import { ActionForm } from "@/components/ui/action-form";
import { TimeAgo } from "@/components/ui/time-ago";
import type { FormAction } from "@/lib/actions/action-state";
import type { ChecklistItem } from "@/lib/launch/queries";
import { CopyButton } from "@/components/ui/copy-button";
import { Sparkline } from "./sparkline";
import { StateBadge } from "./state-badge";

function CheckItem({ item, rerun }: { item: ChecklistItem; rerun: FormAction | null }) {
  return (
    <li
      className="rounded-lg border border-slate-200 bg-white p-3 text-sm"
      data-testid="launch-check"
      data-key={item.key}
      data-state={item.state}
    >
      <div className="flex flex-wrap items-start gap-2">
        <StateBadge state={item.state} />
        <h3 className="min-w-0 flex-1 font-medium break-words">{item.title}</h3>
        {item.history.length > 1 && <Sparkline values={item.history} label={item.title} />}
      </div>
      <p className="mt-1 break-words text-slate-800">{item.observed}</p>
      <p className="mt-1 text-slate-600">{item.why}</p>
      {item.fix && (
        <div className="mt-2 flex items-start gap-2 rounded bg-slate-50 p-2">
          <code className="min-w-0 flex-1 text-xs break-words whitespace-pre-wrap text-slate-900">
            {item.fix}
          </code>
          <CopyButton text={item.fix} />
        </div>
      )}
      <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
        <span>
          Checked <TimeAgo date={item.checkedAt} />
        </span>
        <span>
          Last changed <TimeAgo date={item.changedAt} />
        </span>
        {rerun && (
          <ActionForm
            action={rerun}
            hidden={{ scope: item.key }}
            label="Re-run"
            className="ml-auto"
          />
        )}
      </div>
    </li>
  );
}

/** The checklist by area; each check says its state, what was seen, why it matters and the fix. */
export function CheckList({
  groups,
  rerun,
}: {
  groups: { area: string; title: string; items: ChecklistItem[] }[];
  rerun: FormAction | null;
}) {
  return (
    <div className="space-y-6">
      {groups.map((g) => (
        <section key={g.area} aria-labelledby={`area-${g.area}`} data-testid={`area-${g.area}`}>
          <h2 id={`area-${g.area}`} className="mb-2 text-lg font-semibold">
            {g.title}
          </h2>
          {g.items.length ? (
            <ul className="space-y-2">
              {g.items.map((i) => (
                <CheckItem key={i.key} item={i} rerun={rerun} />
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">
              No results yet{g.area === "uptime" ? ": add a URL to watch below" : ""}.
            </p>
          )}
        </section>
      ))}
    </div>
  );
}
