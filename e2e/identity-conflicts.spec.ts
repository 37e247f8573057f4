import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import {
  invoicePaid,
  signStripePayload,
  stripeId,
  type StripeEventPayload,
} from "@/fakes/stripe/events";
import { E2E } from "./support/config";

async function sendStripe(request: APIRequestContext, event: StripeEventPayload) {
  const body = JSON.stringify(event);
  const res = await request.post("/api/webhooks/stripe", {
    headers: {
      "content-type": "application/json",
      "stripe-signature": signStripePayload(body, E2E.stripeWebhookSecret),
    },
    data: body,
  });
  expect(res.status()).toBe(200);
}

/** Opens the customer a search finds, once the event that creates them has been applied. */
async function openCustomer(page: Page, q: string) {
  await expect(async () => {
    await page.goto(`/customers?q=${encodeURIComponent(q)}`);
    await expect(page.getByTestId("customer-total")).toHaveText("1 matching", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await page
    .getByTestId("customers-table")
    .locator("tbody tr")
    .first()
    .getByRole("link")
    .first()
    .click();
  await expect(page).toHaveURL(/\/customers\/[^/?]+$/);
}

test.describe("admin", () => {
  test.use({ storageState: "e2e/.auth/admin.json" });

  test("a second Stripe customer using a known email is kept apart, shown on both pages and merged from the banner", async ({
    page,
    request,
  }, info) => {
    const email = `e2e-${stripeId("idc")}@example.com`.toLowerCase();
    const [cusA, cusB] = [stripeId("cus"), stripeId("cus")];
    await sendStripe(request, invoicePaid({ customer: cusA, email, name: "Ada Conflict" }));
    await openCustomer(page, cusA);
    // A payment (not a failure): the merged customer stays active, so the other specs' filters
    // over the shared demo data find what they expect.
    await sendStripe(request, invoicePaid({ customer: cusB, email, name: "Mallory Conflict" }));

    await openCustomer(page, cusB);
    const banner = page.getByTestId("identity-conflicts");
    await expect(banner).toContainText(
      `Stripe customer ${cusB} uses ${email}, which already belongs to Ada Conflict (${cusA}).`,
    );
    await expect(page.getByText(`Also uses ${email}`)).toBeVisible();
    await page.screenshot({
      path: `e2e/screenshots/identity-conflict-${info.project.name}.png`,
      fullPage: true,
    });
    // The read API answers the email with both records.
    const both = await request.get(`/api/v1/customers?email=${encodeURIComponent(email)}`, {
      headers: { authorization: `Bearer ${E2E.opsApiToken}` },
    });
    expect(((await both.json()) as { data: unknown[] }).data).toHaveLength(2);

    await banner.getByRole("button", { name: "Merge into one customer" }).click();
    await expect(page.getByRole("heading", { name: "Ada Conflict" })).toBeVisible();
    await expect(page.getByTestId("identity-conflicts")).toHaveCount(0);
    const one = await request.get(`/api/v1/customers?email=${encodeURIComponent(email)}`, {
      headers: { authorization: `Bearer ${E2E.opsApiToken}` },
    });
    expect(((await one.json()) as { data: { stripeCustomerId: string }[] }).data).toEqual([
      expect.objectContaining({ stripeCustomerId: cusA }),
    ]);
  });
});

test.describe("staff", () => {
  test.use({ storageState: "e2e/.auth/staff.json" });

  test("reads an identity conflict but has no merge action", async ({ page, request }) => {
    const email = `e2e-${stripeId("idc")}@example.com`.toLowerCase();
    const [cusA, cusB] = [stripeId("cus"), stripeId("cus")];
    await sendStripe(request, invoicePaid({ customer: cusA, email, name: "Grace Conflict" }));
    await openCustomer(page, cusA);
    await sendStripe(request, invoicePaid({ customer: cusB, email }));
    await openCustomer(page, cusA);
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("identity-conflicts")).toContainText(
        `Stripe customer ${cusB} uses ${email}`,
        { timeout: 1000 },
      );
    }).toPass({ timeout: 20_000 });
    await expect(page.getByRole("button", { name: "Merge into one customer" })).toHaveCount(0);
  });
});
