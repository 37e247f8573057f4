// withWebhookRoute — the one wrapper around every inbound webhook route (POST /api/webhooks/<source>).
// It owns everything but the provider's own checks: the correlation id, the 503 when the
// source's secret is not configured (before anything is read), reading the raw body (415/413),
// the 4xx answer to a WebhookRejected (logged, counted per minute, nothing else written) and recording the
// verified events once (acceptVerifiedEvents). The route passes only its source and its verify
// function. Standard Request/Response only: no next/* here.
import { env, type Env } from "@/lib/env";
import type { VerifyWebhook } from "@/lib/integrations/webhook/verifier";
import { acceptVerifiedEvents, type DeliveryShape } from "@/lib/intake/accept-verified-events";
import { WebhookRejected } from "@/lib/integrations/webhook/http-error";
import { correlationIdOf, readRawBody } from "@/lib/integrations/webhook/read-body";
import type { LedgerSource } from "@/lib/generated/prisma/enums";
import { log } from "@/lib/log";
import { countWebhookRejection } from "@/lib/metrics/webhook-rejections";

type SourceConfig = {
  /** The name in the not-configured answer. */
  label: string;
  /** The signing secret; undefined means the source is not configured (503). */
  secret: (env: Env) => string | undefined;
  /** The previous secret, accepted too during a rotation (`<NAME>_PREVIOUS`). */
  previous?: (env: Env) => string | undefined;
  shape: DeliveryShape;
};

const SOURCES: Record<LedgerSource, SourceConfig> = {
  stripe: { label: "Stripe", secret: (e) => e.STRIPE_WEBHOOK_SECRET, shape: "event" },
  hubspot: {
    label: "HubSpot",
    secret: (e) => e.HUBSPOT_CLIENT_SECRET,
    previous: (e) => e.HUBSPOT_CLIENT_SECRET_PREVIOUS,
    shape: "batch",
  },
  zendesk: {
    label: "Zendesk",
    secret: (e) => e.ZENDESK_WEBHOOK_SECRET,
    previous: (e) => e.ZENDESK_WEBHOOK_SECRET_PREVIOUS,
    shape: "event",
  },
  app: {
    label: "App",
    secret: (e) => e.APP_INBOUND_WEBHOOK_SECRET,
    previous: (e) => e.APP_INBOUND_WEBHOOK_SECRET_PREVIOUS,
    shape: "event",
  },
};

/** The POST handler of `/api/webhooks/<source>`. */
export function withWebhookRoute(
  source: LedgerSource,
  verify: VerifyWebhook,
): (req: Request) => Promise<Response> {
  const { label, secret: secretOf, previous: previousOf, shape } = SOURCES[source];
  return async (req) => {
    const correlationId = correlationIdOf(req);
    const secret = secretOf(env);
    if (!secret) {
      return Response.json(
        { error: `${label} webhooks are not configured`, correlationId },
        { status: 503 },
      );
    }
    try {
      const raw = await readRawBody(req);
      const previous = previousOf?.(env);
      const secrets = previous ? [secret, previous] : [secret];
      const events = await verify(raw, req, { secret, secrets, env });
      return await acceptVerifiedEvents(
        events.map((e) => ({ source, ...e, correlationId })),
        shape,
      );
    } catch (e) {
      if (!(e instanceof WebhookRejected)) throw e;
      log.warn({ correlationId, source, reason: e.message }, "webhook rejected");
      // Counted (one counter row per source and minute): the only write a rejection makes.
      await countWebhookRejection(source, e.status);
      return Response.json({ error: e.message, correlationId }, { status: e.status });
    }
  };
}
