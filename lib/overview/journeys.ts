import type { Db } from "@/lib/db";
import { formatDuration } from "@/lib/format";

/** The steps of one customer journey, in the order a person reads them. */
export const JOURNEY_STEPS = [
  "lead",
  "payment_attempted",
  "payment_result",
  "crm",
  "ticket",
  "welcome_email",
  "app",
] as const;
export type JourneyStepKey = (typeof JOURNEY_STEPS)[number];

export const STEP_LABELS: Record<JourneyStepKey, string> = {
  lead: "Lead created",
  payment_attempted: "Payment attempted",
  payment_result: "Paid or failed",
  crm: "CRM updated",
  ticket: "Ticket",
  welcome_email: "Welcome email",
  app: "Product app told",
};

/**
 * ok: done; failed: the step happened and went wrong (a failed payment is news, not a
 * fault of the flow); problem: missing, late or dead — red, with why; waiting: queued and
 * not late yet; none: not expected for this journey (no payment yet, no ticket needed).
 */
export type StepState = "ok" | "failed" | "problem" | "waiting" | "none";

export type JourneyStep = {
  key: JourneyStepKey;
  state: StepState;
  /** Short plain words: "Paid 49.00 EUR", "Suppressed: …", "Not sent after 12 min: …". */
  note: string;
  at: string | null;
  href: string | null;
};

export type Journey = {
  customerId: string;
  name: string;
  startedAt: string;
  accessStatus: string;
  steps: JourneyStep[];
  problem: boolean;
};

/** A side effect not done this long after its cause is late (the sync latency alert's default). */
export const LATE_AFTER_MS = 5 * 60_000;

type Task = {
  action: string;
  status: string;
  createdAt: Date;
  lastSuccessAt: Date | null;
  lastError: string | null;
  attempts: number;
};
type Event = { id: string; type: string; occurredAt: Date; source: string };

const PAY_ATTEMPT = new Set([
  "checkout.session.completed",
  "invoice.payment_failed",
  "invoice.paid",
  "invoice.payment_succeeded",
  "charge.succeeded",
  "payment_intent.succeeded",
  "payment_intent.payment_failed",
]);
const PAID = new Set(["invoice.paid", "invoice.payment_succeeded", "payment_intent.succeeded"]);
const FAILED = new Set(["invoice.payment_failed", "payment_intent.payment_failed"]);

/** Why a task is not done, in plain words (the connector's own message, shortened). */
function why(t: Task): string {
  if (t.status === "dead") return `gave up after ${t.attempts} tries: ${short(t.lastError)}`;
  if (t.lastError) return `retrying (try ${t.attempts}): ${short(t.lastError)}`;
  return "still queued";
}
const short = (s: string | null) => {
  const text = (s ?? "no error recorded").replace(/\s+/g, " ");
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
};

function taskStep(
  key: JourneyStepKey,
  tasks: Task[],
  expectedSince: Date | null,
  now: Date,
  href: string,
  doneNote: string,
  skippedNote = "Not needed",
): JourneyStep {
  const done = tasks.find((t) => t.status === "succeeded");
  if (done) return { key, state: "ok", note: doneNote, at: iso(done.lastSuccessAt), href };
  const skipped = tasks.find((t) => t.status === "skipped");
  if (skipped)
    return {
      key,
      state: "ok",
      note: `${skippedNote}: ${short(skipped.lastError)}`,
      at: null,
      href,
    };
  const open = tasks[0];
  if (open) {
    const late = now.getTime() - open.createdAt.getTime() > LATE_AFTER_MS;
    const bad = open.status === "dead" || late;
    return {
      key,
      state: bad ? "problem" : "waiting",
      note: bad
        ? `Not done after ${formatDuration(now.getTime() - open.createdAt.getTime())}: ${why(open)}`
        : `Queued: ${why(open)}`,
      at: iso(open.createdAt),
      href,
    };
  }
  if (expectedSince && now.getTime() - expectedSince.getTime() > LATE_AFTER_MS)
    return { key, state: "problem", note: "Never planned although it was due", at: null, href };
  return { key, state: "none", note: "Not expected yet", at: null, href: null };
}

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/**
 * One journey from what is stored about one customer: the ledger events (provider times)
 * and the outbox tasks (when each side effect ran). Pure, so the rules are testable alone.
 */
