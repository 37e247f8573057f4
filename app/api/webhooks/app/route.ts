// POST /api/webhooks/app — verify (Standard Webhooks), parse the contract, record once, enqueue
import { verifyAppDelivery } from "@/lib/integrations/app/verify-request";
import { withWebhookRoute } from "@/lib/intake/with-webhook-route";

export const dynamic = "force-dynamic";

export const POST = withWebhookRoute("app", verifyAppDelivery);
