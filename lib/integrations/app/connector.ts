import { Webhook } from "standardwebhooks";
import { customerSafeReasons, type CustomerSafeReason } from "@/lib/access/customer-safe";
import { request, unsupportedAction, type FetchLike } from "@/lib/integrations/connector/http";
import {
  ConnectorError,
  type Connector,
  type CustomerSnapshot,
  type SyncTaskInput,
} from "@/lib/integrations/connector/types";

export type AppWebhookConfig = {
  /** APP_WEBHOOK_URL: the product backend's endpoint. */
  url?: string;
  /** APP_WEBHOOK_SECRET: Standard Webhooks secret (whsec_ + base64). */
  secret?: string;
  fetch?: FetchLike;
};

export type AccessChangedWebhook = {
  type: "customer.access_changed";
  /** When the access change happened (not when this delivery was sent). */
  timestamp: string;
  data: {
    customerId: string;
    appUserId: string | null;
    email: string | null;
    /** The customer's access now: receivers should apply this, not `to`. */
    accessStatus: string;
    billingStatus: string;
    /** Customer-safe words only: never who decided or why (those stay in the dashboard). */
    reasons: CustomerSafeReason[];
    /** The transition that caused this delivery. */
    from: string | null;
    to: string;
  };
};

const SERVICE = "App webhook";

/** The delivered body. `accessStatus` is the current truth, so a late delivery converges. */
export function accessChangedBody(
  task: SyncTaskInput<"app.access_changed">,
  customer: CustomerSnapshot,
): AccessChangedWebhook {
  const p = task.payload;
  return {
    type: "customer.access_changed",
    timestamp: p.changedAt,
    data: {
      customerId: customer.id,
      appUserId: customer.appUserId,
      email: customer.email,
      accessStatus: customer.accessStatus,
      billingStatus: customer.billingStatus,
      reasons: customerSafeReasons(p.reasons),
      from: p.from,
      to: p.to,
    },
  };
}

/**
 * The product-app connector: `app.access_changed` POSTs a Standard Webhooks signed request
 * so the app's backend can update entitlements. webhook-id is the task id, identical on
 * every retry, so the receiver can drop duplicates.
 */
export function createAppWebhookConnector(config: AppWebhookConfig): Connector {
  function notConfiguredReason(): string | null {
    if (!config.url) return "APP_WEBHOOK_URL is not set";
    if (!config.secret) return "APP_WEBHOOK_SECRET is not set";
    return null;
  }

  /** Idempotent for the receiver: the same task always carries the same webhook-id. */
  async function deliver(
    task: SyncTaskInput<"app.access_changed">,
    customer: CustomerSnapshot,
    signal: AbortSignal,
  ) {
    let wh: Webhook;
    try {
      wh = new Webhook(config.secret!);
    } catch {
      throw new ConnectorError(
        "APP_WEBHOOK_SECRET is not a valid Standard Webhooks secret (whsec_ + base64)",
        "permanent",
      );
    }
    const body = JSON.stringify(accessChangedBody(task, customer));
    const now = new Date();
    const res = await request({
      service: SERVICE,
      what: "delivery",
      method: "POST",
      url: config.url!,
      headers: {
        "content-type": "application/json",
        "webhook-id": task.id,
        "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
        "webhook-signature": wh.sign(task.id, now, body),
      },
      rawBody: body,
      signal,
      fetch: config.fetch,
      secrets: [config.secret],
    });
    // The answer's body is irrelevant; drain it so the connection can be reused.
    await res.arrayBuffer().catch(() => undefined);
    return { externalRef: task.id, detail: `delivered (HTTP ${res.status})` };
  }

  return {
    target: "app",
    notConfiguredReason,
    async perform(task: SyncTaskInput, customer: CustomerSnapshot, signal: AbortSignal) {
      const reason = notConfiguredReason();
      if (reason) throw new ConnectorError(reason, "permanent");
      if (task.action !== "app.access_changed") throw unsupportedAction(SERVICE, task.action);
      return deliver(task as SyncTaskInput<"app.access_changed">, customer, signal);
    },
  };
}
