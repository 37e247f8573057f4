/** Events the workflows react to. The same names are used by Inngest and the in-process executor. */
export type WorkflowEvents = {
  /** `orderingKey`: events with the same key are processed one at a time (see ordering-key.ts). */
  "ledger/event.received": { ledgerEventId: string; orderingKey?: string };
  "sync/task.created": { taskId: string; customerId: string };
  /** Run (or resume) the Stripe import whose job row `jobId` the request created. */
  "billing/import.requested": { jobId: string };
  /** Run the drift check whose job row `jobId` the request created; `actor` signs repairs. */
  "billing/drift.requested": { jobId: string; actor: string };
};

export type WorkflowEventName = keyof WorkflowEvents;

export type WorkflowEvent<N extends WorkflowEventName = WorkflowEventName> = {
  [K in N]: {
    name: K;
    /** Deduplication id (ledger row id, sync task id…), so Inngest deduplicates repeated sends too. */
    id: string;
    data: WorkflowEvents[K];
  };
}[N];

/** The event that runs one outbox task; retries and reconciles use a fresh id per attempt. */
export function syncTaskEvent(
  taskId: string,
  customerId: string,
  suffix?: string,
): WorkflowEvent<"sync/task.created"> {
  return {
    name: "sync/task.created",
    id: suffix ? `${taskId}:${suffix}` : taskId,
    data: { taskId, customerId },
  };
}

/**
 * The event that processes one ledger row. Its id is the row's (Inngest deduplicates
 * repeated sends) unless `suffix` asks for a fresh one (a retry, replay or redelivery:
 * Inngest drops an id it has seen).
 */
export function ledgerEvent(
  row: { id: string; orderingKey: string | null },
  suffix?: string,
): WorkflowEvent<"ledger/event.received"> {
  return {
    name: "ledger/event.received",
    id: suffix ? `${row.id}:${suffix}` : row.id,
    data: { ledgerEventId: row.id, orderingKey: row.orderingKey ?? `ledger:${row.id}` },
  };
}
