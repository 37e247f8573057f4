// The README's run command (`npm run dev`): embedded Postgres when DATABASE_URL is unset,
// migrations, demo data, a local mail catcher when SMTP_URL is unset, then the dashboard.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { demoDefaults } from "@/dev/demo-defaults";
import { startDemoFakes, startLaunchDemoFixtures } from "@/dev/demo-fakes";
import { startEmbeddedPostgres } from "@/dev/embedded-postgres";
import { startMailCapture } from "@/fakes/mail-capture";

const root = process.cwd();
if (existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));

const port = Number(process.env.PORT ?? 3000);
const require = createRequire(import.meta.url);
const stops: (() => Promise<void>)[] = [];

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", env });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}`)),
    );
  });
}

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  for (const [k, v] of Object.entries(demoDefaults(port))) env[k] ??= v;

  if (!env.DATABASE_URL) {
    const pg = await startEmbeddedPostgres({
      dataDir: env.EMBEDDED_DATA_DIR ?? path.join(root, ".data/pglite"),
      port: Number(env.EMBEDDED_PG_PORT ?? 54329),
    });
    stops.push(pg.stop);
    env.DATABASE_URL = pg.url;
    // One connection: pglite-socket mixes up prepared statements of concurrent connections.
    env.DATABASE_POOL_SIZE ??= "1";
    console.log(
      `embedded Postgres (PGlite) on ${pg.url.replace(/\/\/.*@/, "//")}, data in .data/pglite`,
    );
  }
  if (!env.SMTP_URL) {
    const mail = await startMailCapture({
      smtpPort: Number(env.DEMO_SMTP_PORT ?? 1025),
      onMail: (m) => {
        const link = /(https?:\/\/\S+\/api\/auth\/callback\/email\S+)/.exec(m.text)?.[1];
        console.log(
          `\n[demo mail] to ${m.to.join(", ")}: ${m.subject}${link ? `\n  sign-in link: ${link}` : ""}\n`,
        );
      },
    });
    stops.push(mail.stop);
    env.SMTP_URL = mail.smtpUrl;
  }

  // Local stand-ins for HubSpot, Zendesk and the product app, unless real ones are configured,
  // so a newcomer sees contacts, tickets and app webhooks appear.
  if (
    !env.HUBSPOT_API_BASE &&
    !env.ZENDESK_API_BASE &&
    !env.ZENDESK_SUBDOMAIN &&
    !env.APP_WEBHOOK_URL
  ) {
    const fakes = await startDemoFakes({
      ports: env.DEMO_FAKE_PORTS_RANDOM ? { hubspot: 0, zendesk: 0, app: 0 } : undefined,
      onEvent: (line) => console.log(`[demo fake] ${line}`),
      dashboardUrl: env.NEXTAUTH_URL,
    });
    stops.push(fakes.stop);
    Object.assign(env, fakes.env);
    console.log(`demo fakes: ${Object.values(fakes.stateUrls).join("  ")}`);
  }

  // Launch readiness: local DNS, HTTP and HTTPS fixtures (good, broken and borderline
  // domains) stand in for the internet, so the /launch checklist shows real results.
  if (!env.LAUNCH_DNS_SERVERS) {
    const launch = await startLaunchDemoFixtures();
    stops.push(launch.stop);
    Object.assign(env, launch.env);
    // Send demo mail from the fixtures' borderline domain, so the email checks have records to read.
    if (env.EMAIL_FROM === demoDefaults(port).EMAIL_FROM && launch.input.emailFrom)
      env.EMAIL_FROM = launch.input.emailFrom;
    console.log(`launch fixtures: DNS ${launch.env.LAUNCH_DNS_SERVERS}`);
  }

  await run(process.execPath, ["prisma/cli.mjs", "migrate", "deploy"], env);
  await run(process.execPath, ["--import", "tsx", "prisma/seed.ts"], { ...env, LOG_LEVEL: "warn" });
  if (env.LAUNCH_DEMO_INPUT)
    await run(process.execPath, ["--import", "tsx", "dev/seed-launch.ts"], {
      ...env,
      LOG_LEVEL: "warn",
    });

  const next = spawn(
    process.execPath,
    [require.resolve("next/dist/bin/next"), "dev", "-p", String(port)],
    { stdio: "inherit", env },
  );
  const shutdown = async () => {
    next.kill("SIGTERM");
    for (const stop of stops.reverse()) await stop().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  next.on("exit", async (code) => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    process.exit(code ?? 0);
  });
}

main().catch(async (e) => {
  console.error(e instanceof Error ? e.message : e);
  for (const stop of stops.reverse()) await stop().catch(() => {});
  process.exit(1);
});
