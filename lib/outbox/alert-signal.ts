import { log } from "@/lib/log";

export type AlertSignal =
  | { kind: "sync_task_dead"; taskId: string; action: string; customerId: string; error: string }
  | { kind: "sync_task_retrying"; taskId: string; action: string; attempts: number; error: string };

type Listener = (signal: AlertSignal) => void;
const listeners = new Set<Listener>();

/** The alert hook: the sync engine signals here; alert evaluation and delivery subscribe. */
export function onAlertSignal(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitAlertSignal(signal: AlertSignal): void {
  log.warn({ alert: signal.kind, ...signal }, "alert signal");
  for (const l of listeners) {
    try {
      l(signal);
    } catch (e) {
      log.error({ err: String(e) }, "alert listener failed");
    }
  }
}
