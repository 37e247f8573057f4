import { Link } from "@/components/ui/link";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/lib/format";
import {
  JOURNEY_STEPS,
  STEP_LABELS,
  type Journey,
  type JourneyStep,
} from "@/lib/overview/journeys";

const MARK: Record<JourneyStep["state"], { sign: string; tone: string; word: string }> = {
  ok: { sign: "✓", tone: "bg-emerald-50 text-emerald-800 border-emerald-200", word: "done" },
  failed: { sign: "✕", tone: "bg-amber-50 text-amber-900 border-amber-300", word: "failed" },
  problem: { sign: "!", tone: "bg-red-50 text-red-800 border-red-300", word: "problem" },
  waiting: { sign: "…", tone: "bg-slate-50 text-slate-700 border-slate-200", word: "waiting" },
  none: { sign: "–", tone: "bg-white text-slate-500 border-slate-100", word: "not expected" },
};

function Step({ s }: { s: JourneyStep }) {
  const m = MARK[s.state];
  const body = (
    <>
      <span aria-hidden="true" className="font-semibold">
        {m.sign}
      </span>{" "}
      <span className="font-medium">{STEP_LABELS[s.key]}</span>
      <span className="sr-only"> — {m.word}</span>
      {s.at && <span className="block text-[11px] opacity-80">{formatDateTime(s.at)} UTC</span>}
      {s.state !== "ok" && s.state !== "none" && (
        <span className="block text-[11px] break-words">{s.note}</span>
      )}
    </>
  );
  return (
    <li
      className={`min-w-0 rounded border px-1.5 py-1 text-xs ${m.tone}`}
      title={s.note}
      data-state={s.state}
    >
      {s.href ? (
        <Link href={s.href} className="block hover:underline">
          {body}
        </Link>
      ) : (
        body
      )}
    </li>
  );
}

/** One row per recent journey: every step from lead to product app, red where one is missing. */
export function Journeys({
  journeys,
  problemsOnly,
}: {
  journeys: Journey[];
  problemsOnly: boolean;
}) {
  return (
    <div className="space-y-2">
      <nav aria-label="Journey filter" className="flex gap-1 text-xs">
        {[
          { label: "Last 20", href: "/?journeys=all#journeys-title", on: !problemsOnly },
          { label: "With a problem", href: "/?journeys=problems#journeys-title", on: problemsOnly },
        ].map((f) => (
          <Link
            key={f.label}
            href={f.href}
            aria-current={f.on ? "page" : undefined}
            className={`rounded border px-2 py-0.5 ${f.on ? "border-indigo-500 bg-indigo-50 text-indigo-800" : "border-slate-300 hover:bg-slate-100"}`}
          >
            {f.label}
          </Link>
        ))}
      </nav>
      {journeys.length === 0 ? (
        <EmptyState title={problemsOnly ? "No journey has a problem" : "No journeys yet"}>
          {problemsOnly
            ? "Every recent journey has each step done, or not due yet."
            : "A journey starts when Stripe, your CRM or your app first tells us about a person."}
        </EmptyState>
      ) : (
        <ul className="space-y-2" data-testid="journeys">
          {journeys.map((j) => (
            <li
              key={j.customerId}
              className={`rounded-lg border bg-white p-2 ${j.problem ? "border-red-300" : "border-slate-200"}`}
              data-problem={j.problem}
            >
              <div className="mb-1 flex flex-wrap items-baseline gap-x-2 text-sm">
                <Link
                  href={`/customers/${j.customerId}`}
                  className="font-medium text-indigo-700 hover:underline"
                >
                  {j.name}
                </Link>
                <span className="text-xs text-slate-500">
                  {j.accessStatus.replace("_", " ")} · started {formatDateTime(j.startedAt)} UTC
                </span>
              </div>
              <ol className="grid grid-cols-2 gap-1 sm:grid-cols-4 lg:grid-cols-7">
                {JOURNEY_STEPS.map((k) => (
                  <Step key={k} s={j.steps.find((s) => s.key === k)!} />
                ))}
              </ol>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
