"use client";

import { useLiveCounts } from "@/components/ui/auto-refresh";
import type { BadgeCounts } from "@/lib/live/counts";

export type BadgeKind = keyof BadgeCounts;

const WORDS: Record<BadgeKind, string> = { approvals: "pending", exceptions: "open" };

/** The live count on a nav link (pending approvals, open exceptions); nothing at zero. */
export function NavBadge({ kind, initial }: { kind: BadgeKind; initial: number }) {
  const live = useLiveCounts();
  const n = live?.[kind] ?? initial;
  if (!n) return null;
  return (
    <span
      data-testid={`badge-${kind}`}
      className="ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-rose-600 px-1.5 text-xs leading-5 font-semibold text-white"
    >
      {n > 99 ? "99+" : n}
      <span className="sr-only"> {WORDS[kind]}</span>
    </span>
  );
}

/** The sum of the badges, on the phone's menu button. */
export function MenuBadge({ initial }: { initial: BadgeCounts }) {
  const live = useLiveCounts();
  const c = live ?? initial;
  const n = (c.approvals ?? 0) + (c.exceptions ?? 0);
  if (!n) return null;
  return (
    <span
      data-testid="badge-menu"
      className="ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-rose-600 px-1.5 text-xs leading-5 font-semibold text-white"
    >
      {n > 99 ? "99+" : n}
      <span className="sr-only"> waiting</span>
    </span>
  );
}
