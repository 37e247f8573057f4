import { Card } from "@/components/ui/card";
import { Link } from "@/components/ui/link";
import type { BacklogSummary } from "@/lib/overview/backlog";

/**
 * Work waiting to be processed: a calm line when caught up; while a burst is worked off,
 * how many events wait, how old the oldest is, the drain rate and the time left.
 */
export function BacklogCard({ summary }: { summary: BacklogSummary }) {
  if (summary.caughtUp)
    return (
      <p className="text-sm text-slate-600" data-testid="backlog" data-state="caught-up">
        {summary.line}
      </p>
    );
  return (
    <Card
      id="backlog"
      title="Processing backlog"
      testId="backlog"
      className="border-amber-300 bg-amber-50"
      actions={
        <Link href="/ledger" className="text-sm text-indigo-700 hover:underline">
          Open the ledger
        </Link>
      }
    >
      <p className="font-semibold text-amber-900">{summary.headline}</p>
      <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
        {summary.oldest && <li>{summary.oldest}</li>}
        <li>{summary.rate}</li>
        <li>{summary.drain}</li>
        {summary.sync && <li>{summary.sync}</li>}
      </ul>
    </Card>
  );
}
