import { createHash } from "node:crypto";
import { alertRules, recentAlerts } from "@/lib/alerts/queries";
import { evaluateAlerts } from "@/lib/alerts/evaluate-alerts";
import { authorizeReadApi } from "@/lib/api/read-api-auth";
import { auditActions, listAuditEntries } from "@/lib/audit/queries";
import { getCustomerDetail } from "@/lib/customers/customer-detail";
import { parseCustomerView } from "@/lib/customers/list-filters";
import {
  countByAccessStatus,
  findCustomerRowsByEmail,
  getCustomerRow,
  listCustomers,
  listPlanNames,
} from "@/lib/customers/queries";
import type { Db } from "@/lib/db";
import { listAssignees, listExceptions, ZExceptionView } from "@/lib/exceptions/queries";
import {
  getLedgerEvent,
  listLedgerEvents,
  listLedgerTypes,
  ZLedgerView,
} from "@/lib/ledger/list-ledger-events";
import { latestLedgerEvents } from "@/lib/ledger/queries";
import { metricsSnapshot } from "@/lib/metrics/snapshot";
import { metricSeries } from "@/lib/metrics/time-series";
import { nextActions } from "@/lib/overview/next-actions";
import { countOpenExceptions } from "@/lib/overview/open-exceptions";

/** One timed read: the function a page, section or route calls, with the page's arguments. */
export type ReadCase = { group: string; name: string; run: (db: Db) => Promise<unknown> };

const customerId = (i: number) => "c" + String(i).padStart(7, "0");

/**
 * The read paths to time at a seeded size (ids and values match reads-seed.ts): the
 * customers list views, customer detail (a busy account and a typical one), the read API's
 * functions, the ledger page with its filters, the exceptions queue, the founder overview's
 * sections, the alerts page, alert evaluation and the audit log.
 */
