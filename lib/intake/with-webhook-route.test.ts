import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { WebhookRejected } from "@/lib/integrations/webhook/http-error";
import { firstIssue, parseJsonBody } from "@/lib/integrations/webhook/read-body";
import { withWebhookRoute } from "@/lib/intake/with-webhook-route";

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

const delivery = (headers: Record<string, string> = {}, body = "{}") =>
  new Request("http://localhost/api/webhooks/app", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });

describe("withWebhookRoute", () => {
  it("answers 503 for an unconfigured source before reading or verifying anything", async () => {
    vi.stubEnv("APP_INBOUND_WEBHOOK_SECRET", "");
    resetEnvCache();
    const verify = vi.fn(() => []);
    const res = await withWebhookRoute("app", verify)(delivery({ "content-type": "text/plain" }));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: "App webhooks are not configured" });
    expect(verify).not.toHaveBeenCalled();
  });

  it("refuses a non-JSON content type with 415 before verifying", async () => {
    const verify = vi.fn(() => []);
    const res = await withWebhookRoute("stripe", verify)(delivery({ "content-type": "text/xml" }));
    expect(res.status).toBe(415);
    expect(verify).not.toHaveBeenCalled();
  });

  it("answers a rejection with its status, its message and the caller's correlation id", async () => {
    const verify = vi.fn((_raw: string): never => {
      throw new WebhookRejected("no thanks", 401);
    });
    const res = await withWebhookRoute(
      "zendesk",
      verify,
    )(delivery({ "x-correlation-id": "corr-12345678" }, '{"a":1}'));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "no thanks", correlationId: "corr-12345678" });
    expect(verify.mock.calls[0][0]).toBe('{"a":1}');
  });

  it("lets an unexpected error through (a 500, never a silent 4xx)", async () => {
    const route = withWebhookRoute("stripe", () => {
      throw new Error("bug");
    });
    await expect(route(delivery())).rejects.toThrow("bug");
  });
});

describe("parseJsonBody", () => {
  it("parses JSON and rejects anything else with 400", () => {
    expect(parseJsonBody('{"a":[1]}')).toEqual({ a: [1] });
    expect(() => parseJsonBody("{nope")).toThrow(WebhookRejected);
    expect(() => parseJsonBody("{nope")).toThrow("Body is not valid JSON");
  });

  it("names the first schema issue by its path", () => {
    expect(firstIssue([{ path: ["data", "email"], message: "bad" }])).toBe("data.email bad");
    expect(firstIssue([])).toBe("invalid");
  });
});
