/** A verified money event (payment, refund, dispute) no customer could be found for. */
export const UNLINKED_MONEY_EVENT = "unlinked_money_event";