export function buildJourney(
  c: {
    id: string;
    name: string | null;
    email: string | null;
    accessStatus: string;
    createdAt: Date;
  },
  events: Event[],
  tasks: Task[],
  now: Date,
): Journey {
  const href = `/customers/${c.id}`;
  const ev = (e: Event | undefined) => (e ? `/ledger/${e.id}` : null);
  const sorted = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const first = sorted[0];
  const attempt = sorted.find((e) => PAY_ATTEMPT.has(e.type));
  const paid = sorted.find((e) => PAID.has(e.type));
  const failed = [...sorted].reverse().find((e) => FAILED.has(e.type));
  const byAction = (a: string) => tasks.filter((t) => t.action === a);
  const lastResult = [paid, failed]
    .filter(Boolean)
    .sort((a, b) => b!.occurredAt.getTime() - a!.occurredAt.getTime())[0];

  const steps: JourneyStep[] = [
    {
      key: "lead",
      state: "ok",
      note: first ? `From ${first.source}` : "Created here",
      at: iso(first?.occurredAt ?? c.createdAt),
      href: ev(first) ?? href,
    },
    attempt
      ? {
          key: "payment_attempted",
          state: "ok",
          note: "Checkout or invoice",
          at: iso(attempt.occurredAt),
          href: ev(attempt),
        }
      : { key: "payment_attempted", state: "none", note: "No payment yet", at: null, href: null },
    !lastResult
      ? {
          key: "payment_result",
          state: "none",
          note: attempt ? "No result yet" : "No payment yet",
          at: null,
          href: null,
        }
      : FAILED.has(lastResult.type)
        ? {
            key: "payment_result",
            state: "failed",
            note: paid ? "Failed after an earlier payment" : "Payment failed",
            at: iso(lastResult.occurredAt),
            href: ev(lastResult),
          }
        : {
            key: "payment_result",
            state: "ok",
            note: failed ? "Paid (recovered)" : "Paid",
            at: iso(lastResult.occurredAt),
            href: ev(lastResult),
          },
  ];
  // The CRM follows every change; one contact upsert is expected as soon as we know the person.
  steps.push(
    taskStep("crm", byAction("crm.upsert_contact"), null, now, href, "Contact up to date"),
  );
  const tickets = byAction("support.open_ticket");
  steps.push(
    tickets.length || failed
      ? taskStep("ticket", tickets, null, now, href, "Ticket opened", "Suppressed")
      : { key: "ticket", state: "none", note: "No ticket needed", at: null, href: null },
  );
  // The welcome email is due once the person paid and has access.
  const paidAt = paid && c.accessStatus === "active" ? paid.occurredAt : null;
  const welcome = byAction("email.welcome");
  steps.push(
    paid || welcome.length
      ? taskStep("welcome_email", welcome, paidAt, now, href, "Sent")
      : {
          key: "welcome_email",
          state: "none",
          note: "Not due before a payment",
          at: null,
          href: null,
        },
  );
  const app = byAction("app.access_changed");
  steps.push(
    app.length
      ? taskStep("app", app, null, now, href, "Access sent to the app")
      : { key: "app", state: "none", note: "No access change yet", at: null, href: null },
  );
  return {
    customerId: c.id,
    name: c.name ?? c.email ?? "Unnamed customer",
    startedAt: (first?.occurredAt ?? c.createdAt).toISOString(),
    accessStatus: c.accessStatus,
    steps,
    problem: steps.some((s) => s.state === "problem"),
  };
}

/**
 * The most recent customer journeys (newest person first), each with every step from lead
 * to product app; `problemsOnly` keeps the journeys with a missing, late or dead step.
 * Reads the newest `scan` people, so "with a problem" looks a little further back.
 */
export async function recentJourneys(
  db: Db,
  opts: { take?: number; problemsOnly?: boolean; now?: Date } = {},
): Promise<Journey[]> {
  const take = opts.take ?? 20;
  const now = opts.now ?? new Date();
  const customers = await db.customer.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.problemsOnly ? take * 5 : take,
    select: {
      id: true,
      name: true,
      email: true,
      accessStatus: true,
      createdAt: true,
      ledgerEvents: {
        select: { id: true, type: true, occurredAt: true, source: true },
        orderBy: { occurredAt: "asc" },
        take: 50,
      },
      syncTasks: {
        select: {
          action: true,
          status: true,
          createdAt: true,
          lastSuccessAt: true,
          lastError: true,
          attempts: true,
        },
        orderBy: { createdAt: "asc" },
        take: 50,
      },
    },
  });
  const journeys = customers.map((c) => buildJourney(c, c.ledgerEvents, c.syncTasks, now));
  return (opts.problemsOnly ? journeys.filter((j) => j.problem) : journeys).slice(0, take);
}
