import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false"])
  .default("0")
  .transform((v) => v === "1" || v === "true");

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string");

/** A Standard Webhooks secret: whsec_ + base64 of at least 24 random bytes. */
const standardWebhooksSecret = z.string().refine((s) => {
  const b64 = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(s)?.[1];
  return !!b64 && b64.length % 4 === 0 && Buffer.from(b64, "base64").length >= 24;
}, "must be whsec_ followed by base64 of at least 24 bytes (Standard Webhooks: whsec_$(openssl rand -base64 32))");

const hubspotClientSecret = z.string().min(8, "must be the HubSpot app's client secret");
const zendeskSigningSecret = z.string().min(8, "must be the Zendesk webhook's signing secret");

const server = {
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: postgresUrl,
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  NEXTAUTH_URL: z.url("must be the public base URL of the dashboard, e.g. https://ops.example.com"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)"),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL"),
  EMAIL_FROM: z.string().min(3).default("Launch Ready <no-reply@launchready.local>"),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_", "must start with whsec_"),
  STRIPE_SECRET_KEY: z.string().startsWith("sk_", "must start with sk_").optional(),
  STRIPE_API_BASE: z.url().optional(),
  STRIPE_API_TIMEOUT_MS: z.coerce.number().int().positive().default(8000),
  /** Stripe API calls per second this process allows itself (default: 20 in test mode, 80 live). */
  STRIPE_API_MAX_RPS: z.coerce.number().positive().optional(),
  PAST_DUE_GRACE_DAYS: z.coerce.number().min(0).max(90).default(3),
  /**
   * Four-eyes for manual access overrides (default on): every grant or block, from the API
   * or the dashboard, becomes an approval request a second admin or founder must approve.
   * "0" lets an admin override alone (audited).
   */
  OVERRIDES_REQUIRE_APPROVAL: z
    .enum(["0", "1", "true", "false"])
    .default("1")
    .transform((v) => v === "1" || v === "true"),
  REQUIRE_IDENTITY_VERIFICATION: flag,
  /** How often the schedule re-checks billing against Stripe (in-process executor). */
  DRIFT_CHECK_INTERVAL_HOURS: z.coerce.number().positive().default(24),
  OPS_API_TOKEN: z.string().min(24, "must be at least 24 characters"),
  // Inbound webhooks: each route answers 503 until its secret is configured.
  HUBSPOT_CLIENT_SECRET: hubspotClientSecret.optional(),
  // During a secret rotation the previous secret is accepted too (remove it once the provider
  // signs with the new one): HubSpot, Zendesk and the app.
  HUBSPOT_CLIENT_SECRET_PREVIOUS: hubspotClientSecret.optional(),
  HUBSPOT_ACCESS_TOKEN: z
    .string()
    .min(8, "must be a HubSpot private-app or OAuth token")
    .optional(),
  HUBSPOT_API_BASE: z.url().default("https://api.hubapi.com"),
  HUBSPOT_API_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  ZENDESK_WEBHOOK_SECRET: zendeskSigningSecret.optional(),
  ZENDESK_WEBHOOK_SECRET_PREVIOUS: zendeskSigningSecret.optional(),
  APP_INBOUND_WEBHOOK_SECRET: standardWebhooksSecret.optional(),
  APP_INBOUND_WEBHOOK_SECRET_PREVIOUS: standardWebhooksSecret.optional(),
  INNGEST_EVENT_KEY: z.string().min(1).optional(),
  INNGEST_SIGNING_KEY: z.string().min(1).optional(),
  INNGEST_DEV: z.string().min(1).optional(),
  INNGEST_BASE_URL: z.url().optional(),
  /**
   * Which part of the work this process does: `all` (serve and process, one process: the
   * embedded default and `next start` alone), `web` (verify, record, hand off: processing runs
   * in worker processes) or `worker` (process only; started by `npm start`, tools/start).
   */
  PROCESS_ROLE: z.enum(["all", "web", "worker"]).default("all"),
  /** In a worker: its number (0 … WORKER_COUNT - 1); each takes its share of customers. */
  WORKER_INDEX: z.coerce.number().int().min(0).default(0),
  WORKER_COUNT: z.coerce.number().int().min(1).max(64).default(1),
  INNGEST_SEND_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  SYNC_CALL_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  SYNC_EMAIL_TIMEOUT_MS: z.coerce.number().int().positive().default(45_000),
  SYNC_BACKOFF_BASE_MS: z.coerce.number().int().positive().default(2_000),
  /** The longest any one retry waits (30 min). */
  SYNC_BACKOFF_CAP_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 60_000),
  /**
   * Proxies in front of the app that append to X-Forwarded-For (1 behind one reverse proxy);
   * 0 = none, X-Forwarded-For is not trusted and sign-in is rate limited per address only.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  DEMO_MODE: flag,
  ALLOW_DEMO_SIGNIN: flag,
  // --- observability and alerting (all optional) ---
  /** Bearer token for GET /api/metrics (Prometheus); the endpoint answers 503 while unset. */
  METRICS_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
  /** Slack-compatible incoming webhook: alerts are POSTed as {"text": …}. */
  ALERT_SLACK_WEBHOOK_URL: z.url().optional(),
  /** Where alert emails go (through SMTP_URL, from EMAIL_FROM); comma-separated. */
  ALERT_EMAIL_TO: z.string().min(3).optional(),
  /** Timeout of one alert delivery (Slack POST or email). */
  ALERT_DELIVERY_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // --- sync connectors ---
  // All optional: a connector without its variables reports "not connected" and its tasks are skipped.
  // (HUBSPOT_ACCESS_TOKEN and HUBSPOT_API_BASE above serve both contact reads and the CRM sync.)
  ZENDESK_SUBDOMAIN: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/i, "must be the subdomain only, e.g. acme for acme.zendesk.com")
    .optional(),
  ZENDESK_API_BASE: z.url().optional(),
  ZENDESK_EMAIL: z
    .email("must be the email of the Zendesk agent the API token belongs to")
    .optional(),
  ZENDESK_API_TOKEN: z.string().min(1).optional(),
  ZENDESK_GROUP_RULES: z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({
          code: "custom",
          message: 'must be JSON, e.g. {"payment_failed":123,"default":789}',
        });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string(), z.number().int().positive("group ids are positive integers")))
    .optional(),
  // Customer emails (welcome, dunning): SMTP_URL and EMAIL_FROM above carry them.
  PRODUCT_NAME: z.string().min(1).default("Launch Ready"),
  PRODUCT_URL: z.url().optional(),
  BILLING_PORTAL_URL: z.url().optional(),
  APP_WEBHOOK_URL: z.url().optional(),
  APP_WEBHOOK_SECRET: z
    .string()
    .regex(
      /^(whsec_)?[A-Za-z0-9+/]{32,}={0,2}$/,
      "must be a Standard Webhooks secret: whsec_ followed by base64 (openssl rand -base64 32)",
    )
    .optional(),
  // --- launch-readiness network checks (all optional; defaults = the real internet) ---
  /** DNS servers the checks ask, "host:port" comma-separated (default: the system resolver). */
  LAUNCH_DNS_SERVERS: z
    .string()
    .regex(
      /^\s*(\[[0-9a-f:]+\]|[a-z0-9.-]+)(:\d{1,5})?(\s*,\s*(\[[0-9a-f:]+\]|[a-z0-9.-]+)(:\d{1,5})?)*\s*$/i,
      'must be "host:port" entries separated by commas, e.g. 127.0.0.1:5353',
    )
    .optional(),
  /** Port the checks use for http:// and https:// on every entered domain (tests and demo: fixtures). */
  LAUNCH_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(80),
  LAUNCH_HTTPS_PORT: z.coerce.number().int().min(1).max(65535).default(443),
  /** Let the checks connect to private/loopback addresses (self-hosting on a LAN, tests, demo). */
  LAUNCH_ALLOW_PRIVATE: flag,
  /** PEM file of an extra CA the TLS checks trust besides the system's (a private CA, test CA). */
  LAUNCH_EXTRA_CA_FILE: z.string().min(1).optional(),
  /** Timeout of one DNS query, TLS handshake or HTTP request of the launch checks. */
  LAUNCH_CHECK_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
};

