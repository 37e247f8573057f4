import { loadEnv } from "@/lib/env";

/**
 * Runs once when the server starts: validate configuration (a missing or malformed
 * variable stops start-up with a message naming it) and, without Inngest, start the
 * in-process executor's resume sweep.
 */
export async function onServerStart(): Promise<void> {
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    loadEnv(process.env);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
  const { startInProcessResume } = await import("@/lib/jobs/dispatch");
  startInProcessResume();
  // Either executor: a dead task raised in this process alerts at once.
  const { subscribeAlertSignals } = await import("@/lib/alerts/subscribe-alert-signals");
  subscribeAlertSignals();
}
