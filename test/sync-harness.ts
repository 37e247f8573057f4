import { vi } from "vitest";
import { startDemoFakes } from "@/dev/demo-fakes";
import { startMailCapture } from "@/fakes/mail-capture";
import { resetEnvCache } from "@/lib/env";
import { inProcessExecutor } from "@/lib/jobs/dispatch";
import { resetSyncDeps } from "@/lib/workflows/handlers";

/**
 * Every system the sync engine talks to, as real local servers: the HubSpot and Zendesk
 * fakes, the product app's webhook receiver and an SMTP capture server. Points the app's
 * configuration at them (fast backoff, short timeouts) for the duration of a test file.
 */
export async function startSyncHarness(
  opts: { backoffBaseMs?: number; callTimeoutMs?: number } = {},
) {
  const fakes = await startDemoFakes({ ports: { hubspot: 0, zendesk: 0, app: 0 } });
  const mail = await startMailCapture({ smtpPort: 0 });
  const env: Record<string, string> = {
    ...fakes.env,
    SMTP_URL: mail.smtpUrl,
    SYNC_BACKOFF_BASE_MS: String(opts.backoffBaseMs ?? 20),
    // The whole retry schedule scaled down alike: production waits 2 s first and at most
    // 30 min (900 first delays); an uncapped test schedule would reach 30 min itself after
    // ~17 failed attempts, which a 1,000-journey soak with 30 % faults does hit.
    SYNC_BACKOFF_CAP_MS: String((opts.backoffBaseMs ?? 20) * 900),
    SYNC_CALL_TIMEOUT_MS: String(opts.callTimeoutMs ?? 300),
  };
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  resetEnvCache();
  resetSyncDeps();

  return {
    ...fakes,
    mail,
    /** Waits until every queued workflow, retry included, has finished. */
    settle: () => inProcessExecutor().idle(),
    mailsTo: (email: string, subject: RegExp) =>
      mail.mails.filter((m) => m.to.includes(email) && subject.test(m.subject)),
    async stop() {
      await fakes.stop();
      await mail.stop();
      vi.unstubAllEnvs();
      resetEnvCache();
      resetSyncDeps();
    },
  };
}

export type SyncHarness = Awaited<ReturnType<typeof startSyncHarness>>;
