import pg from "pg";

/**
 * Set-based seed of a read-path benchmark database (already migrated and empty): `customers`
 * customers with subscriptions, outbox tasks, exceptions and access transitions, plus
 * `ledgerEvents` ledger rows shaped like production's, then VACUUM ANALYZE (what autovacuum
 * does to an insert-heavy table in production). Everything is generated with generate_series in
 * Postgres, so 1,000,000 ledger rows take minutes, not hours.
 *
 * Shape: the first `customers` ledger events are each customer's first event (same
 * correlation id as its outbox tasks and first access transition, so the journey groups) and
 * the last `customers` events one recent event each (the cause of its current access status);
 * the rest are spread uniformly over customers, except 10 % that go to the first 1 % of
 * customers (busy accounts with hundreds of events). Sources 60 % Stripe, 15 % HubSpot, 15 %
 * Zendesk, 10 % app; received over the last 90 days in insertion order (an append-only table,
 * as in production, so time ranges are physically clustered); 96 % processed, 1.5 % failed, 2.5 %
 * ignored; about 11 % with duplicate deliveries; payloads of ~1.3 KB. No row is left
 * `received` or `processing` (those are transient: a running server would re-drive them).
 */
export async function seedReadBench(
  url: string,
  { customers: n, ledgerEvents: l }: { customers: number; ledgerEvents: number },
): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`SET synchronous_commit = off`);
    await c.query(`SET work_mem = '64MB'`);
    await c.query(`SET maintenance_work_mem = '256MB'`);
    const cust = (i: string) => `'c' || lpad((${i})::text, 7, '0')`;
    const statuses = `(ARRAY['lead','trial','active','active','active','past_due','canceled','blocked'])[1 + i % 8]::"AccessStatus"`;
    const reasons = `CASE i % 8
      WHEN 5 THEN '[{"code":"payment_failed","message":"m","since":"2026-11-01T00:00:00Z","nextAction":"a"}]'
      WHEN 7 THEN '[{"code":"override_block","message":"m","since":"2026-11-01T00:00:00Z","nextAction":"a"}]'
      WHEN 6 THEN '[{"code":"subscription_canceled","message":"m","since":"2026-11-01T00:00:00Z","nextAction":"a"}]'
      WHEN 0 THEN '[{"code":"no_paid_subscription","message":"m","since":"2026-11-01T00:00:00Z","nextAction":"a"}]'
      ELSE '[]' END::jsonb`;
    await c.query(`
      INSERT INTO "User" (id, email, role) VALUES
        ('bench-founder', 'founder@bench.example', 'founder'),
        ('bench-admin', 'admin@bench.example', 'admin')`);
    await c.query(`
      INSERT INTO "Customer" (id, email, name, "stripeCustomerId", "crmContactId", "supportUserId", "appUserId",
                              "billingStatus", "accessStatus", "accessReasons", "accessComputedAt",
                              "lastSyncedAt", "createdAt", "updatedAt")
      SELECT ${cust("i")}, 'user' || i || '@example.com',
             (ARRAY['Ada','Ben','Cleo','Dev','Eve','Farah','Gus','Hana'])[1 + i % 8] || ' ' || (ARRAY['Moreno','Okafor','Schmidt','Tanaka','Novak'])[1 + i % 5] || ' ' || i,
             'cus_' || md5(i::text), (1000000 + i)::text, (5000000 + i)::text, 'uid_' || i,
             (ARRAY['none','trialing','active','active','active','past_due','canceled','unpaid'])[1 + i % 8],
             ${statuses}, ${reasons}, now() - (i % 5000 || ' minutes')::interval,
             now() - (i || ' seconds')::interval, now() - (i || ' minutes')::interval, now()
        FROM generate_series(1, ${n}) AS i`);
    await c.query(`
      INSERT INTO "Subscription" (id, "stripeSubscriptionId", "customerId", status, "planName", "priceId",
                                  "currentPeriodEnd", "stripeEventAt", "updatedAt")
      SELECT 's' || i, 'sub_' || i, ${cust("i")}, 'active',
             (ARRAY['Starter','Pro','Business'])[1 + i % 3], 'price_' || (1 + i % 3),
             now() + (i % 30 || ' days')::interval, now(), now()
        FROM generate_series(1, ${n}) AS i WHERE i % 8 <> 0`);
    // Three outbox tasks per customer (CRM, ticket, email), created over 90 days, mostly
    // done; 2 % of customers have a dead task (with an exception), 5 % one waiting for its
    // backoff retry (due tomorrow, so a running server leaves it alone).
    await c.query(`
      INSERT INTO "SyncTask" (id, "customerId", target, action, "idempotencyKey", payload, status, attempts,
                              "nextAttemptAt", "lastError", "correlationId", "createdAt", "updatedAt", "lastSuccessAt")
      SELECT 't' || i || '-' || k, ${cust("i")}, (ARRAY['crm','support','email'])[k]::"SyncTarget",
             (ARRAY['crm.upsert_contact','support.open_ticket','email.welcome'])[k],
             'k' || i || '-' || k,
             CASE k WHEN 2 THEN jsonb_build_object('cause', 'payment_failed', 'causeId', 'in_' || i) ELSE '{}'::jsonb END,
             st, CASE st WHEN 'succeeded' THEN 1 ELSE 4 END,
             CASE st WHEN 'pending' THEN now() + interval '1 day' ELSE created END,
             CASE st WHEN 'succeeded' THEN NULL ELSE 'HTTP 503 from connector (attempt 4)' END,
             'corr' || i, created, created + interval '3 seconds',
             CASE st WHEN 'succeeded' THEN created + ((i % 40) || ' seconds')::interval END
        FROM generate_series(1, ${n}) AS i, generate_series(1, 3) AS k,
             LATERAL (SELECT (CASE WHEN k = 1 AND i % 50 = 0 THEN 'dead' WHEN k = 2 AND i % 20 = 0 THEN 'pending'
                                   ELSE 'succeeded' END)::"SyncTaskStatus" AS st,
                             now() - (CASE WHEN k = 2 AND i % 20 = 0 THEN i % 3600
                                           ELSE i::bigint * 7919 % 7776000 END || ' seconds')::interval AS created) AS x
       ORDER BY x.created`);
    await c.query(`
      INSERT INTO "ExceptionRecord" (id, kind, status, title, detail, "customerId", "syncTaskId", "correlationId",
                                     "assignedToId", "createdAt", "resolvedAt", "resolvedById")
      SELECT 'x' || t.id, 'dead_sync_task', CASE WHEN n % 4 = 0 THEN 'resolved' ELSE 'open' END::"ExceptionStatus",
             'crm.upsert_contact failed for good', t."lastError", t."customerId", t.id, t."correlationId",
             CASE WHEN n % 3 = 0 THEN 'bench-admin' END, t."updatedAt",
             CASE WHEN n % 4 = 0 THEN t."updatedAt" + interval '1 hour' END,
             CASE WHEN n % 4 = 0 THEN 'bench-admin' END
        FROM (SELECT *, row_number() OVER () AS n FROM "SyncTask" WHERE status = 'dead') AS t`);
    const source = `(CASE WHEN i % 20 < 12 THEN 'stripe' WHEN i % 20 < 15 THEN 'hubspot'
                          WHEN i % 20 < 18 THEN 'zendesk' ELSE 'app' END)`;
    const owner = `(CASE WHEN i <= ${n} THEN i WHEN ${l >= 2 * n} AND i > ${l - n} THEN i - ${l - n}
                         WHEN i % 10 = 0 THEN 1 + (i / 10) % GREATEST(${n} / 100, 1)
                         ELSE 1 + (i::bigint * 7919) % ${n} END)`;
    await c.query(`
      INSERT INTO "LedgerEvent" (id, source, "externalId", type, "occurredAt", "receivedAt", payload, status,
                                 attempts, error, result, "processedAt", "correlationId", "duplicateCount", "customerId")
      SELECT 'le' || i, src::"LedgerSource", ext, typ, rcv - interval '2 seconds', rcv,
             jsonb_build_object(
               'id', ext, 'object', 'event', 'type', typ, 'api_version', '2025-09-30',
               'created', extract(epoch FROM rcv)::bigint, 'livemode', false,
               'request', jsonb_build_object('id', 'req_' || left(h, 14), 'idempotency_key', h),
               'data', jsonb_build_object('object', jsonb_build_object(
                 'id', 'in_' || left(h, 24), 'customer', 'cus_' || md5(o::text),
                 'customer_email', 'user' || o || '@example.com', 'customer_name', 'Customer ' || o,
                 'subscription', 'sub_' || o, 'status', 'paid', 'currency', 'usd',
                 'amount_due', 1900 + (i % 5) * 1000, 'amount_paid', 1900 + (i % 5) * 1000,
                 'hosted_invoice_url', 'https://invoice.stripe.com/i/acct_1Bench/' || h || md5(h),
                 'lines', jsonb_build_object('object', 'list', 'data', jsonb_build_array(
                   jsonb_build_object('id', 'il_' || left(md5(h || 'a'), 24), 'amount', 1900, 'currency', 'usd',
                     'description', '1 × Pro (at $19.00 / month)', 'price', jsonb_build_object(
                       'id', 'price_' || (1 + i % 3), 'product', 'prod_' || left(md5(h || 'p'), 14),
                       'unit_amount', 1900, 'recurring', jsonb_build_object('interval', 'month'))),
                   jsonb_build_object('id', 'il_' || left(md5(h || 'b'), 24), 'amount', 0, 'currency', 'usd',
                     'description', 'Unused time on Starter after ' || rcv::date, 'proration', true))),
                 'metadata', jsonb_build_object('app_user_id', 'uid_' || o, 'plan', 'Pro',
                   'signup_source', 'ios', 'trace', md5(h || 'm') || md5(h || 'n'))))),
             st::"LedgerStatus", CASE st WHEN 'failed' THEN 5 ELSE 1 END,
             CASE st WHEN 'failed' THEN 'connector returned HTTP 500: upstream timeout after 10000 ms' END,
             CASE st WHEN 'processed' THEN '{"applied":true}'::jsonb WHEN 'ignored' THEN '{"ignored":"unhandled type"}'::jsonb END,
             rcv + ((50 + i % 900) || ' milliseconds')::interval,
             CASE WHEN i <= ${n} THEN 'corr' || i ELSE 'cor-' || left(h, 20) END,
             CASE WHEN i % 10 = 1 THEN 1 WHEN i % 97 = 0 THEN 2 ELSE 0 END,
             CASE WHEN i > ${n} AND src IN ('hubspot', 'zendesk') AND i % 40 = 3 THEN NULL ELSE 'c' || lpad(o::text, 7, '0') END
        FROM generate_series(1, ${l}) AS i,
             LATERAL (SELECT ${source} AS src, ${owner} AS o, md5(i::text) AS h,
                             now() - interval '90 days' * ((${l} - i)::float8 / ${l})
                                   - ((i * 7 % 1000) || ' milliseconds')::interval AS rcv,
                             CASE WHEN i % 200 < 3 THEN 'failed' WHEN i % 200 < 8 THEN 'ignored'
                                  ELSE 'processed' END AS st) AS a,
             LATERAL (SELECT CASE src
                      WHEN 'stripe' THEN (ARRAY['invoice.paid','invoice.payment_succeeded','customer.subscription.updated',
                        'payment_intent.succeeded','invoice.payment_failed','customer.updated','checkout.session.completed',
                        'customer.subscription.created','charge.refunded','invoice.finalized'])[1 + (i / 20) % 10]
                      WHEN 'hubspot' THEN (ARRAY['contact.creation','contact.propertyChange','contact.propertyChange'])[1 + (i / 20) % 3]
                      WHEN 'zendesk' THEN (ARRAY['ticket.created','ticket.updated','ticket.comment_added'])[1 + (i / 20) % 3]
                      ELSE (ARRAY['user.signed_up','user.updated','lead.created'])[1 + (i / 20) % 3] END AS typ,
                    CASE src WHEN 'stripe' THEN 'evt_' || left(h, 24) WHEN 'hubspot' THEN (9000000000 + i)::text
                             WHEN 'zendesk' THEN 'zen-' || h ELSE 'msg_' || h END AS ext) AS b`);
    // Access history: every customer became a lead at its first event; the others moved to
    // their current status on a recent event of theirs (transitions point at the causing row).
    const cause = l >= 2 * n ? `CASE k WHEN 0 THEN i ELSE ${l - n} + i END` : "i";
    await c.query(`
      INSERT INTO "AccessTransition" (id, "customerId", "from", "to", "ledgerEventId", reasons, at)
      SELECT 'at' || i || '-' || k, l."customerId", CASE k WHEN 1 THEN 'lead'::"AccessStatus" END,
             CASE k WHEN 0 THEN 'lead'::"AccessStatus" ELSE c."accessStatus" END, l.id,
             CASE k WHEN 0 THEN '[]'::jsonb ELSE c."accessReasons" END,
             l."receivedAt" + ((100 + k * (200 + i % 3000)) || ' milliseconds')::interval
        FROM generate_series(1, LEAST(${n}, ${l})) AS i, generate_series(0, 1) AS k,
             LATERAL (SELECT * FROM "LedgerEvent" WHERE id = 'le' || (${cause})) AS l
        JOIN "Customer" c ON c.id = l."customerId"
       WHERE k = 0 OR c."accessStatus" <> 'lead'`);
    await c.query(`
      INSERT INTO "CustomerNote" (id, "customerId", body, author, "createdAt")
      SELECT 'n' || i, ${cust("1 + i % GREATEST(" + n + " / 10, 1)")}, 'Called about the invoice; promised a retry.', 'admin@bench.example', now() - (i || ' hours')::interval
        FROM generate_series(1, ${Math.max(1, Math.floor(n / 10))}) AS i`);
    await c.query(`
      INSERT INTO "AuditLog" (id, actor, action, target, before, after, at)
      SELECT 'a' || i, 'admin@bench.example', (ARRAY['override.grant','note.add','ledger.replay','exception.resolve'])[1 + i % 4],
             ${cust("1 + (i * 31) % " + n)}, '{"accessStatus":"blocked"}', '{"accessStatus":"active"}', now() - (i || ' minutes')::interval
        FROM generate_series(1, ${Math.max(1, Math.floor(n / 5))}) AS i`);
    // 1 % of customers survived a merge: the merged-away record's Stripe id is an alias.
    await c.query(`
      INSERT INTO "CustomerAlias" (key, "customerId")
      SELECT 'stripeCustomerId:cus_merged_' || i, ${cust("i")}
        FROM generate_series(100, ${n}, 100) AS i`);
    await c.query(`VACUUM ANALYZE`);
  } finally {
    await c.end();
  }
}

