import { createHash } from "node:crypto";
import type { Check } from "@/tools/bench/harness";
import { parseCustomerView } from "@/lib/customers/list-filters";
import { listCustomers } from "@/lib/customers/queries";
import type { Db } from "@/lib/db";

const TARGET_P95_MS = 200;

/**
 * What people type into the customers search, at the seeded size (values match
 * reads-seed.ts): parts of names and emails (common, rare, everywhere, too short for a
 * trigram, absent) and every kind of external id, whole, plus an alias a merge left.
 */
export function searchTerms(customers: number): [string, string][] {
  const k = Math.min(54321, customers);
  return [
    ["part of a name, 1 in 5 match", "okafor"],
    ["part of a name and number, rare", `kafor ${k}`],
    ["middle of an email", `r${k}@exam`],
    ["in every email (worst case: all match)", "example"],
    ["two letters (no trigram: scan)", "ha"],
    ["absent", "zzqxv"],
    ["Stripe customer id", "cus_" + createHash("md5").update(String(k)).digest("hex")],
    ["HubSpot contact id", String(1000000 + k)],
    ["Zendesk user id", String(5000000 + k)],
    ["app user id", `uid_${k}`],
    ["merged-away Stripe id (alias)", `cus_merged_${k - (k % 100)}`],
  ];
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * Times the customers search as the page runs it (page 1 of 25, newest first, with the
 * count), `runs` times per term after a discarded first run; p95 per term and over all.
 */
export async function searchBench(
  db: Db,
  customers: number,
  runs: number,
  checks: Check[],
  log: (line: string) => void,
): Promise<string[]> {
  const lines = [
    `Customer search (substring on name and email through pg_trgm GIN indexes, exact on ids and aliases; the customers page's query: page 1 of 25, newest first, with the count; ${runs} runs per term after a discarded first run):`,
    "",
    "| search | text | matches | p50 ms | p95 ms | max ms |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  const all: number[] = [];
  for (const [what, q] of searchTerms(customers)) {
    const { page, sort, dir, ...filters } = parseCustomerView({ q });
    const run = () => listCustomers(db, { page, sort, dir, filters, pageSize: 25 });
    const { total } = await run();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    lines.push(
      `| ${what} | \`${q}\` | ${total} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} | ${times.at(-1)!.toFixed(1)} |`,
    );
    log(lines.at(-1)!);
  }
  all.sort((a, b) => a - b);
  const p95 = pct(all, 95);
  checks.push({
    name: `customer search p95 under ${TARGET_P95_MS} ms over every term`,
    ok: p95 < TARGET_P95_MS,
    detail: `p95 ${p95.toFixed(1)} ms over ${all.length} searches`,
  });
  lines.push(
    "",
    `All searches: p50 ${pct(all, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${all.at(-1)!.toFixed(1)} ms over ${all.length} searches (target p95 < ${TARGET_P95_MS} ms).`,
  );
  return lines;
}
