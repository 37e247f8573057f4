/** A rejection of inbound input: the route answers `status` with `{ error: message }` and writes nothing. */
export class WebhookRejected extends Error {
  constructor(
    message: string,
    readonly status: 400 | 401 | 413 | 415 = 400,
  ) {
    super(message);
    this.name = "WebhookRejected";
  }
}
