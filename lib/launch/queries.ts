import type { Db } from "@/lib/db";
import type { CheckArea, CheckState } from "@/lib/launch/types";

export const AREAS: { area: CheckArea; title: string }[] = [
  { area: "domains", title: "Domains" },
  { area: "tls", title: "TLS certificates" },
  { area: "email", title: "Email authentication" },
  { area: "edge", title: "Edge and security headers" },
  { area: "webhooks", title: "Webhooks" },
  { area: "secrets", title: "Secrets and environments" },
  { area: "uptime", title: "Uptime" },
];

export type ChecklistItem = {
  key: string;
  area: CheckArea;
  title: string;
  state: CheckState;
  observed: string;
  why: string;
  fix: string | null;
  value: number | null;
  checkedAt: Date;
  changedAt: Date;
  /** Oldest first: the last values for the sparkline (only when the check has a number). */
  history: number[];
};

const ORDER: Record<CheckState, number> = { fail: 0, warn: 1, not_configured: 2, pass: 3 };
const SPARK_POINTS = 30;

/** The stored checklist by area, worst first within an area, with each check's recent values. */
export async function launchChecklist(
  db: Db,
): Promise<{ area: CheckArea; title: string; items: ChecklistItem[] }[]> {
  const checks = await db.launchCheck.findMany();
  const withValue = checks.filter((c) => c.value !== null).map((c) => c.key);
  const runs = withValue.length
    ? await db.$queryRaw<{ key: string; value: number }[]>`
        SELECT "key", "value" FROM (
          SELECT "key", "value", "at", row_number() OVER (PARTITION BY "key" ORDER BY "at" DESC) AS n
            FROM "LaunchCheckRun" WHERE "key" = ANY(${withValue}) AND "value" IS NOT NULL
        ) r WHERE n <= ${SPARK_POINTS} ORDER BY "key", "at"`
    : [];
  const history = new Map<string, number[]>();
  for (const r of runs) history.set(r.key, [...(history.get(r.key) ?? []), r.value]);
  const items: ChecklistItem[] = checks.map((c) => ({
    key: c.key,
    area: c.area as CheckArea,
    title: c.title,
    state: c.state as CheckState,
    observed: c.observed,
    why: c.why,
    fix: c.fix,
    value: c.value,
    checkedAt: c.checkedAt,
    changedAt: c.changedAt,
    history: history.get(c.key) ?? [],
  }));
  return AREAS.map(({ area, title }) => ({
    area,
    title,
    items: items
      .filter((i) => i.area === area)
      .sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.title.localeCompare(b.title)),
  }));
}

/** How many checks are in each state (for the page's summary line). */
export function countStates(groups: { items: ChecklistItem[] }[]): Record<CheckState, number> {
  const out: Record<CheckState, number> = { pass: 0, warn: 0, fail: 0, not_configured: 0 };
  for (const g of groups) for (const i of g.items) out[i.state]++;
  return out;
}
