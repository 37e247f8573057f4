import type { AppEventContext } from "@/lib/app-events/apply-app-user";
import type { Tx } from "@/lib/customers/tx";
import type { InboundOutcome } from "@/lib/workflows/inbound-outcome";
import type { AppEvent } from "@/lib/webhooks/app/verify-app-request";

export type AppEventHandler = (
  tx: Tx,
  event: AppEvent,
  ctx: AppEventContext,
) => Promise<InboundOutcome>;
