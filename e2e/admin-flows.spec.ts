import { expect, test, type Page } from "@playwright/test";
import { baseURL } from "./support/config";
import { customerWithPaidInvoice } from "./support/database";
import { fakeStripeState, injectStripeFaults, putStripeObject } from "./support/fake-stripe";

/** Staff: find the customer on the approvals page and request a refund of 1.00 of the invoice. */
async function requestRefund(page: Page, email: string, invoiceId: string): Promise<string> {
  await page.goto("/approvals");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Find a customer by email or name").fill(email);
  await page.getByRole("button", { name: "Find" }).click();
  await page.getByRole("link", { name: email, exact: true }).click();
  await page.getByLabel("Charge or invoice").selectOption(`invoice:${invoiceId}`);
  await page.getByLabel(/Amount/).fill("1.00");
  await page.getByLabel("Reason").fill("Charged twice this month");
  await page.getByRole("button", { name: "Request approval" }).click();
  await expect(page.getByText(/Request sent for approval/)).toBeVisible();
  const row = page.getByTestId("approval-row").filter({ hasText: email }).first();
  await expect(row).toContainText("pending");
  return (await row.getAttribute("data-approval-id"))!;
}

test("staff requests a refund; an admin approves it; Stripe refunds once; the audit log shows it", async ({
  browser,
}, info) => {
  const customer = await customerWithPaidInvoice();
  const chargeId = `ch_e2e_${customer.invoiceId}`;
  await putStripeObject("invoices", {
    id: customer.invoiceId,
    status: "paid",
    payments: {
      object: "list",
      data: [
        {
          object: "invoice_payment",
          status: "paid",
          payment: { type: "payment_intent", payment_intent: `pi_e2e_${customer.invoiceId}` },
        },
      ],
    },
  });
  await putStripeObject("charges", {
    id: chargeId,
    amount: customer.amountPaid,
    amount_refunded: 0,
    payment_intent: `pi_e2e_${customer.invoiceId}`,
    currency: customer.currency ?? "usd",
  });

  // staff: find the customer, request a refund of 1.00
  const staff = await browser.newContext({
    ...viewportOf(info),
    storageState: "e2e/.auth/staff.json",
  });
  const page = await staff.newPage();
  await page.goto("/approvals");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Find a customer by email or name").fill(customer.email);
  await page.getByRole("button", { name: "Find" }).click();
  await page.getByRole("link", { name: customer.email, exact: true }).click();
  await page.getByLabel("Charge or invoice").selectOption(`invoice:${customer.invoiceId}`);
  await page.getByLabel(/Amount/).fill("1.00");
  await page.getByLabel("Reason").fill("Charged twice this month");
  await page.getByRole("button", { name: "Request approval" }).click();
  await expect(page.getByText(/Request sent for approval/)).toBeVisible();
  const row = page.getByTestId("approval-row").filter({ hasText: customer.email }).first();
  await expect(row).toContainText("pending");
  await expect(row.getByRole("button", { name: "Approve" })).toHaveCount(0); // staff cannot decide
  await page.screenshot({
    path: `e2e/screenshots/approvals-staff-${info.project.name}.png`,
    fullPage: true,
  });
  const approvalId = await row.getAttribute("data-approval-id");
  await staff.close();

  // admin: approve it
  const admin = await browser.newContext({
    ...viewportOf(info),
    storageState: "e2e/.auth/admin.json",
  });
  const a = await admin.newPage();
  await a.goto("/approvals?status=pending");
  const pending = a.locator(`[data-approval-id="${approvalId}"]`);
  await pending.getByRole("button", { name: "Approve" }).click();
  const done = a.locator(`[data-approval-id="${approvalId}"]`);
  await expect(async () => {
    await a.goto("/approvals");
    await expect(done).toContainText("succeeded", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(done.getByTestId("approval-result")).toContainText("stripeRefundId: re_fake");
  await a.screenshot({
    path: `e2e/screenshots/approvals-admin-${info.project.name}.png`,
    fullPage: true,
  });

  // the fake Stripe saw one refund of 100 for this approval, keyed by the approval id
  const state = await fakeStripeState();
  const refunds = state.refunds.filter((r) => r.metadata.approvalId === approvalId);
  expect(refunds).toHaveLength(1);
  expect(refunds[0]).toMatchObject({ amount: 100, charge: chargeId });
  const posts = state.requests.filter(
    (r) => r.path === "/v1/refunds" && r.idempotencyKey?.includes(approvalId!),
  );
  expect(posts.length).toBeGreaterThanOrEqual(1);
  expect(new Set(posts.map((p) => p.idempotencyKey))).toEqual(
    new Set([`approval:${approvalId}:refund`]),
  );

  // and the audit log has the request, the approval and the execution
  await a.goto(`/audit?target=${customer.id}`);
  for (const action of ["approval.request", "approval.approve", "approval.execute"]) {
    await expect(a.getByTestId("audit-row").filter({ hasText: action }).first()).toBeVisible();
  }
  await a.goto(`/audit`);
  await a.getByText("before / after").first().click();
  await a.screenshot({ path: `e2e/screenshots/audit-${info.project.name}.png`, fullPage: true });
  await admin.close();
});

test("founder creates an API token, sees it once, and the read API accepts it", async ({
  browser,
}, info) => {
  const founder = await browser.newContext({
    ...viewportOf(info),
    storageState: "e2e/.auth/founder.json",
  });
  const page = await founder.newPage();
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Users and roles" })).toBeVisible();
  await expect(page.getByTestId("connector-status")).toBeVisible();
  const name = `e2e ${info.project.name} ${Date.now()}`;
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("new-token").inputValue();
  expect(token).toMatch(/^lr_/);

  const api = await fetch(`${baseURL}/api/v1/customers?email=nobody@example.com`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(api.status).toBe(200);
  expect(await api.json()).toEqual({ data: [] });
  const wrong = await fetch(`${baseURL}/api/v1/customers?email=nobody@example.com`, {
    headers: { authorization: `Bearer ${token}x` },
  });
  expect(wrong.status).toBe(401);

  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  expect(await page.content()).not.toContain(token);
  const tokenRow = page.getByTestId("token-table").locator("tr", { hasText: name });
  await expect(tokenRow.getByTestId("token-last-used")).not.toHaveText("never");
  await page.screenshot({
    path: `e2e/screenshots/settings-${info.project.name}.png`,
    fullPage: true,
  });

  await tokenRow.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(tokenRow).toContainText("revoked");
  const revoked = await fetch(`${baseURL}/api/v1/customers?email=nobody@example.com`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(revoked.status).toBe(401);
  await founder.close();
});

function viewportOf(info: {
  project: {
    use: {
      viewport?: { width: number; height: number } | null;
      isMobile?: boolean;
      hasTouch?: boolean;
    };
  };
}) {
  const { viewport, isMobile, hasTouch } = info.project.use;
  return {
    ...(viewport && { viewport }),
    ...(isMobile !== undefined && { isMobile }),
    ...(hasTouch !== undefined && { hasTouch }),
  };
}

test("a failed execution and a rejection are visible and change nothing at Stripe", async ({
  browser,
}, info) => {
  const staff = await browser.newContext({
    ...viewportOf(info),
    storageState: "e2e/.auth/staff.json",
  });
  const s = await staff.newPage();
  const first = await customerWithPaidInvoice();
  const failing = await requestRefund(s, first.email, first.invoiceId);
  const second = await customerWithPaidInvoice();
  const rejecting = await requestRefund(s, second.email, second.invoiceId);
  await staff.close();

  const admin = await browser.newContext({
    ...viewportOf(info),
    storageState: "e2e/.auth/admin.json",
  });
  const a = await admin.newPage();
  // Stripe fails every attempt (the SDK retries twice): the execution fails, nothing is refunded
  await injectStripeFaults({ status: 500 }, { status: 500 }, { status: 500 });
  await a.goto("/approvals?status=pending");
  await a
    .locator(`[data-approval-id="${failing}"]`)
    .getByRole("button", { name: "Approve" })
    .click();
  const failed = a.locator(`[data-approval-id="${failing}"]`);
  await expect(async () => {
    await a.goto("/approvals?status=failed");
    await expect(failed.getByTestId("approval-error")).toContainText("nothing changed", {
      timeout: 1000,
    });
  }).toPass({ timeout: 30_000 });

  await a.goto("/approvals?status=pending");
  const pending = a.locator(`[data-approval-id="${rejecting}"]`);
  await pending.getByLabel("Decision note").fill("Outside the refund window");
  await pending.getByRole("button", { name: "Reject" }).click();
  await expect(async () => {
    await a.goto("/approvals?status=rejected");
    await expect(a.locator(`[data-approval-id="${rejecting}"]`)).toContainText(
      "Outside the refund window",
      {
        timeout: 1000,
      },
    );
  }).toPass({ timeout: 20_000 });

  const state = await fakeStripeState();
  expect(state.refunds.filter((r) => [failing, rejecting].includes(r.metadata.approvalId))).toEqual(
    [],
  );
  await admin.close();
});
