import type { Db } from "@/lib/db";

export const RULE_KEYS = [
  "webhook_failure_rate",
  "sync_latency_p95",
  "duplicate_side_effect",
  "ticket_spike",
  "payment_to_access_p95",
  "dead_task",
  "silent_stripe",
  "silent_hubspot",
  "silent_zendesk",
  "silent_app",
  "uptime_down",
  "cert_expiry",
] as const;

export type RuleKey = (typeof RULE_KEYS)[number];

export type RuleDefaults = {
  key: RuleKey;
  name: string;
  threshold: number;
  windowMinutes: number;
  /** How the threshold reads, for the settings form and messages. */
  unit: "ratio" | "seconds" | "count" | "multiplier" | "days";
  /** Volume rules: the least number of requests in the window before the rule may fire. */
  minRequests?: number;
  /** Rules that need a founder's judgement first are created disabled. */
  enabled?: boolean;
};

/**
 * The defaults of issue 6; founders edit threshold, window and enabled per rule. Names are
 * ASCII: they become email subjects.
 */
export const DEFAULT_RULES: Record<RuleKey, RuleDefaults> = {
  webhook_failure_rate: {
    key: "webhook_failure_rate",
    name: "Webhook failure rate above 2 % over 15 minutes",
    threshold: 0.02,
    windowMinutes: 15,
    unit: "ratio",
    minRequests: 20,
  },
  sync_latency_p95: {
    key: "sync_latency_p95",
    name: "Sync latency p95 above 60 s",
    threshold: 60,
    windowMinutes: 60,
    unit: "seconds",
  },
  duplicate_side_effect: {
    key: "duplicate_side_effect",
    name: "Any duplicate side effect",
    threshold: 0,
    windowMinutes: 24 * 60,
    unit: "count",
  },
  ticket_spike: {
    key: "ticket_spike",
    name: "Ticket creation spike (3x the trailing 7-day hourly average)",
    threshold: 3,
    windowMinutes: 60,
    unit: "multiplier",
  },
  payment_to_access_p95: {
    key: "payment_to_access_p95",
    name: "Payment to access active p95 above 5 minutes",
    threshold: 300,
    windowMinutes: 60,
    unit: "seconds",
  },
  dead_task: {
    key: "dead_task",
    name: "Any dead sync task",
    threshold: 0,
    windowMinutes: 0,
    unit: "count",
  },
  // A source that normally delivers and has sent nothing for `windowMinutes`; the threshold
  // is how many events the day before the silence must exceed (0: any event). Stripe is on:
  // billing events come every day once customers pay. HubSpot, Zendesk and the app follow
  // people's working hours and weekends, so they start off; a founder turns one on with a
  // window that fits its traffic.
  silent_stripe: {
    key: "silent_stripe",
    name: "Stripe sent nothing for 6 hours after a day with events",
    threshold: 0,
    windowMinutes: 6 * 60,
    unit: "count",
  },
  silent_hubspot: {
    key: "silent_hubspot",
    name: "HubSpot sent nothing for 24 hours after a day with events",
    threshold: 0,
    windowMinutes: 24 * 60,
    unit: "count",
    enabled: false,
  },
  silent_zendesk: {
    key: "silent_zendesk",
    name: "Zendesk sent nothing for 24 hours after a day with events",
    threshold: 0,
    windowMinutes: 24 * 60,
    unit: "count",
    enabled: false,
  },
  silent_app: {
    key: "silent_app",
    name: "The product app sent nothing for 24 hours after a day with events",
    threshold: 0,
    windowMinutes: 24 * 60,
    unit: "count",
    enabled: false,
  },
  // Launch readiness (lib/launch): a watched URL down twice in a row; a certificate near expiry.
  uptime_down: {
    key: "uptime_down",
    name: "Watched URL down for 2 consecutive checks",
    threshold: 2,
    windowMinutes: 0,
    unit: "count",
  },
  cert_expiry: {
    key: "cert_expiry",
    name: "TLS certificate expires in less than 14 days",
    threshold: 14,
    windowMinutes: 0,
    unit: "days",
  },
};

/**
 * Creates the default rules that do not exist yet; never overwrites a founder's edits.
 * Idempotent: safe to run any number of times (and concurrently: skips duplicates).
 */
export async function ensureDefaultRules(db: Db): Promise<void> {
  await db.alertRule.createMany({
    data: Object.values(DEFAULT_RULES).map(
      ({ key, name, threshold, windowMinutes, minRequests, enabled }) => ({
        key,
        name,
        threshold,
        windowMinutes,
        minRequests: minRequests ?? null,
        enabled: enabled ?? true,
      }),
    ),
    skipDuplicates: true,
  });
}
