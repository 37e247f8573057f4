import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, vi } from "vitest";
import { inngest } from "@/inngest/client";
import { registerInngestSender } from "@/inngest/send";
import { setEventSender } from "@/lib/jobs/dispatch";
import { resetEnvCache } from "@/lib/env";

export type SentEvent = { id: string; name: string; data: Record<string, unknown> };

/**
 * A fake Inngest event API (`POST /e/<event key>`, answering `{ ids, status }` as Inngest
 * does). Records every event it accepts; `failNext(n)` answers the next n requests with 500.
 */
export async function startFakeInngest() {
  const events: SentEvent[] = [];
  let failures = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      if (failures > 0 || !req.url?.startsWith("/e/")) {
        failures = Math.max(0, failures - 1);
        res.writeHead(500).end(JSON.stringify({ status: 500, error: "injected failure" }));
        return;
      }
      const sent = JSON.parse(Buffer.concat(chunks).toString("utf8")) as SentEvent[];
      events.push(...sent);
      res.writeHead(200).end(JSON.stringify({ ids: sent.map((e) => e.id), status: 200 }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    events,
    failNext(n = 1) {
      failures += n;
    },
    stop: () => new Promise((r) => server.close(r)),
  };
}

/**
 * Runs this test file's tests in Inngest mode against a fake Inngest event API: sets
 * INNGEST_EVENT_KEY and INNGEST_BASE_URL for the app's configuration and the Inngest client.
 */
export function withFakeInngest(): { api: () => Awaited<ReturnType<typeof startFakeInngest>> } {
  let api: Awaited<ReturnType<typeof startFakeInngest>> | undefined;
  const configure = (vars: Record<string, string>) => {
    for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
    resetEnvCache();
    inngest.setEnvVars(vars);
  };
  beforeAll(async () => {
    api = await startFakeInngest();
    configure({ INNGEST_EVENT_KEY: "test-event-key", INNGEST_BASE_URL: api.url });
    registerInngestSender(); // as instrumentation.ts does at server start
  });
  afterEach(() => {
    api!.events.length = 0;
  });
  afterAll(async () => {
    configure({ INNGEST_EVENT_KEY: "", INNGEST_BASE_URL: "" });
    setEventSender(undefined);
    vi.unstubAllEnvs();
    resetEnvCache();
    await api?.stop();
  });
  return { api: () => api! };
}
