import { expect, test } from "@playwright/test";
import { baseURL, E2E } from "./support/config";
import { countNotesWithBody } from "./support/database";

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

test.describe("cross-site request forgery", () => {
  test.use({ storageState: "e2e/.auth/founder.json" });

  test("a server action replayed from another origin changes nothing; the same request from our origin does", async ({
    page,
    request,
  }) => {
    test.skip(test.info().project.name !== "desktop", "one viewport is enough for an HTTP check");
    await page.goto("/customers");
    await page
      .getByTestId("customers-table")
      .locator("tbody tr")
      .first()
      .getByRole("link")
      .first()
      .click();
    await expect(page).toHaveURL(/\/customers\/[^/?]+$/);
    await page.waitForLoadState("networkidle");
    const body = `CSRF probe ${Date.now()}`;
    await page.getByLabel(/New note/).fill(body);
    const [action] = await Promise.all([
      page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]),
      page.getByRole("button", { name: "Add note" }).click(),
    ]);
    await expect(page.getByTestId("notes")).toContainText(body);
    expect(await countNotesWithBody(body)).toBe(1);

    // The exact request the browser sent (session cookie included), from elsewhere.
    const replay = (origin: string) =>
      request.post(action.url(), {
        headers: {
          "next-action": action.headers()["next-action"],
          "content-type": action.headers()["content-type"],
          accept: "text/x-component",
          origin,
        },
        data: action.postDataBuffer()!,
        maxRedirects: 0,
      });
    for (const origin of ["https://evil.example", `http://localhost:${E2E.port + 1}`, "null"]) {
      const res = await replay(origin);
      expect(res.ok(), `origin ${origin} must be refused`).toBe(false);
      expect(await countNotesWithBody(body), `origin ${origin} wrote a note`).toBe(1);
    }
    // Control: the same bytes from our own origin are accepted, so the refusals above come
    // from the origin check and not from a broken replay.
    const same = await replay(new URL(action.url()).origin);
    expect(same.status()).toBe(200);
    expect(await countNotesWithBody(body)).toBe(2);
  });

  test("session route handlers refuse cross-site and form-encoded writes before doing anything", async ({
    request,
  }) => {
    const url = "/api/customers/matrix-no-such-customer/access-override";
    const data = { kind: "block", reason: "csrf probe" };
    const forged: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of forged) {
      const res = await request.post(url, { headers, data });
      expect(res.status(), JSON.stringify(headers)).toBe(403);
      expect(await res.json()).toEqual({ error: "Cross-site request refused" });
      expect((await request.delete(`${url}?overrideId=x`, { headers })).status()).toBe(403);
    }
    // What a cross-site HTML form can send without a preflight: text/plain "JSON".
    const form = await request.post(url, {
      headers: { "content-type": "text/plain" },
      data: JSON.stringify(data),
    });
    expect(form.status()).toBe(415);
    // Control: our own origin with JSON reaches the handler (which finds no such customer).
    const own = await request.post(url, { headers: { origin: baseURL }, data });
    expect(own.status()).toBe(404);
  });
});
