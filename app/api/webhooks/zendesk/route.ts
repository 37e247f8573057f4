// POST /api/webhooks/zendesk — verify, record once, enqueue
import { verifyZendeskDelivery } from "@/lib/integrations/zendesk/verify-request";
import { withWebhookRoute } from "@/lib/intake/with-webhook-route";

export const dynamic = "force-dynamic";

export const POST = withWebhookRoute("zendesk", verifyZendeskDelivery);
