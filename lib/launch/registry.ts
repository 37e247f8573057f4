import type Stripe from "stripe";
import type { Db } from "@/lib/db";
import { log } from "@/lib/log";
import { secretsChecks } from "@/lib/launch/checks/secrets";
import { uptimeChecks } from "@/lib/launch/checks/uptime";
import {
  stripeEndpointCheck,
  webhookFailuresCheck,
  zendeskWebhookCheck,
  type ZendeskApi,
} from "@/lib/launch/checks/webhooks";
import { secretRotations } from "@/lib/launch/rotation";
import { launchSettings, type LaunchSettingsView } from "@/lib/launch/settings";
import { storeCheckResults } from "@/lib/launch/store-results";
import type { CheckArea, CheckResult } from "@/lib/launch/types";

/** What the checks may read besides the database: configuration, clients, the environment. */
export type LaunchConfig = {
  /** This dashboard's public base URL (NEXTAUTH_URL): webhooks must point here. */
  publicBaseUrl: string;
  nodeEnv: string;
  /** The process environment, for the secrets checks (names and shapes only). */
  source: Record<string, string | undefined>;
  stripe: Stripe | null;
  zendesk: ZendeskApi;
  /** The network checks (domains, TLS, email authentication, edge), when available. */
  network?: (settings: LaunchSettingsView) => Promise<CheckResult[]>;
};

export type CheckContext = {
  db: Db;
  now: Date;
  settings: LaunchSettingsView;
  config: LaunchConfig;
};

/** A set of checks run together; re-running one check re-runs its group. */
export type CheckGroup = {
  id: string;
  area: CheckArea;
  run(ctx: CheckContext): Promise<CheckResult[]>;
};

/** Every launch check, in the order the page lists their areas. */
export const CHECK_GROUPS: CheckGroup[] = [
  {
    id: "network",
    area: "domains",
    run: ({ settings, config }) =>
      config.network ? config.network(settings) : Promise.resolve([]),
  },
  {
    id: "webhooks",
    area: "webhooks",
    run: async ({ db, now, config }) => [
      await stripeEndpointCheck(config.stripe, config.publicBaseUrl),
      await zendeskWebhookCheck(config.zendesk, config.publicBaseUrl),
      await webhookFailuresCheck(db, now),
    ],
  },
  {
    id: "secrets",
    area: "secrets",
    run: async ({ db, now, config }) =>
      secretsChecks({
        source: config.source,
        nodeEnv: config.nodeEnv,
        rotations: await secretRotations(db),
        now,
      }),
  },
  { id: "uptime", area: "uptime", run: ({ db, now }) => uptimeChecks(db, now) },
];

export type RunSummary = { groups: string[]; checks: number; failing: number };

/**
 * Runs the given groups (default: all) and stores their results with history. A group
 * that throws leaves its previous results in place and records one failing check saying
 * it could not run. Idempotent: each run adds one history row per check.
 */
export async function runLaunchChecks(
  db: Db,
  config: LaunchConfig,
  opts: { groups?: string[]; now?: Date } = {},
): Promise<RunSummary> {
  const now = opts.now ?? new Date();
  const settings = await launchSettings(db);
  const groups = CHECK_GROUPS.filter((g) => !opts.groups || opts.groups.includes(g.id));
  const summary: RunSummary = { groups: groups.map((g) => g.id), checks: 0, failing: 0 };
  for (const g of groups) {
    let results: CheckResult[];
    try {
      results = await g.run({ db, now, settings, config });
      await storeCheckResults(db, g.id, results, now);
    } catch (e) {
      log.error({ group: g.id, err: String(e) }, "launch check group failed");
      results = [
        {
          key: `launch.group:${g.id}`,
          area: g.area,
          title: `The ${g.id} checks could not run`,
          state: "fail",
          observed: e instanceof Error ? e.message : String(e),
          why: "Until they run, their last results may be out of date.",
          fix: "Re-run them; if it fails again, the server log has the details.",
        },
      ];
      await storeCheckResults(db, `${g.id}:error`, results, now);
    }
    summary.checks += results.length;
    summary.failing += results.filter((r) => r.state === "fail").length;
  }
  if (groups.length) {
    // A group that ran again clears its "could not run" check.
    const ran = groups.map((g) => `launch.group:${g.id}`);
    await db.launchCheck.deleteMany({
      where: { key: { in: ran }, checkedAt: { lt: now } },
    });
  }
  return summary;
}

/** The group that produces a stored check, for "re-run this check". */
export async function groupOfCheck(db: Db, key: string): Promise<string | null> {
  const row = await db.launchCheck.findUnique({ where: { key }, select: { group: true } });
  if (!row) return null;
  return row.group.replace(/:error$/, "");
}

/**
 * The scheduled run: once the founder has saved launch settings, runs every check at
 * most once per `intervalMinutes` (an atomic claim on the settings row keeps concurrent
 * sweeps and the Inngest cron to one run). Idempotent: a run inside the interval does nothing.
 */
export async function runScheduledLaunchChecks(
  db: Db,
  config: () => LaunchConfig,
  intervalMinutes: number,
  now = new Date(),
): Promise<RunSummary | { skipped: string }> {
  const due = new Date(now.getTime() - intervalMinutes * 60_000);
  const claimed = await db.launchSettings.updateMany({
    where: { id: "default", OR: [{ lastRunAt: null }, { lastRunAt: { lte: due } }] },
    data: { lastRunAt: now },
  });
  if (!claimed.count) return { skipped: "not configured or ran recently" };
  return runLaunchChecks(db, config(), { now });
}
