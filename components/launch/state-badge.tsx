import type { CheckState } from "@/lib/launch/types";

/** Colour, icon and word: the state reads without colour too. */
const LOOK: Record<CheckState, { word: string; icon: string; className: string }> = {
  pass: { word: "Pass", icon: "✓", className: "bg-emerald-100 text-emerald-900 ring-emerald-300" },
  warn: { word: "Warning", icon: "!", className: "bg-amber-100 text-amber-900 ring-amber-300" },
  fail: { word: "Fail", icon: "✕", className: "bg-red-100 text-red-900 ring-red-300" },
  not_configured: {
    word: "Not configured",
    icon: "–",
    className: "bg-slate-100 text-slate-700 ring-slate-300",
  },
};

export const STATE_WORD = (s: CheckState) => LOOK[s].word;

export function StateBadge({ state }: { state: CheckState }) {
  const look = LOOK[state];
  return (
    <span
      data-state={state}
      className={`inline-flex shrink-0 items-center gap-1 rounded px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap ring-1 ${look.className}`}
    >
      <span aria-hidden="true">{look.icon}</span>
      <span>{look.word}</span>
    </span>
  );
}
