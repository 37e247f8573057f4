import { expect, test } from "@playwright/test";
import { countRows, insertDeadSyncTask, syncTaskOfException } from "./support/database";

const shot = (name: string, project: string) => ({
  path: `e2e/screenshots/${name}-${project}.png`,
  fullPage: true,
});

test.describe("staff", () => {
  test.use({ storageState: "e2e/.auth/staff.json" });

  test("finds a past-due customer by filter, opens it and reads why and what to do next", async ({
    page,
  }, info) => {
    await page.goto("/customers");
    // Hydration re-applies the fields' initial values: interact once the page has settled.
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Access").selectOption("past_due");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/access=past_due/);
    const rows = page.getByTestId("customers-table").locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    for (const cell of await page.locator('td[data-column="accessStatus"]').all()) {
      await expect(cell).toContainText("past due");
    }
    await page.screenshot(shot("customers-filtered", info.project.name));

    // A person from the seeded story (other specs add past-due people of their own).
    await rows.filter({ hasText: "Hana Okafor" }).getByRole("link").first().click();
    await expect(page).toHaveURL(/\/customers\/[^/?]+$/);
    const why = page.getByTestId("why-blocked");
    await expect(why.getByRole("heading", { name: /Why access is past due/ })).toBeVisible();
    await expect(why.getByTestId("reason-message").first()).toContainText(/Payment failed/);
    await expect(why.getByTestId("reason-next-action").first()).toContainText(
      /Next action: .*payment link/,
    );
    await expect(page.getByTestId("timeline")).toContainText("invoice.payment_failed");
    await expect(page.getByRole("link", { name: /^cus_demo/ })).toHaveAttribute(
      "href",
      /^https:\/\/dashboard\.stripe\.com\/customers\/cus_demo/,
    );

    await page.getByLabel(/New note/).fill("Called the customer; card replaced by Friday.");
    await page.getByRole("button", { name: "Add note" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Note added" })).toBeVisible();
    await expect(page.getByTestId("notes")).toContainText("card replaced by Friday");
    await page.screenshot(shot("customer-detail", info.project.name));
  });

  test("searches by Stripe id and exports the current view as CSV", async ({ page, request }) => {
    await page.goto("/customers");
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Search").fill("cus_demo007");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByTestId("customer-total")).toHaveText("1 matching");
    const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    expect(href).toContain("q=cus_demo007");
    const res = await request.get(href!);
    expect(res.status()).toBe(200);
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^id,email,name,access_status/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("cus_demo007");
  });

  test("sees the ledger and the exceptions queue but cannot replay or retry", async ({ page }) => {
    await page.goto("/ledger");
    await page.getByTestId("ledger-table").locator("tbody tr a").first().click();
    await expect(page.getByTestId("payload")).toBeVisible();
    await expect(page.getByRole("button", { name: "Replay event" })).toHaveCount(0);
    await page.goto("/exceptions");
    await expect(page.getByRole("heading", { name: "Exceptions" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Retry" })).toHaveCount(0);
  });
});

test.describe("admin", () => {
  test.use({ storageState: "e2e/.auth/admin.json" });

  test("replays a ledger event without a second ledger row", async ({ page }, info) => {
    await page.goto("/ledger");
    await page.getByLabel("Source").selectOption("stripe");
    await page.getByLabel("Type").selectOption("invoice.payment_failed");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/type=invoice.payment_failed/);
    await expect(page.getByTestId("ledger-table")).toBeVisible();
    await expect(page.getByTestId("ledger-total")).toHaveText(/[\d,]+\+? matching/);
    await page.screenshot(shot("ledger", info.project.name));
    await page.getByTestId("ledger-table").locator("tbody tr a").first().click();
    await expect(page.getByTestId("payload")).toContainText("invoice.payment_failed");
    await expect(page.getByTestId("payload")).not.toContainText("@example.com");

    const before = await countRows("LedgerEvent");
    await page.getByRole("button", { name: "Replay event" }).click();
    await expect(page.getByRole("status").filter({ hasText: /Replay started/ })).toBeVisible();
    await expect(async () => {
      await page.reload();
      await expect(page.getByText("processed", { exact: true })).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    expect(await countRows("LedgerEvent")).toBe(before);
    await page.screenshot(shot("ledger-event", info.project.name));
  });

  test("retries a dead sync task from the exceptions queue", async ({ page }, info) => {
    const { exceptionId } = await insertDeadSyncTask();
    await page.goto("/exceptions");
    const item = page.locator(`[data-exception-id="${exceptionId}"]`);
    await expect(item).toContainText("HubSpot answered 500");
    await page.screenshot(shot("exceptions", info.project.name));
    await item.getByRole("button", { name: "Retry" }).click();
    // Retrying resolves the exception, so it leaves the open queue.
    await expect(item).toHaveCount(0);
    expect((await syncTaskOfException(exceptionId)).status).not.toBe("dead");
    await page.goto("/exceptions?status=resolved");
    await expect(page.locator(`[data-exception-id="${exceptionId}"]`)).toContainText(
      "Retried by admin@",
    );
  });

  test("assigns an exception and resolves it with a note", async ({ page }) => {
    const { exceptionId } = await insertDeadSyncTask();
    await page.goto("/exceptions");
    const item = page.locator(`[data-exception-id="${exceptionId}"]`);
    const assign = item.getByLabel("Assign to");
    const staffId = await assign.locator("option", { hasText: "(staff)" }).getAttribute("value");
    await assign.selectOption(staffId!);
    await item.getByRole("button", { name: "Assign" }).click();
    await expect(item.getByRole("status").filter({ hasText: "Assigned" })).toBeVisible();
    await item.getByLabel("Resolution note").fill("Fixed the contact in HubSpot by hand");
    await item.getByRole("button", { name: "Resolve" }).click();
    await expect(item).toHaveCount(0);
    await page.goto("/exceptions?status=resolved");
    await expect(page.locator(`[data-exception-id="${exceptionId}"]`)).toContainText(
      "Fixed the contact in HubSpot by hand",
    );
  });
});

test.describe("signed out", () => {
  test("the ops pages redirect to sign-in and the export answers 401", async ({
    page,
    request,
  }) => {
    for (const path of ["/ledger", "/exceptions"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    }
    expect((await request.get("/api/customers/export")).status()).toBe(401);
  });
});
