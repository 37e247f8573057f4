import { Webhook } from "standardwebhooks";
import { startFakeServer } from "./fake-server";

export type ReceivedWebhook = {
  id: string | null;
  timestamp: string | null;
  signature: string | null;
  body: string;
  /** The Standard Webhooks signature verified with the receiver's secret. */
  verified: boolean;
  /** Why verification failed, when it did. */
  error?: string;
  payload: unknown;
  receivedAt: string;
};

/**
 * The product app's webhook endpoint: verifies each request's Standard Webhooks signature
 * with `secret`, records it, and answers 204 (verified) or 401 (not). Like a good receiver
 * it treats a repeated webhook-id as the same message (see `messages()`).
 */
export async function startAppReceiver(opts: {
  secret: string;
  port?: number;
  path?: string;
  /** Called with a one-line description of every delivery (the demo prints them). */
  onEvent?: (line: string) => void;
}) {
  const received: ReceivedWebhook[] = [];
  const verifier = new Webhook(opts.secret);
  const path = opts.path ?? "/webhooks/launch-ready";

  const server = await startFakeServer({
    name: "app",
    port: opts.port,
    inspect: () => ({ received }),
    handle(req) {
      if (req.method !== "POST" || req.path !== path) return { status: 404 };
      const header = (name: string) => {
        const v = req.headers[name];
        return typeof v === "string" ? v : null;
      };
      const entry: ReceivedWebhook = {
        id: header("webhook-id"),
        timestamp: header("webhook-timestamp"),
        signature: header("webhook-signature"),
        body: req.body,
        verified: false,
        payload: req.json,
        receivedAt: new Date().toISOString(),
      };
      try {
        verifier.verify(req.body, {
          "webhook-id": entry.id ?? "",
          "webhook-timestamp": entry.timestamp ?? "",
          "webhook-signature": entry.signature ?? "",
        });
        entry.verified = true;
      } catch (err) {
        entry.error = (err as Error).message;
      }
      received.push(entry);
      const type = (entry.payload as { type?: string } | undefined)?.type ?? "?";
      opts.onEvent?.(
        `App: webhook ${entry.id} ${type} ${entry.verified ? "verified" : `REJECTED (${entry.error})`}`,
      );
      return entry.verified
        ? { status: 204 }
        : { status: 401, body: { error: "invalid signature" } };
    },
  });

  return {
    ...server,
    /** The URL to configure as APP_WEBHOOK_URL. */
    webhookUrl: `${server.url}${path}`,
    /** Every delivery, verified or not, oldest first. */
    received: () => [...received],
    /** Verified messages, one per webhook-id (the first delivery of each). */
    messages: () => {
      const seen = new Map<string, ReceivedWebhook>();
      for (const r of received) if (r.verified && r.id && !seen.has(r.id)) seen.set(r.id, r);
      return [...seen.values()];
    },
    clear() {
      server.requests.length = 0;
      received.length = 0;
    },
  };
}

export type AppReceiver = Awaited<ReturnType<typeof startAppReceiver>>;
