// GET /api/live — server-sent events for an open page: coalesced changes and the nav's badges
import { withPermission } from "@/lib/auth/guard";
import { liveResponse } from "@/lib/live/live";

export const dynamic = "force-dynamic";

export const GET = withPermission("customer.read", async (req, _ctx, actor) =>
  liveResponse(req, actor),
);
