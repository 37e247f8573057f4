/**
 * What applying one CRM, support or app event did; stored as the ledger row's `result`.
 * `subject` and `fields` let a later, older event for the same subject find out that newer
 * data was already applied (see newer-applied-event.ts).
 */
export type InboundOutcome =
  | {
      outcome: "applied";
      customerId: string | null;
      created: boolean;
      detail: string;
      subject?: string;
      fields?: string[];
    }
  | { outcome: "stale"; customerId: string | null; detail: string; subject?: string }
  | { outcome: "ignored"; detail: string };
