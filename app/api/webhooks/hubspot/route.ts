// POST /api/webhooks/hubspot — verify the v3 signature, record each event once, enqueue
import { verifyHubspotDelivery } from "@/lib/integrations/hubspot/verify-request";
import { withWebhookRoute } from "@/lib/intake/with-webhook-route";

export const dynamic = "force-dynamic";

export const POST = withWebhookRoute("hubspot", verifyHubspotDelivery);
