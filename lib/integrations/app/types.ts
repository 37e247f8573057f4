import type { Tx } from "@/lib/db";
import type { AppEventContext } from "@/lib/integrations/app/apply-app-user";
import type { InboundOutcome } from "@/lib/ledger/inbound-outcome";
import type { AppEvent } from "@/lib/integrations/app/verify-request";

export type AppEventHandler = (
  tx: Tx,
  event: AppEvent,
  ctx: AppEventContext,
) => Promise<InboundOutcome>;
