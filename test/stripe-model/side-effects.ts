import { startDemoFakes } from "@/dev/demo-fakes";
import { startMailCapture } from "@/fakes/mail-capture";
import { db } from "@/lib/db";
import { createConnectors, type ConnectorEnv } from "@/lib/integrations/connectors";
import { messageIdFor } from "@/lib/integrations/email/connector";
import { runSyncTask, type SyncDeps } from "@/lib/outbox/run-sync-task";

/**
 * Every system the side effects reach, as real local servers (HubSpot and Zendesk fakes,
 * the product app's webhook receiver, an SMTP capture), and the outbox runner that drives
 * the engine's sync tasks to completion through the real connectors. Side effects are then
 * counted where they land — mails by Message-ID, app webhooks by webhook-id, tickets by
 * external id — not inferred from our own tables. Built from explicit configuration (no
 * env changes), so it also runs outside Vitest (the bench).
 */
export const MODEL_EMAIL_FROM = "Launch Ready <hello@launchready.local>";

export async function startSideEffects() {
  const fakes = await startDemoFakes({ ports: { hubspot: 0, zendesk: 0, app: 0 } });
  const mail = await startMailCapture({ smtpPort: 0 });
  const config: ConnectorEnv = {
    ...fakes.env,
    ZENDESK_SUBDOMAIN: undefined,
    ZENDESK_GROUP_RULES: undefined,
    SMTP_URL: mail.smtpUrl,
    EMAIL_FROM: MODEL_EMAIL_FROM,
    PRODUCT_NAME: "Launch Ready",
    PRODUCT_URL: "https://app.launchready.local",
    BILLING_PORTAL_URL: "https://billing.launchready.local",
  };
  const deps: SyncDeps = {
    connectors: createConnectors(config),
    publicUrl: "http://localhost:3999",
    timeoutMs: 2000,
    emailTimeoutMs: 10_000,
    backoffBaseMs: 20,
  };

  /** Runs the due outbox tasks once, or (`settle`) until none is pending, failed or running. */
  async function runOutbox(settle: boolean): Promise<void> {
    for (let round = 0; round < 200; round++) {
      const due = await db.syncTask.findMany({
        where: { status: { in: ["pending", "failed"] }, nextAttemptAt: { lte: new Date() } },
        select: { id: true },
        orderBy: { createdAt: "asc" },
      });
      for (const t of due) await runSyncTask(db, t.id, deps);
      if (!settle) return;
      const left = await db.syncTask.count({
        where: { status: { in: ["pending", "failed", "running"] } },
      });
      if (left === 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  return {
    fakes,
    mail,
    runOutbox,
    /** Welcome mails captured for a customer record (its task's deterministic Message-ID). */
    welcomeMails: (customerId: string) => {
      const id = messageIdFor(`welcome-email:${customerId}`, MODEL_EMAIL_FROM);
      return mail.mails.filter((m) => m.messageId === id);
    },
    /** App webhooks delivered for a customer record (every delivery, duplicates included). */
    appWebhooks: (customerId: string) =>
      fakes.app
        .received()
        .filter(
          (r) => (r.payload as { data?: { customerId?: string } }).data?.customerId === customerId,
        ),
    clear() {
      mail.mails.length = 0;
      fakes.hubspot.clear();
      fakes.zendesk.clear();
      fakes.app.clear();
    },
    async stop() {
      await fakes.stop();
      await mail.stop();
    },
  };
}

export type SideEffects = Awaited<ReturnType<typeof startSideEffects>>;
