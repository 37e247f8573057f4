import { ConnectorError } from "@/lib/integrations/connector/types";

/**
 * A permanent error meaning "this side effect must not happen in the customer's current
 * state" (e.g. a welcome email for a customer whose access is not active). Nothing was
 * sent. The runner may record it as skipped rather than dead when the state simply moved
 * on (a payment recovered before its dunning email went out).
 */
export class ConnectorRefusal extends ConnectorError {
  constructor(message: string) {
    super(message, "permanent");
    this.name = "ConnectorRefusal";
  }
}

/** Marks tasks skipped because the connector refused them in the customer's state then. */
export const REFUSED_PREFIX = "refused: ";
