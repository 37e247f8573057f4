import { expect, test } from "@playwright/test";
import { E2E } from "./support/config";

// Values the e2e server runs with that must never reach a browser or a response.
const secrets = [E2E.stripeWebhookSecret, E2E.opsApiToken, E2E.nextAuthSecret];

test.describe("security", () => {
  test.use({ storageState: "e2e/.auth/founder.json" });

  test("pages and API answers never contain a server secret, and carry the security headers", async ({
    request,
  }) => {
    for (const path of [
      "/",
      "/customers",
      "/signin",
      "/api/health",
      "/api/auth/session",
      "/api/auth/providers",
    ]) {
      const res = await request.get(path);
      const body = await res.text();
      for (const s of secrets) expect(body, `${path} leaks a secret`).not.toContain(s);
      const headers = res.headers();
      expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
      expect(headers["strict-transport-security"]).toContain("max-age=");
      expect(headers["x-content-type-options"]).toBe("nosniff");
    }
  });

  test("the read API rejects a missing or wrong token", async ({ request }) => {
    expect((await request.get("/api/v1/customers?email=a@example.com")).status()).toBe(401);
    const wrong = await request.get("/api/v1/customers?email=a@example.com", {
      headers: { authorization: "Bearer nope" },
    });
    expect(wrong.status()).toBe(401);
    const right = await request.get("/api/v1/customers?email=a@example.com", {
      headers: { authorization: `Bearer ${E2E.opsApiToken}` },
    });
    expect(right.status()).toBe(200);
  });
});
