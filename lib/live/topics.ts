import type { Permission } from "@/lib/auth/permissions";

/**
 * What the live channel talks about. Database triggers (migration `live_notify`) send
 * `topic:rowId:customerId` on channel `lr_live` for every row change of the tables behind a
 * topic; nothing else (no names, emails or amounts) ever travels.
 */
export const LIVE_TOPICS = ["customer", "exception", "approval", "ledger", "sync"] as const;
export type LiveTopic = (typeof LIVE_TOPICS)[number];

/** The Postgres channel the triggers notify on. */
export const LIVE_CHANNEL = "lr_live";

/** Who may hear about a topic: the permission of the pages that show it. */
export const TOPIC_PERMISSION: Record<LiveTopic, Permission> = {
  customer: "customer.read",
  exception: "exception.read",
  approval: "approval.read",
  ledger: "ledger.read",
  sync: "customer.read",
};

export type LiveNotice = { topic: LiveTopic; id: string; customerId: string | null };

export function isLiveTopic(s: string): s is LiveTopic {
  return (LIVE_TOPICS as readonly string[]).includes(s);
}

/** A trigger's payload as a notice; anything else (a hand-typed NOTIFY) is ignored. */
export function parseLiveNotice(payload: string | undefined): LiveNotice | null {
  const [topic, id, customerId, ...rest] = (payload ?? "").split(":");
  if (rest.length || !topic || !id || !isLiveTopic(topic)) return null;
  return { topic, id, customerId: customerId || null };
}
