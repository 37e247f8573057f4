// Seeds N customers into a local database (dropped and recreated) and times the customers
// list with each filter, as the page calls it. Usage (see BENCHMARKS.md):
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/lr_bench_uiops npx tsx lib/cli/bench-customers.ts [N]
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import pg from "pg";
import { recreateDatabase } from "@/lib/testing/local-database";
import { TEST_ENV } from "@/lib/testing/test-env";

const url = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/lr_bench_uiops";
const n = Number(process.argv[2] ?? 100_000);

async function seed() {
  await recreateDatabase(url);
  execFileSync(process.execPath, ["prisma/cli.mjs", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "ignore",
  });
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const statuses = `(ARRAY['lead','trial','active','active','active','past_due','canceled','blocked'])[1 + i % 8]::"AccessStatus"`;
  const reasons = `CASE i % 8
      WHEN 5 THEN '[{"code":"payment_failed","message":"m","since":"2026-11-01T00:00:00Z","nextAction":"a"}]'
      WHEN 7 THEN '[{"code":"override_block","message":"m","since":"2026-11-01T00:00:00Z","nextAction":"a"}]'
      WHEN 6 THEN '[{"code":"subscription_canceled","message":"m","since":"2026-11-01T00:00:00Z","nextAction":"a"}]'
      WHEN 0 THEN '[{"code":"no_paid_subscription","message":"m","since":"2026-11-01T00:00:00Z","nextAction":"a"}]'
      ELSE '[]' END::jsonb`;
  await c.query(`
    INSERT INTO "Customer" (id, email, name, "stripeCustomerId", "crmContactId", "supportUserId", "appUserId",
                            "billingStatus", "accessStatus", "accessReasons", "lastSyncedAt", "createdAt", "updatedAt")
    SELECT 'c' || lpad(i::text, 7, '0'), 'user' || i || '@example' || (i % 97) || '.com',
           (ARRAY['Ava','Ben','Chloe','Dev','Elif','Farah','Gus','Hana'])[1 + i % 8] || ' ' || (ARRAY['Moreno','Okafor','Schmidt','Tanaka','Novak'])[1 + i % 5] || ' ' || i,
           'cus_' || md5(i::text), (1000000 + i)::text, (5000000 + i)::text, 'uid_' || i,
           (ARRAY['none','trialing','active','active','active','past_due','canceled','unpaid'])[1 + i % 8],
           ${statuses}, ${reasons}, now() - (i || ' minutes')::interval, now() - (i || ' seconds')::interval, now()
      FROM generate_series(1, ${n}) AS i`);
  await c.query(`
    INSERT INTO "Subscription" (id, "stripeSubscriptionId", "customerId", status, "planName", "stripeEventAt", "updatedAt")
    SELECT 's' || i, 'sub_' || i, 'c' || lpad(i::text, 7, '0'), 'active',
           (ARRAY['Starter','Pro','Business'])[1 + i % 3], now(), now()
      FROM generate_series(1, ${n}) AS i WHERE i % 8 <> 0`);
  // Three outbox tasks per customer, mostly done; some pending and some dead.
  await c.query(`
    INSERT INTO "SyncTask" (id, "customerId", target, action, "idempotencyKey", status, "correlationId", "updatedAt", "lastSuccessAt")
    SELECT 't' || i || '-' || k, 'c' || lpad(i::text, 7, '0'), (ARRAY['crm','support','email'])[k]::"SyncTarget", 'x',
           'k' || i || '-' || k,
           (CASE WHEN k = 1 AND i % 50 = 0 THEN 'dead' WHEN k = 2 AND i % 20 = 0 THEN 'pending' ELSE 'succeeded' END)::"SyncTaskStatus",
           'corr' || i, now(), now()
      FROM generate_series(1, ${n}) AS i, generate_series(1, 3) AS k`);
  await c.query(`ANALYZE`);
  await c.end();
}

async function main() {
  if (!process.argv.includes("--no-seed")) {
    const t = performance.now();
    await seed();
    console.log(`seeded ${n} customers in ${Math.round(performance.now() - t)} ms`);
  }
  // The app's env validation needs the other variables; the test values are fine here.
  for (const [k, v] of Object.entries(TEST_ENV)) process.env[k] ??= v;
  process.env.DATABASE_URL = url;
  const { db } = await import("@/lib/db");
  const { listCustomers } = await import("@/lib/customers/queries");
  const cases: [string, Record<string, string>][] = [
    ["no filter (newest first)", {}],
    ["access=past_due", { access: "past_due" }],
    ["billing=past_due", { billing: "past_due" }],
    ["sync=failed", { sync: "failed" }],
    ["sync=pending", { sync: "pending" }],
    ["sync=ok", { sync: "ok" }],
    ["reason=override_block", { reason: "override_block" }],
    ["plan=Business", { plan: "Business" }],
    ["q=email prefix (user4242@)", { q: "user4242@" }],
    ["q=name prefix (hana)", { q: "hana" }],
    ["q=Stripe id", { q: "cus_" + createHash("md5").update("54321").digest("hex") }],
    ["q=HubSpot id", { q: "1054321" }],
    ["q=Zendesk id", { q: "5054321" }],
    ["q=app id", { q: "uid_54321" }],
    ["access=blocked&sync=failed&plan=Pro", { access: "blocked", sync: "failed", plan: "Pro" }],
    ["sort=name asc, page 2000", { sort: "name", page: "2000" }],
  ];
  const { parseCustomerView } = await import("@/lib/customers/list-filters");
  const rows: string[] = [];
  for (const [label, params] of cases) {
    const { page, sort, dir, ...filters } = parseCustomerView(params);
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < 6; i++) {
      const t = performance.now();
      const r = await listCustomers(db, { page, sort, dir, filters, pageSize: 25 });
      times.push(performance.now() - t);
      total = r.total;
    }
    const warm = times.slice(1).sort((a, b) => a - b);
    rows.push(
      `| ${label} | ${total} | ${warm[Math.floor(warm.length / 2)].toFixed(1)} | ${warm[warm.length - 1].toFixed(1)} |`,
    );
  }
  console.log("| view | matching | median ms | max ms |\n|---|---|---|---|\n" + rows.join("\n"));
  await db.$disconnect();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
