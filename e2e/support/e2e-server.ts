// Starts the end-to-end stack: a fresh local Postgres database with migrations and demo
// data, a capturing SMTP server (HTTP API on E2E_MAIL_HTTP_PORT), and `next start` — the
// production build, so demo sign-in is off and users sign in by magic link. The Stripe SDK
// talks to a fake Stripe API (E2E_STRIPE_API_PORT) that tests drive and inspect over HTTP.
import { execFileSync, spawn } from "node:child_process";
import { createRequire } from "node:module";
import pg from "pg";
import { startMailCapture } from "@/fakes/mail-capture";
import { FakeStripeApi } from "@/fakes/stripe/api";
import { startLaunchDemoFixtures } from "@/dev/demo-fakes";
import { recreateDatabase } from "@/dev/local-database";
import { E2E, baseURL, stripeApiURL } from "./config";

const require = createRequire(import.meta.url);

async function main() {
  await recreateDatabase(E2E.databaseUrl);
  const stripe = await FakeStripeApi.start(E2E.stripeApiPort);
  // Launch readiness: the network checks ask local DNS/HTTP/HTTPS fixtures, never the internet.
  const launch = await startLaunchDemoFixtures();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: E2E.databaseUrl,
    NEXTAUTH_URL: baseURL,
    NEXTAUTH_SECRET: E2E.nextAuthSecret,
    SMTP_URL: `smtp://127.0.0.1:${E2E.smtpPort}`,
    STRIPE_WEBHOOK_SECRET: E2E.stripeWebhookSecret,
    OPS_API_TOKEN: E2E.opsApiToken,
    STRIPE_SECRET_KEY: "sk_test_e2e_fake",
    STRIPE_API_BASE: stripeApiURL,
    // E2E_DEMO=1 (npm run screenshots): the server as a public demo runs, with the overview's
    // demo note and one-click demo sign-in, so screenshots show what a newcomer sees.
    DEMO_MODE: process.env.E2E_DEMO === "1" ? "1" : "0",
    ALLOW_DEMO_SIGNIN: process.env.E2E_DEMO === "1" ? "1" : "0",
    INNGEST_EVENT_KEY: "",
    INNGEST_DEV: "",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    ...launch.env,
    EMAIL_FROM: launch.input.emailFrom,
  };
  execFileSync(process.execPath, ["prisma/cli.mjs", "migrate", "deploy"], {
    env,
    stdio: "inherit",
  });
  // Seeded without Stripe: the demo data has no Stripe behind it, and this process (which
  // serves the fake) is blocked while the seed runs, so it could not answer anyway.
  // Its emails wait for the server too (no SMTP capture runs yet), even as a demo.
  const seedEnv: NodeJS.ProcessEnv = { ...env, DEMO_MODE: "0" };
  delete seedEnv.STRIPE_SECRET_KEY;
  delete seedEnv.STRIPE_API_BASE;
  execFileSync(process.execPath, ["--import", "tsx", "prisma/seed.ts"], {
    env: seedEnv,
    stdio: "inherit",
  });
  // As a demo, also the launch page's data (settings, rotations, uptime history, one run of
  // every check), as `npm run dev` has it. Not blocking: its checks ask this process's fixtures.
  if (process.env.E2E_DEMO === "1") {
    const seed = spawn(process.execPath, ["--import", "tsx", "dev/seed-launch.ts"], {
      env,
      stdio: "inherit",
    });
    const code = await new Promise<number | null>((done) => seed.on("exit", done));
    if (code !== 0) throw new Error(`dev/seed-launch.ts exited ${code}`);
  }
  // The fake Stripe holds only what tests put there, so a drift check against it would
  // "repair" the demo data; record one as just run so the scheduled check stays idle.
  const client = new pg.Client({ connectionString: E2E.databaseUrl });
  await client.connect();
  await client.query(
    `INSERT INTO "StripeSyncJob" ("id", "kind", "status", "updatedAt", "finishedAt")
     VALUES ('e2e-drift', 'drift', 'done', now(), now())`,
  );
  await client.end();
  const mail = await startMailCapture({ smtpPort: E2E.smtpPort, httpPort: E2E.mailHttpPort });
  const next = spawn(
    process.execPath,
    [require.resolve("next/dist/bin/next"), "start", "-p", String(E2E.port)],
    {
      env,
      stdio: "inherit",
    },
  );
  const stop = async () => {
    next.kill("SIGTERM");
    await mail.stop();
    await stripe.stop();
    await launch.stop();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  next.on("exit", async (code) => {
    await mail.stop();
    process.exit(code ?? 1);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
