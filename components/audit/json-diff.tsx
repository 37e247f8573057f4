import { ScrollRegion } from "@/components/ui/scroll-region";

/** Before and after of an audit entry, collapsed so the table stays readable on a phone. */
export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) return <span className="text-slate-500">—</span>;
  return (
    <details className="max-w-full">
      <summary className="cursor-pointer text-indigo-700">before / after</summary>
      <div className="mt-1 grid gap-2 sm:grid-cols-2">
        {[
          ["Before", before],
          ["After", after],
        ].map(([label, value]) => (
          <div key={String(label)} className="min-w-0">
            <p className="text-xs font-medium text-slate-500">{String(label)}</p>
            <ScrollRegion label={String(label)} className="rounded bg-slate-50">
              <pre className="p-2 text-xs">
                {value == null ? "—" : JSON.stringify(value, null, 2)}
              </pre>
            </ScrollRegion>
          </div>
        ))}
      </div>
    </details>
  );
}
