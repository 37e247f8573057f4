import { Inngest } from "inngest";

const sendTimeoutMs = Number(process.env.INNGEST_SEND_TIMEOUT_MS ?? 3000);

/**
 * The Inngest client. Its `send()` has no timeout of its own, so every request it makes is
 * bounded here: a hung Inngest endpoint must never hold a webhook request open.
 */
export const inngest = new Inngest({
  id: "launch-ready",
  fetch: (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(sendTimeoutMs) }),
});
