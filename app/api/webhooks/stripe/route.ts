// POST /api/webhooks/stripe — verify, record once, enqueue
import { verifyStripeDelivery } from "@/lib/integrations/stripe/verify-event";
import { withWebhookRoute } from "@/lib/intake/with-webhook-route";

export const dynamic = "force-dynamic";

export const POST = withWebhookRoute("stripe", verifyStripeDelivery);
