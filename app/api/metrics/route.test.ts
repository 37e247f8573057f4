import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as stripeWebhook } from "@/app/api/webhooks/stripe/route";
import { db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { resetWebhookRejections } from "@/lib/metrics/webhook-rejections";
import { resetDatabase } from "@/test/db";
import { invoicePaid } from "@/fakes/stripe/events";
import { stripeWebhookRequest } from "@/test/webhook-requests";
import { inProcessExecutor } from "@/lib/jobs/dispatch";
import { GET } from "./route";

const TOKEN = "test-metrics-token-0123456789abcdef";

function scrape(authorization?: string) {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  return GET(new Request("http://localhost:3999/api/metrics", { headers }));
}

type Sample = { name: string; labels: Record<string, string>; value: number };

/** Parses Prometheus text format (what a Prometheus server would read). */
function parse(text: string): { samples: Sample[]; types: Record<string, string> } {
  const samples: Sample[] = [];
  const types: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types[type[1]] = type[2];
    if (!line || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not Prometheus text format: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, k, v] of (m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[k] = v;
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return { samples, types };
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}) {
  return samples.find(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  )?.value;
}

beforeEach(async () => {
  await inProcessExecutor().idle();
  await resetDatabase();
  resetWebhookRejections();
  vi.stubEnv("METRICS_TOKEN", TOKEN);
  resetEnvCache();
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

describe("GET /api/metrics", () => {
  it("answers 401 without a token and with a wrong one", async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape("Bearer wrong-token-wrong-token-0000")).status).toBe(401);
    expect((await scrape(TOKEN)).status).toBe(401);
  });

  it("answers 503 while METRICS_TOKEN is not configured", async () => {
    vi.stubEnv("METRICS_TOKEN", "");
    resetEnvCache();
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(503);
  });

  it("serves Prometheus text with webhook, sync, duplicate and backlog metrics", async () => {
    const paid = invoicePaid({ customer: "cus_m1", email: "metrics@example.com" });
    expect((await stripeWebhook(stripeWebhookRequest(paid))).status).toBe(200);
    expect((await stripeWebhook(stripeWebhookRequest(paid))).status).toBe(200);
    const bad = stripeWebhookRequest(invoicePaid({ customer: "cus_m2" }), {
      secret: "whsec_not_the_right_secret",
    });
    expect((await stripeWebhook(bad)).status).toBe(400);
    await inProcessExecutor().idle();

    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).not.toContain(TOKEN);
    const { samples, types } = parse(text);

    expect(types.launchready_webhook_rejected_total).toBe("counter");
    expect(types.launchready_webhook_failure_ratio).toBe("gauge");
    const stripe15m = { source: "stripe", window: "15m" };
    expect(
      value(samples, "launchready_webhook_rejected_total", { source: "stripe", status: "400" }),
    ).toBe(1);
    expect(value(samples, "launchready_webhook_received", stripe15m)).toBe(2);
    expect(value(samples, "launchready_webhook_failed", stripe15m)).toBe(1);
    expect(value(samples, "launchready_webhook_failure_ratio", stripe15m)).toBe(0.5);
    expect(
      value(samples, "launchready_webhook_received", { source: "hubspot", window: "24h" }),
    ).toBe(0);
    expect(value(samples, "launchready_duplicate_events_today", { source: "stripe" })).toBe(1);
    expect(value(samples, "launchready_duplicate_side_effects", { action: "all" })).toBe(0);
    // Connectors are not configured in this file: the tasks were skipped, none waits.
    expect(value(samples, "launchready_sync_tasks", { target: "crm", status: "pending" })).toBe(0);
    expect(value(samples, "launchready_sync_tasks", { target: "crm", status: "dead" })).toBe(0);
    expect(value(samples, "launchready_support_tickets_created_last_hour")).toBe(0);
    expect(await db.ledgerEvent.count()).toBe(1);
  });
});
