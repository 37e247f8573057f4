import { cron } from "inngest";
import { inngest } from "@/inngest/client";
import { runAlertEvaluation } from "@/lib/alerts/run-alert-evaluation";

/** Every minute: fire, refresh and resolve alerts (a failing source alerts within minutes). */
export const evaluateAlertsFn = inngest.createFunction(
  { id: "evaluate-alerts", triggers: [cron("* * * * *")], concurrency: { limit: 1 } },
  async ({ step }) => step.run("evaluate", () => runAlertEvaluation()),
);
