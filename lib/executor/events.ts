/** Events the workflows react to. The same names are used by Inngest and the in-process executor. */
export type WorkflowEvents = {
  "ledger/event.received": { ledgerEventId: string };
  "sync/task.created": { taskId: string; customerId: string };
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
