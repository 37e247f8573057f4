// Demo launch-readiness data (`npm run dev`, after prisma/seed.ts): settings pointing at the
// local fixtures (dev/demo-fakes.ts), two watched URLs with a week of probe history, a few
// secret rotation dates, and one run of every check. Does nothing once settings exist.
import type { NetworkCheckInput } from "@/lib/launch/checks/network";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { launchConfig } from "@/lib/launch/config";
import { runLaunchChecks } from "@/lib/launch/registry";
import { recordSecretRotation } from "@/lib/launch/rotation";
import { updateLaunchSettings } from "@/lib/launch/settings";

const ACTOR = "demo-seed@launchready.local";
const DAY = 86_400_000;

async function main() {
  if (await db.launchSettings.count()) return;
  const input = JSON.parse(process.env.LAUNCH_DEMO_INPUT ?? "{}") as NetworkCheckInput;
  await updateLaunchSettings(
    db,
    {
      productionDomain: input.domains.production ?? null,
      apiDomain: input.domains.api ?? null,
      dashboardDomain: input.domains.dashboard ?? null,
      productionUrl: input.productionUrl ?? null,
      dkimSelectors: input.dkimSelectors,
    },
    ACTOR,
  );
  const now = new Date();
  const day = (daysAgo: number) =>
    new Date(now.getTime() - daysAgo * DAY).toISOString().slice(0, 10);
  for (const [name, daysAgo, owner] of [
    ["NEXTAUTH_SECRET", 20, "Founder"],
    ["OPS_API_TOKEN", 45, "Founder"],
    ["STRIPE_WEBHOOK_SECRET", 120, "Billing (Sam)"],
  ] as const)
    await recordSecretRotation(db, { name, rotatedAt: day(daysAgo), owner }, ACTOR, now);

  // Two watched URLs on this dashboard, with a week of demo history (one 40-minute outage).
  const base = env.NEXTAUTH_URL;
  const health = await db.uptimeTarget.create({
    data: { url: new URL("/api/health", base).toString(), createdBy: ACTOR },
  });
  await db.uptimeTarget.create({
    data: { url: new URL("/signin", base).toString(), keyword: "Sign in", createdBy: ACTOR },
  });
  const probes = [];
  for (let m = 7 * 24 * 60; m > 0; m -= 10) {
    const at = new Date(now.getTime() - m * 60_000);
    const outage = m > 2 * 24 * 60 && m <= 2 * 24 * 60 + 40;
    const hour = at.getUTCHours();
    probes.push({
      targetId: health.id,
      at,
      up: !outage,
      status: outage ? 502 : 200,
      latencyMs: outage ? null : Math.round(60 + 25 * Math.sin(hour / 4) + (m % 70)),
      error: outage ? "HTTP 502" : null,
    });
  }
  await db.uptimeProbe.createMany({ data: probes });

  // Two runs a quarter of an hour apart, so each check has a history from the start.
  const config = launchConfig();
  await runLaunchChecks(db, config, { now: new Date(now.getTime() - 15 * 60_000) });
  const summary = await runLaunchChecks(db, config, { now });
  console.log(`launch demo: ${summary.checks} checks, ${summary.failing} failing (see /launch)`);
}

main()
  .then(() => db.$disconnect())
  .catch(async (e) => {
    console.error(e);
    await db.$disconnect();
    process.exit(1);
  });
