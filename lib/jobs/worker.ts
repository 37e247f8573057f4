import { subscribeAlertSignals } from "@/lib/alerts/subscribe-alert-signals";
import { db } from "@/lib/db";
import { PgListener } from "@/lib/db-listen";
import { env } from "@/lib/env";
import {
  inProcessExecutor,
  reconcileOnce,
  runsHere,
  startInProcessResume,
  stopInProcessResume,
} from "@/lib/jobs/dispatch";
import { parseWorkNotice, WORK_CHANNEL } from "@/lib/jobs/work-queue";
import { log } from "@/lib/log";

/**
 * A worker process (PROCESS_ROLE=worker): no HTTP. Hears the web processes' hand-offs on the
 * work channel, runs the events of the customers it owns through the in-process executor,
 * and sweeps (re-drive of what no notice brought, the cron jobs). Returns `stop`, which stops
 * taking work and waits up to `drainMs` for what is running.
 */
export async function startWorker(): Promise<
  (drainMs?: number, opts?: { keepDatabase?: boolean }) => Promise<void>
> {
  const catchUp = () =>
    reconcileOnce({ ledgerOlderThanSeconds: 0, syncGraceSeconds: 0 }).catch((e) =>
      log.warn({ err: String(e) }, "worker: catch-up failed; the sweep will retry"),
    );
  const listener = new PgListener(
    env.DATABASE_URL,
    WORK_CHANNEL,
    (payload) => {
      const event = parseWorkNotice(payload);
      if (event && runsHere(event)) inProcessExecutor().enqueue(event);
    },
    // Hand-offs sent while the connection was down were not heard: take them from the tables.
    { onResumed: () => void catchUp() },
  );
  listener.start();
  await listener.ready(30_000);
  // The sweep's first pass takes what was recorded while no worker listened.
  startInProcessResume();
  const stopSignals = subscribeAlertSignals();
  log.info({ worker: env.WORKER_INDEX, of: env.WORKER_COUNT }, "worker started");
  return async (drainMs = 10_000, opts: { keepDatabase?: boolean } = {}) => {
    await listener.stop();
    stopInProcessResume();
    stopSignals();
    await Promise.race([
      inProcessExecutor().idle(),
      new Promise((r) => setTimeout(r, drainMs).unref()),
    ]);
    if (!opts.keepDatabase) await db.$disconnect();
  };
}
