import type { Actor } from "@/lib/auth/guard";
import { sharedCountsFeed } from "@/lib/live/counts";
import { liveHub } from "@/lib/live/hub";
import { liveStream, parseLiveRequest } from "@/lib/live/sse";

/** GET /api/live for a signed-in person: 400 for a bad query, else the page's event stream. */
export function liveResponse(req: Request, actor: Actor): Response {
  const parsed = parseLiveRequest(new URL(req.url));
  if (!parsed) return Response.json({ error: "Unknown topics or customer" }, { status: 400 });
  const hub = liveHub();
  const feed = sharedCountsFeed(hub);
  return new Response(liveStream(hub, feed, actor.role, parsed, req.signal), {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
