/**
 * A rule of the domain that a request broke. Its message is written for the person using
 * the dashboard and is shown as is; any other error is logged and shown as a generic message.
 */
export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DomainError";
  }
}

/** What a person sees when something unexpected failed (details go to the log only). */
export const GENERIC_FAILURE = "Something went wrong";
