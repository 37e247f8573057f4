import type { Db, Tx } from "@/lib/db";
import type { LedgerEvent } from "@/lib/generated/prisma/client";
import type { LedgerSource } from "@/lib/generated/prisma/enums";

export const LEDGER_EVENT_FAILED = "ledger_event_failed";

/** As long as Stripe keeps retrying a webhook delivery: our own retries stop then too. */
export const LEDGER_RETRY_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;

const MINUTE = 60_000;
/** Delay before attempt n+1 after n failures: 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h… */
const STEPS_MS = [0.5, 2, 10, 30, 60, 120, 240].map((m) => m * MINUTE);
/** …then every 6 h until the window closes. */
const CAP_MS = 360 * MINUTE;

/** The backoff after `failures` failed attempts, with ±20 % jitter so rows spread out. */
export function ledgerRetryDelayMs(failures: number, random: () => number = Math.random): number {
  const base = STEPS_MS[Math.max(0, failures - 1)] ?? CAP_MS;
  return Math.round(base * (0.8 + random() * 0.4));
}

/**
 * When a row that has failed `attempts` times should be tried again, on this host's clock
 * (our own schedule, never compared with a provider's time): after the backoff, and at the
 * latest when the 3-day window after receipt closes, which is the last attempt. Null once
 * the window has closed.
 */
export function nextLedgerAttemptAt(
  row: { receivedAt: Date; attempts: number },
  now: Date,
  random: () => number = Math.random,
): Date | null {
  const deadline = row.receivedAt.getTime() + LEDGER_RETRY_WINDOW_MS;
  if (now.getTime() >= deadline) return null;
  return new Date(Math.min(now.getTime() + ledgerRetryDelayMs(row.attempts, random), deadline));
}

const SOURCE: Record<LedgerSource, string> = {
  stripe: "Stripe",
  hubspot: "HubSpot",
  zendesk: "Zendesk",
  app: "App",
};

/** The customer a Stripe payload names, when we know them (the failed transaction linked none). */
async function customerOf(tx: Tx, row: LedgerEvent): Promise<string | null> {
  if (row.customerId || row.source !== "stripe") return row.customerId;
  const object = (row.payload as { data?: { object?: { customer?: unknown } } })?.data?.object;
  const stripeCustomerId = typeof object?.customer === "string" ? object.customer : null;
  if (!stripeCustomerId) return null;
  const c = await tx.customer.findUnique({ where: { stripeCustomerId }, select: { id: true } });
  return c?.id ?? null;
}

/**
 * Records a failed attempt at applying a ledger row: `failed` with the (already redacted)
 * error and the next automatic attempt (nextLedgerAttemptAt), which the resume sweep and the
 * reconcile cron pick up once due. After the last attempt (3 days after receipt) nothing is
 * scheduled and one `ledger_event_failed` exception per row is opened (re-opened if it was
 * resolved), in plain words, with Retry on /exceptions. An explicit dispatch (a redelivery,
 * a manual retry) may still process the row at any time.
 * Idempotent: safe to run any number of times for the same failure (one exception per row).
 */
export async function recordLedgerFailure(
  db: Db,
  row: LedgerEvent,
  error: string,
  now: Date = new Date(),
): Promise<{ nextAttemptAt: Date | null }> {
  const nextAttemptAt = nextLedgerAttemptAt(row, now);
  await db.$transaction(async (tx) => {
    await tx.ledgerEvent.update({
      where: { id: row.id },
      data: { status: "failed", error, nextAttemptAt },
    });
    if (nextAttemptAt) return;
    const detail =
      `Applying it failed ${row.attempts} time${row.attempts === 1 ? "" : "s"} since it arrived ` +
      `on ${row.receivedAt.toISOString().slice(0, 16).replace("T", " ")} UTC, and automatic ` +
      `retries stopped after 3 days. Last error: ${error}. ` +
      "Next action: Retry once the cause is fixed.";
    await tx.exceptionRecord.upsert({
      where: { kind_ledgerEventId: { kind: LEDGER_EVENT_FAILED, ledgerEventId: row.id } },
      update: {
        detail,
        status: "open",
        resolvedAt: null,
        resolvedById: null,
        resolutionNote: null,
      },
      create: {
        kind: LEDGER_EVENT_FAILED,
        title: `${SOURCE[row.source]} event ${row.type} could not be applied`,
        detail,
        customerId: await customerOf(tx, row),
        ledgerEventId: row.id,
        correlationId: row.correlationId,
      },
    });
  });
  return { nextAttemptAt };
}

/**
 * After a row that failed before is applied (inside that transaction): no further attempt
 * is scheduled and its ledger_event_failed exception, if any, is resolved.
 * Idempotent: safe to run any number of times for the same row.
 */
export async function clearLedgerFailure(
  tx: Tx,
  row: Pick<LedgerEvent, "id" | "attempts">,
): Promise<void> {
  // A first attempt that succeeds has nothing to clear: no extra query on the hot path.
  if (row.attempts <= 1) return;
  await tx.ledgerEvent.updateMany({
    where: { id: row.id, nextAttemptAt: { not: null } },
    data: { nextAttemptAt: null },
  });
  await tx.exceptionRecord.updateMany({
    where: { kind: LEDGER_EVENT_FAILED, ledgerEventId: row.id, status: "open" },
    data: {
      status: "resolved",
      resolvedAt: new Date(),
      resolutionNote: `Applied on attempt ${row.attempts}`,
    },
  });
}
