import { runAlertEvaluation } from "@/lib/alerts/run-alert-evaluation";
import { onAlertSignal } from "@/lib/outbox/alert-signal";

const globalForSignals = globalThis as unknown as {
  alertSignalUnsubscribe?: () => void;
  alertSignalRun?: Promise<unknown>;
};

/**
 * Raises the dead-task alert as soon as the sync engine signals a dead task, instead of
 * waiting for the next minute's evaluation. Evaluations triggered this way run one after
 * another. Subscribes once per process; returns the unsubscribe function.
 */
export function subscribeAlertSignals(): () => void {
  globalForSignals.alertSignalUnsubscribe ??= onAlertSignal((signal) => {
    if (signal.kind !== "sync_task_dead") return;
    globalForSignals.alertSignalRun = (globalForSignals.alertSignalRun ?? Promise.resolve()).then(
      () => runAlertEvaluation(["dead_task"]),
    );
  });
  const off = globalForSignals.alertSignalUnsubscribe;
  return () => {
    off();
    globalForSignals.alertSignalUnsubscribe = undefined;
  };
}

/** Waits for the evaluations triggered by signals so far (tests). */
export async function signalEvaluationsSettled(): Promise<void> {
  await globalForSignals.alertSignalRun;
}