export function readCases(opts: {
  customers: number;
  opsApiToken: string;
  dbApiToken: string;
  now?: Date;
}): ReadCase[] {
  const n = opts.customers;
  const k = Math.min(54321, n);
  const typical = customerId(Math.max(1, Math.floor(n / 2) + 7));
  const now = opts.now ?? new Date();
  const iso = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString();
  const day = 86_400_000;
  const list = (params: Record<string, string>) => (db: Db) => {
    const { page, sort, dir, ...filters } = parseCustomerView(params);
    return listCustomers(db, { page, sort, dir, filters, pageSize: 25 });
  };
  const ledger = (params: Record<string, string>) => (db: Db) =>
    Promise.all([listLedgerEvents(db, ZLedgerView.parse(params)), listLedgerTypes(db)]);
  const exceptions = (params: Record<string, string>) => (db: Db) =>
    Promise.all([
      listExceptions(db, ZExceptionView.parse(params), "bench-admin"),
      listAssignees(db),
    ]);
  const api = (token: string, path: string, fn: (db: Db) => Promise<unknown>) => async (db: Db) => {
    const req = new Request(`http://bench.local${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!(await authorizeReadApi(db, req, opts.opsApiToken)))
      throw new Error("bench token refused");
    return fn(db);
  };
  const stripeId = "cus_" + createHash("md5").update(String(k)).digest("hex");
  const cases: [string, string, (db: Db) => Promise<unknown>][] = [
    ["customers list", "no filter (newest first)", list({})],
    ["customers list", "access=past_due", list({ access: "past_due" })],
    ["customers list", "billing=past_due", list({ billing: "past_due" })],
    ["customers list", "sync=failed", list({ sync: "failed" })],
    ["customers list", "sync=pending", list({ sync: "pending" })],
    ["customers list", "sync=ok", list({ sync: "ok" })],
    ["customers list", "reason=override_block", list({ reason: "override_block" })],
    ["customers list", "plan=Business", list({ plan: "Business" })],
    ["customers list", `q=email prefix (user${k}@)`, list({ q: `user${k}@` })],
    ["customers list", "q=name prefix (hana)", list({ q: "hana" })],
    ["customers list", "q=Stripe id", list({ q: stripeId })],
    ["customers list", "q=app id", list({ q: `uid_${k}` })],
    [
      "customers list",
      "access=blocked & sync=failed & plan=Pro",
      list({ access: "blocked", sync: "failed", plan: "Pro" }),
    ],
    ["customers list", "plan names (filter choices)", listPlanNames],
    ["customer detail", "busy customer (c0000001)", (db) => getCustomerDetail(db, customerId(1))],
    ["customer detail", `typical customer (${typical})`, (db) => getCustomerDetail(db, typical)],
    [
      "read API",
      "GET /api/v1/customers/{id} (OPS_API_TOKEN)",
      api(opts.opsApiToken, `/api/v1/customers/${typical}`, (db) => getCustomerRow(db, typical)),
    ],
    [
      "read API",
      "GET /api/v1/customers/{id} (settings token)",
      api(opts.dbApiToken, `/api/v1/customers/${typical}`, (db) => getCustomerRow(db, typical)),
    ],
    [
      "read API",
      "GET /api/v1/customers?email= (OPS_API_TOKEN)",
      api(opts.opsApiToken, `/api/v1/customers?email=user${k}@example.com`, (db) =>
        findCustomerRowsByEmail(db, `user${k}@example.com`),
      ),
    ],
    ["ledger page", "no filter, page 1 (+ type choices)", ledger({})],
    ["ledger page", "no filter, page 100", ledger({ page: "100" })],
    ["ledger page", "source=zendesk", ledger({ source: "zendesk" })],
    ["ledger page", "status=failed", ledger({ status: "failed" })],
    ["ledger page", "type=invoice.payment_failed", ledger({ type: "invoice.payment_failed" })],
    ["ledger page", "last 24 h", ledger({ from: iso(day) })],
    [
      "ledger page",
      "source=stripe & status=failed & last 7 days",
      ledger({ source: "stripe", status: "failed", from: iso(7 * day) }),
    ],
    [
      "ledger page",
      "type=ticket.created & a day 30 days ago",
      ledger({ type: "ticket.created", from: iso(30 * day), to: iso(29 * day) }),
    ],
    ["ledger page", "event page (by id)", (db) => getLedgerEvent(db, "le" + Math.max(1, k))],
    ["exceptions", "open, oldest first", exceptions({})],
    ["exceptions", "open, mine", exceptions({ mine: "1" })],
    ["exceptions", "resolved, newest first", exceptions({ status: "resolved" })],
    [
      "overview",
      "counts by access + latest webhooks",
      (db) => Promise.all([countByAccessStatus(db), latestLedgerEvents(db)]),
    ],
    [
      "overview",
      "health tiles (metrics snapshot + open exceptions)",
      (db) => Promise.all([metricsSnapshot(db, now), countOpenExceptions(db)]),
    ],
    ["overview", "next actions", (db) => nextActions(db)],
    ["overview", "recent alerts", (db) => recentAlerts(db, 8)],
    [
      "overview",
      "charts (24 h + 7 d series)",
      (db) => Promise.all([metricSeries(db, "24h", now), metricSeries(db, "7d", now)]),
    ],
    [
      "alerts",
      "alerts page (alerts + rules + snapshot)",
      (db) => Promise.all([recentAlerts(db, 30), alertRules(db), metricsSnapshot(db, now)]),
    ],
    [
      "alerts",
      "evaluate all rules (every minute)",
      (db) => evaluateAlerts(db, { channels: { timeoutMs: 1000 }, now }),
    ],
    [
      "audit",
      "audit log page 1 (+ action choices)",
      (db) => Promise.all([listAuditEntries(db, {}), auditActions(db)]),
    ],
  ];
  return cases.map(([group, name, run]) => ({ group, name, run }));
}
