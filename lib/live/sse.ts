import { can } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import type { LiveChange } from "@/lib/live/coalesce";
import { countsFor, type CountsFeed } from "@/lib/live/counts";
import type { LiveHub } from "@/lib/live/hub";
import { isLiveTopic, TOPIC_PERMISSION, type LiveTopic } from "@/lib/live/topics";

export type LiveRequest = { topics: LiveTopic[]; customerId: string | null };

/** `?topics=customer,exception&customer=<id>`; null for anything else (the route answers 400). */
export function parseLiveRequest(url: URL): LiveRequest | null {
  const raw = url.searchParams.get("topics") ?? "";
  const topics = raw === "" ? [] : raw.split(",");
  if (!topics.every(isLiveTopic) || new Set(topics).size !== topics.length) return null;
  const customerId = url.searchParams.get("customer");
  if (customerId !== null && !/^[A-Za-z0-9_-]{1,64}$/.test(customerId)) return null;
  return { topics, customerId };
}

/** Whether a page that asked for `req` should hear about `change`. */
export function concerns(req: LiveRequest, change: LiveChange): boolean {
  if (!req.topics.includes(change.topic)) return false;
  if (req.customerId === null || change.customerIds === null) return true;
  return change.customerIds.includes(req.customerId);
}

const HEARTBEAT_MS = 25_000;

/**
 * A server-sent event stream for one open page: `change` events ({ topic }) for the topics it
 * asked for and its role may read, `counts` events for the nav's badges, a comment every 25 s
 * so proxies keep it open. Holds no database connection of its own.
 */
export function liveStream(
  hub: LiveHub,
  feed: CountsFeed,
  role: Role,
  req: LiveRequest,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const allowed = { ...req, topics: req.topics.filter((t) => can(role, TOPIC_PERMISSION[t])) };
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const event = (name: string, data: unknown) =>
        send(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
      const stopHub = hub.subscribe((c) => {
        if (concerns(allowed, c)) event("change", { topic: c.topic });
      });
      const heartbeat = setInterval(() => send(": ping\n\n"), HEARTBEAT_MS);
      let stopCounts = () => {};
      cleanup = () => {
        if (!open) return;
        open = false;
        stopHub();
        stopCounts();
        clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      signal.addEventListener("abort", () => cleanup());
      send(": live\n\n");
      const counts = await feed.subscribe((all) => event("counts", countsFor(role, all)));
      stopCounts = counts.stop;
      if (!open) return stopCounts();
      event("counts", countsFor(role, counts.current));
    },
    cancel() {
      cleanup();
    },
  });
}
