import { alertChannelsFromEnv } from "@/lib/alerts/channels";
import type { RuleKey } from "@/lib/alerts/default-rules";
import { evaluateAlerts, type EvaluationSummary } from "@/lib/alerts/evaluate-alerts";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

/**
 * Evaluates the alert rules against the app's database with the configured channels, for
 * the cron function, the in-process sweep and the alert-signal hook. Never throws.
 * Idempotent: see evaluateAlerts.
 */
export async function runAlertEvaluation(only?: RuleKey[]): Promise<EvaluationSummary | null> {
  try {
    return await evaluateAlerts(db, { channels: alertChannelsFromEnv(env), only });
  } catch (e) {
    log.warn({ err: String(e) }, "alert evaluation failed");
    return null;
  }
}
