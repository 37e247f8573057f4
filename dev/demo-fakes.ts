import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startAppReceiver } from "@/fakes/app-receiver";
import { startFakeHubSpot } from "@/fakes/hubspot";
import { startLaunchFixtures } from "@/fakes/launch/fixtures";
import { startFakeZendesk } from "@/fakes/zendesk";

/** Fixed local ports so a newcomer can open the fakes' state in a browser. */
export const DEMO_FAKE_PORTS = { hubspot: 4010, zendesk: 4020, app: 4030 };

// Demo-only credentials: the fakes accept nothing else, and they never leave this machine.
const HUBSPOT_TOKEN = "demo-hubspot-token-local-only";
const ZENDESK_EMAIL = "agent@launchready.local";
const ZENDESK_TOKEN = "demo-zendesk-token-local-only";
const APP_SECRET = `whsec_${Buffer.from("launch-ready-demo-app-webhook-secret-local-only").toString("base64")}`;

export type DemoFakesEnv = {
  HUBSPOT_API_BASE: string;
  HUBSPOT_ACCESS_TOKEN: string;
  ZENDESK_API_BASE: string;
  ZENDESK_EMAIL: string;
  ZENDESK_API_TOKEN: string;
  APP_WEBHOOK_URL: string;
  APP_WEBHOOK_SECRET: string;
};

/**
 * Starts the HubSpot and Zendesk fakes and the product app's webhook receiver for the
 * embedded demo, and returns the env values that point the app at them. Each fake shows
 * what it received at GET <url>/__fake/state (contacts, tickets, webhooks). Pass `ports`
 * to move them (0 = any free port).
 */
export async function startDemoFakes(
  opts: {
    ports?: Partial<typeof DEMO_FAKE_PORTS>;
    /** One line per contact, ticket or webhook the fakes receive, e.g. console.log. */
    onEvent?: (line: string) => void;
    /** The dashboard's public URL: the fake Zendesk then lists a webhook pointing at it. */
    dashboardUrl?: string;
  } = {},
) {
  const ports = { ...DEMO_FAKE_PORTS, ...opts.ports };
  const started: { stop: () => Promise<void> }[] = [];
  try {
    const hubspot = await startFakeHubSpot({
      port: ports.hubspot,
      accessToken: HUBSPOT_TOKEN,
      onEvent: opts.onEvent,
    });
    started.push(hubspot);
    const zendesk = await startFakeZendesk({
      port: ports.zendesk,
      email: ZENDESK_EMAIL,
      apiToken: ZENDESK_TOKEN,
      onEvent: opts.onEvent,
    });
    started.push(zendesk);
    if (opts.dashboardUrl)
      zendesk.putWebhook({
        id: "01HDEMOWEBHOOK",
        name: "Launch Ready",
        endpoint: new URL("/api/webhooks/zendesk", opts.dashboardUrl).toString(),
        subscriptions: ["conditional_ticket_events"],
      });
    const app = await startAppReceiver({
      port: ports.app,
      secret: APP_SECRET,
      onEvent: opts.onEvent,
    });
    started.push(app);

    const env: DemoFakesEnv = {
      HUBSPOT_API_BASE: hubspot.url,
      HUBSPOT_ACCESS_TOKEN: HUBSPOT_TOKEN,
      ZENDESK_API_BASE: zendesk.url,
      ZENDESK_EMAIL,
      ZENDESK_API_TOKEN: ZENDESK_TOKEN,
      APP_WEBHOOK_URL: app.webhookUrl,
      APP_WEBHOOK_SECRET: APP_SECRET,
    };
    return {
      env,
      hubspot,
      zendesk,
      app,
      /** Where to look at what each fake received. */
      stateUrls: {
        hubspot: `${hubspot.url}/__fake/state`,
        zendesk: `${zendesk.url}/__fake/state`,
        app: `${app.url}/__fake/state`,
      },
      async stop() {
        await Promise.all(started.map((s) => s.stop()));
      },
    };
  } catch (err) {
    await Promise.all(started.map((s) => s.stop()));
    throw err;
  }
}

export type DemoLaunchEnv = {
  LAUNCH_DNS_SERVERS: string;
  LAUNCH_HTTP_PORT: string;
  LAUNCH_HTTPS_PORT: string;
  LAUNCH_ALLOW_PRIVATE: string;
  LAUNCH_EXTRA_CA_FILE: string;
  /** The fixtures' realistic settings (JSON of NetworkCheckInput) for dev/seed-launch.ts. */
  LAUNCH_DEMO_INPUT: string;
};

/**
 * Starts the launch-readiness fixtures (a DNS server with good, broken and borderline
 * zones, HTTP and HTTPS servers with a test CA; fakes/launch/fixtures.ts) for the demo and
 * the end-to-end stack, and returns the env values that point the network checks at them.
 * The CA certificate is written to a temporary file (LAUNCH_EXTRA_CA_FILE takes a path).
 */
export async function startLaunchDemoFixtures() {
  const fx = await startLaunchFixtures();
  const dir = mkdtempSync(path.join(tmpdir(), "launch-ready-ca-"));
  const caFile = path.join(dir, "fixture-ca.pem");
  writeFileSync(caFile, fx.caPem);
  const env: DemoLaunchEnv = {
    LAUNCH_DNS_SERVERS: fx.dnsServer,
    LAUNCH_HTTP_PORT: String(fx.httpPort),
    LAUNCH_HTTPS_PORT: String(fx.httpsPort),
    LAUNCH_ALLOW_PRIVATE: "1",
    LAUNCH_EXTRA_CA_FILE: caFile,
    LAUNCH_DEMO_INPUT: JSON.stringify(fx.input),
  };
  return {
    env,
    input: fx.input,
    async stop() {
      await fx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