export type Env = ReturnType<typeof loadEnv>;

const ROTATED_SECRETS = [
  "HUBSPOT_CLIENT_SECRET",
  "ZENDESK_WEBHOOK_SECRET",
  "APP_INBOUND_WEBHOOK_SECRET",
] as const;

/** Problems no single variable shows: "NAME: what is wrong", without values. */
function combinationProblems(env: ReturnType<typeof parseEnv>): string[] {
  const problems: string[] = [];
  // Without the signing key Inngest Cloud cannot call /api/inngest: webhooks would be
  // recorded and answered 200 while no job ever runs.
  if (
    env.NODE_ENV === "production" &&
    env.INNGEST_EVENT_KEY &&
    !env.INNGEST_SIGNING_KEY &&
    !env.INNGEST_DEV
  ) {
    problems.push(
      "INNGEST_SIGNING_KEY: required in production when INNGEST_EVENT_KEY is set (Inngest cannot call /api/inngest without it, so no job would run)",
    );
  }
  if (env.WORKER_INDEX >= env.WORKER_COUNT) {
    problems.push("WORKER_INDEX: must be below WORKER_COUNT (workers are numbered from 0)");
  }
  for (const name of ROTATED_SECRETS) {
    if (env[`${name}_PREVIOUS`] && !env[name]) {
      problems.push(
        `${name}_PREVIOUS: set only together with ${name} (during a rotation both are accepted)`,
      );
    }
  }
  return problems;
}

/** Parses and validates configuration; throws one error naming every missing or malformed variable. */
export function loadEnv(source: Record<string, string | undefined>) {
  const env = parseEnv(source);
  if (source.NEXT_PHASE !== "phase-production-build") {
    const problems = combinationProblems(env);
    if (problems.length) throw configurationError(problems);
  }
  return env;
}

function configurationError(lines: string[]): Error {
  return new Error(
    `Invalid environment configuration (see .env.example):\n${lines.map((l) => `  ${l}`).join("\n")}`,
  );
}

function parseEnv(source: Record<string, string | undefined>) {
  return createEnv({
    server,
    runtimeEnv: source,
    isServer: true,
    // `next build` imports modules without runtime secrets; the server validates at start.
    skipValidation: source.NEXT_PHASE === "phase-production-build",
    emptyStringAsUndefined: true,
    onValidationError: (issues) => {
      throw configurationError(
        issues.map((i) => {
          const name = i.path?.map((p) => (typeof p === "object" ? p.key : p)).join(".") ?? "?";
          return `${name}: ${i.message}`;
        }),
      );
    },
  });
}

let cached: Env | undefined;

/** Validated configuration, read once on first use (instrumentation.ts reads it at start-up). */
export const env: Env = new Proxy({} as Env, {
  get: (_target, key) => {
    cached ??= loadEnv(process.env);
    return cached[key as keyof Env];
  },
});

/** Test hook: forget the cached configuration after changing process.env. */
export function resetEnvCache() {
  cached = undefined;
}