/**
 * Adds the settings-page API token the bench uses (hash given; idempotent) and describes the
 * seeded data in one line.
 */
export async function prepareReadBenchData(url: string, tokenHash: string): Promise<string> {
  const pgc = new pg.Client({ connectionString: url });
  await pgc.connect();
  await pgc.query(
    `INSERT INTO "ApiToken" (id, name, "tokenHash", prefix, "createdById")
     VALUES ('bench-token', 'bench', $1, $2, 'bench-founder') ON CONFLICT ("tokenHash") DO NOTHING`,
    [tokenHash, "lr_bench_"],
  );
  const size = (
    await pgc.query<Record<string, string>>(`
      SELECT (SELECT count(*) FROM "Customer") AS customers,
             (SELECT count(*) FROM "LedgerEvent") AS ledger,
             (SELECT count(*) FROM "SyncTask") AS tasks,
             (SELECT count(*) FROM "AccessTransition") AS transitions,
             (SELECT count(*) FROM "ExceptionRecord") AS exceptions,
             (SELECT round(avg(octet_length(payload::text))) FROM "LedgerEvent" TABLESAMPLE SYSTEM (1)) AS payload,
             pg_size_pretty(pg_total_relation_size('"LedgerEvent"')) AS ledger_size`)
  ).rows[0];
  await pgc.end();
  return `Data: ${size.customers} customers, ${size.ledger} ledger events (${size.ledger_size} with indexes, payloads ~${size.payload ?? "?"} bytes of JSON), ${size.tasks} sync tasks, ${size.transitions} access transitions, ${size.exceptions} exceptions.`;
}
