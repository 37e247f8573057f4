/** Events the workflows react to. The same names are used by Inngest and the in-process executor. */
export type WorkflowEvents = {
  "ledger/event.received": { ledgerEventId: string };
};

export type WorkflowEventName = keyof WorkflowEvents;

export type WorkflowEvent<N extends WorkflowEventName = WorkflowEventName> = {
  name: N;
  /** Deduplication id: the ledger row id, so Inngest deduplicates repeated sends too. */
  id: string;
  data: WorkflowEvents[N];
};
