import type { Db } from "@/lib/db";
import type { CheckResult } from "@/lib/launch/types";

/** One check per watched URL, from its latest probe and the last 24 hours. */
export async function uptimeChecks(db: Db, now: Date): Promise<CheckResult[]> {
  const since = new Date(now.getTime() - 24 * 3_600_000);
  const targets = await db.uptimeTarget.findMany({ orderBy: { createdAt: "asc" } });
  const out: CheckResult[] = [];
  for (const t of targets) {
    const last = await db.uptimeProbe.findFirst({
      where: { targetId: t.id },
      orderBy: { at: "desc" },
    });
    const [day] = await db.$queryRaw<{ n: bigint; up: bigint }[]>`
      SELECT count(*) AS n, count(*) FILTER (WHERE "up") AS up
        FROM "UptimeProbe" WHERE "targetId" = ${t.id} AND "at" >= ${since}`;
    const pct = Number(day.n)
      ? `${Math.round((Number(day.up) / Number(day.n)) * 1000) / 10} % up over 24 h`
      : "";
    const base = {
      key: `uptime.url:${t.url}`,
      area: "uptime" as const,
      title: `${t.url} answers${t.keyword ? ` with "${t.keyword}"` : ""}`,
      why: "Customers notice an outage before you do unless something watches it every minute.",
    };
    if (!last) {
      out.push({
        ...base,
        state: "warn",
        observed: "Not probed yet (checked every minute).",
        fix: null,
        value: null,
      });
      continue;
    }
    if (last.up) {
      out.push({
        ...base,
        state: "pass",
        observed: `Up: HTTP ${last.status} in ${last.latencyMs} ms${pct ? `; ${pct}` : ""}.`,
        fix: null,
        value: last.latencyMs,
      });
      continue;
    }
    out.push({
      ...base,
      state: "fail",
      observed: `Down: ${last.error ?? "no answer"}${pct ? `; ${pct}` : ""}.`,
      fix: `Open ${t.url} yourself; check the host's status page and the deploy log. If the keyword changed, update it here.`,
      value: last.latencyMs,
    });
  }
  return out;
}
