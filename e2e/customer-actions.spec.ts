import { expect, test, type Browser, type TestInfo } from "@playwright/test";
import { injectStripeFaults, putStripeObject } from "./support/fake-stripe";
import { waitForMail } from "./support/mailbox";
import { insertPanelCustomer } from "./support/panel-customers";

// What a person does from a customer page: act where the problem is read, see the outcome
// in place (toasts), money actions confirmed with amount and customer.

const as = async (browser: Browser, info: TestInfo, role: "staff" | "admin") => {
  const ctx = await browser.newContext({
    ...(info.project.name === "phone"
      ? { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true }
      : {}),
    storageState: `e2e/.auth/${role}.json`,
  });
  return { ctx, page: await ctx.newPage() };
};

test("staff sends a payment link: confirmed, emailed once, in the journey", async ({
  browser,
}, info) => {
  const c = await insertPanelCustomer({ open: true });
  await putStripeObject("invoices", {
    id: c.invoiceId,
    customer: c.stripeCustomerId,
    status: "open",
    hosted_invoice_url: `https://invoice.stripe.com/i/${c.invoiceId}`,
  });
  const { ctx, page } = await as(browser, info, "staff");
  const since = new Date(Date.now() - 1000);
  await page.goto(`/customers/${c.id}`);
  const panel = page.getByTestId("action-panel");
  await panel.getByRole("button", { name: "Send payment link" }).click();
  const dialog = page.getByRole("dialog", { name: "Send a payment link?" });
  await expect(dialog).toContainText("49.00 EUR");
  await expect(dialog).toContainText(c.name);
  await dialog.getByRole("button", { name: "Send link" }).click();
  await expect(
    page.getByTestId("toast").filter({ hasText: /Payment link .* on its way/ }),
  ).toBeVisible();
  await expect(page.getByTestId("timeline")).toContainText("Payment link sent");

  const mail = await waitForMail(c.email, since);
  expect(mail.subject).toMatch(/a link to pay/);
  expect(mail.text).toContain(`https://invoice.stripe.com/i/${c.invoiceId}`);

  // A second click sends nothing more.
  await panel.getByRole("button", { name: "Send payment link" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Send link" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: /already sent/ })).toBeVisible();
  await ctx.close();
});

test("staff requests an override, an admin approves it elsewhere and revokes it", async ({
  browser,
}, info) => {
  const c = await insertPanelCustomer();
  const staff = await as(browser, info, "staff");
  await staff.page.goto(`/customers/${c.id}`);
  const form = staff.page.getByTestId("override-form");
  const panel = staff.page.getByTestId("action-panel");
  await panel.getByLabel("Block access").check();
  await form.getByLabel("Reason").fill("Chargeback threatened");
  await form.getByRole("button", { name: "Request approval" }).click();
  await expect(
    staff.page.getByTestId("toast").filter({ hasText: "Request sent for approval" }),
  ).toBeVisible();
  // The choice stays what the person chose (the old form jumped back to "Refund").
  await expect(panel.getByLabel("Block access")).toBeChecked();
  await expect(staff.page.getByTestId("customer-requests")).toContainText("pending");

  const admin = await as(browser, info, "admin");
  await admin.page.goto("/approvals?status=pending");
  const row = admin.page.getByTestId("approval-row").filter({ hasText: c.email });
  await row.getByRole("button", { name: "Approve" }).click();
  await expect(
    admin.page.getByTestId("toast").filter({ hasText: "Approved and done" }),
  ).toBeVisible();
  // Still in sight, now decided, although the list shows pending ones.
  await expect(admin.page.getByTestId("just-decided")).toContainText("succeeded");
  // The staff page, never reloaded, shows the decision and the block live.
  await expect(staff.page.getByTestId("active-overrides")).toContainText(
    "Access blocked by hand until revoked",
  );

  await admin.page.goto(`/customers/${c.id}`);
  const overrides = admin.page.getByTestId("active-overrides");
  await expect(overrides).toContainText("Access blocked by hand until revoked");
  await expect(overrides).not.toContainText("(approval");
  await overrides.getByRole("button", { name: "Revoke" }).click();
  await admin.page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(
    admin.page.getByTestId("toast").filter({ hasText: "Override revoked" }),
  ).toBeVisible();
  await expect(overrides).toHaveCount(0);
  await expect(admin.page.getByTestId("timeline")).toContainText("Override revoked");
  await expect(staff.page.getByTestId("active-overrides")).toHaveCount(0);
  await staff.ctx.close();
  await admin.ctx.close();
});

test("a refund is confirmed with amount and customer; Stripe's failure is explained where it was asked", async ({
  browser,
}, info) => {
  const c = await insertPanelCustomer({ paid: true });
  const staff = await as(browser, info, "staff");
  await staff.page.goto(`/customers/${c.id}`);
  const refund = staff.page.getByTestId("refund-form");
  await refund.getByLabel("Charge or invoice").selectOption(`invoice:${c.invoiceId}`);
  await refund.getByLabel(/Amount/).fill("12.50");
  await refund.getByLabel("Reason").fill("Charged twice");
  await refund.getByRole("button", { name: "Request refund" }).click();
  const dialog = staff.page.getByRole("dialog", { name: "Request this refund?" });
  await expect(dialog).toContainText("12.50 EUR");
  await expect(dialog).toContainText(c.name);
  await dialog.getByRole("button", { name: /Request 12.50 EUR refund/ }).click();
  await expect(
    staff.page.getByTestId("toast").filter({ hasText: "Request sent for approval" }),
  ).toBeVisible();

  const admin = await as(browser, info, "admin");
  // Stripe fails every attempt (the SDK retries twice): the refund fails, nothing moves.
  await injectStripeFaults({ status: 500 }, { status: 500 }, { status: 500 });
  await admin.page.goto("/approvals?status=pending");
  const row = admin.page.getByTestId("approval-row").filter({ hasText: c.email });
  await row.getByRole("button", { name: "Approve" }).click();
  // The SDK retries Stripe's 500s with backoff before the execution fails.
  await expect(async () => {
    await staff.page.reload();
    await expect(staff.page.getByTestId("customer-requests")).toContainText("failed", {
      timeout: 1000,
    });
  }).toPass({ timeout: 30_000 });
  await staff.page.reload();
  await expect(staff.page.getByTestId("request-failure")).toContainText(
    "Stripe refused the refund, so no money moved.",
  );
  await expect(staff.page.getByTestId("timeline")).toContainText("Approved request failed");
  await staff.ctx.close();
  await admin.ctx.close();
});
