import { expect, test } from "@playwright/test";
import { invoicePaid, signStripePayload, stripeId } from "@/fakes/stripe/events";
import { E2E } from "./support/config";
import { countRows } from "./support/database";

test.describe("staff", () => {
  test.use({ storageState: "e2e/.auth/staff.json" });

  test("a signed invoice.paid turns a new customer active in the table", async ({
    page,
    request,
  }, info) => {
    const email = `e2e-${stripeId("x")}@example.com`.toLowerCase();
    const event = invoicePaid({ customer: stripeId("cus"), email, name: "E2E Paid" });
    const body = JSON.stringify(event);

    await page.goto("/customers?sort=createdAt&dir=desc");
    await expect(page.getByRole("heading", { name: "Customers" })).toBeVisible();

    const res = await request.post("/api/webhooks/stripe", {
      headers: {
        "content-type": "application/json",
        "stripe-signature": signStripePayload(body, E2E.stripeWebhookSecret),
      },
      data: body,
    });
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ received: true, duplicate: false });

    const access = page.locator("tr", { hasText: email }).locator('td[data-column="accessStatus"]');
    await expect(async () => {
      await page.reload();
      await expect(access).toHaveText("active", { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expect(access).toBeVisible();
    await page.screenshot({
      path: `e2e/screenshots/customers-${info.project.name}.png`,
      fullPage: true,
    });
  });

  test("an unsigned webhook gets 400 and adds no ledger row", async ({ request }) => {
    const before = await countRows("LedgerEvent");
    const res = await request.post("/api/webhooks/stripe", {
      headers: { "content-type": "application/json" },
      data: JSON.stringify(
        invoicePaid({ customer: "cus_unsigned", email: "unsigned@example.com" }),
      ),
    });
    expect(res.status()).toBe(400);
    expect((await res.json()).error).toMatch(/Stripe-Signature/);
    expect(await countRows("LedgerEvent")).toBe(before);
  });

  test("staff cannot open the founder overview: the server sends them to customers", async ({
    page,
  }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/customers/);
  });

  test("sorting and paging live in the URL", async ({ page }) => {
    await page.goto("/customers");
    await page.getByRole("link", { name: /Access/ }).click();
    await expect(page).toHaveURL(/sort=accessStatus/);
    await page.getByRole("link", { name: "Next" }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByText(/Page 2 of/)).toBeVisible();
  });
});

test.describe("founder", () => {
  test.use({ storageState: "e2e/.auth/founder.json" });

  test("sees counts by access status and the latest webhooks", async ({ page }, info) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Customers by access" })).toBeVisible();
    await expect(page.getByTestId("count-active")).toContainText(/\d+/);
    await expect(page.getByTestId("latest-events")).toContainText("invoice.paid");
    await page.screenshot({
      path: `e2e/screenshots/overview-${info.project.name}.png`,
      fullPage: true,
    });
  });
});

test.describe("signed out", () => {
  test("pages redirect to sign-in, and production offers no demo sign-in", async ({
    page,
    request,
  }, info) => {
    await page.goto("/customers");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fcustomers/);
    await expect(page.getByText("Demo mode")).toHaveCount(0);
    await page.screenshot({
      path: `e2e/screenshots/signin-${info.project.name}.png`,
      fullPage: true,
    });

    const csrf = await (await request.get("/api/auth/csrf")).json();
    const res = await request.post("/api/auth/callback/demo", {
      form: { csrfToken: csrf.csrfToken, email: "founder@demo.launchready.dev", json: "true" },
    });
    const session = await (await request.get("/api/auth/session")).json();
    expect(session).toEqual({});
    expect(res.status()).not.toBe(200);
  });
});
