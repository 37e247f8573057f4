import { expect, test } from "@playwright/test";
import { insertDeadSyncTask } from "./support/database";
import { RULE_KEYS } from "@/lib/alerts/default-rules";

test.describe("founder overview and alerts", () => {
  test.use({ storageState: "e2e/.auth/founder.json" });

  test("shows health tiles, next actions, alerts and charts without overflowing the screen", async ({
    page,
  }, info) => {
    await page.goto("/");
    for (const tile of [
      "webhook-success",
      "sync-latency",
      "duplicates",
      "open-exceptions",
      "payment-to-access",
    ])
      await expect(page.getByTestId(`tile-${tile}`)).toBeVisible();
    await expect(page.getByTestId("tile-open-exceptions")).toHaveAttribute("href", "/exceptions");
    await expect(page.getByTestId("tile-webhook-success")).toHaveAttribute("href", "/ledger");
    await expect(page.getByRole("heading", { name: "Next action required" })).toBeVisible();
    // The processing backlog: a calm line when nothing waits, a card while a burst drains
    // (other specs share this database, so either may show).
    await expect(page.getByTestId("backlog")).toContainText(
      /All caught up|to be processed|side effects/,
    );
    await expect(page.getByRole("heading", { name: "Recent alerts" })).toBeVisible();
    await expect(page.getByTestId("metric-charts")).toBeVisible();
    await page.getByRole("button", { name: "7 days" }).click();
    await expect(page.getByRole("button", { name: "7 days" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: `e2e/screenshots/overview-health-${info.project.name}.png`,
      fullPage: true,
    });
  });

  test("the alerts page lists the default rules for founders to edit", async ({ page }) => {
    await page.goto("/alerts");
    await expect(page.getByRole("heading", { name: "Alerts and metrics" })).toBeVisible();
    await expect(page.getByTestId("alert-rules").getByRole("listitem")).toHaveCount(
      RULE_KEYS.length,
    );
    await expect(page.getByText("Webhook failure rate above 2 % over 15 minutes")).toBeVisible();
    await expect(page.getByTestId("rule-min-requests")).toHaveText(
      "Fires only when at least 20 requests arrived in the window.",
    );
    await expect(
      page.getByText("Stripe sent nothing for 6 hours after a day with events"),
    ).toBeVisible();
  });
});

test.describe("founder's main task", () => {
  test.use({ storageState: "e2e/.auth/founder.json" });

  test("reads the overview, opens the exceptions from its tile, and opens the customer behind one", async ({
    page,
  }) => {
    const { customerId } = await insertDeadSyncTask();
    await page.goto("/");
    const tile = page.getByTestId("tile-open-exceptions");
    await expect(tile).toContainText(/[1-9]/);
    await tile.click();
    await expect(page).toHaveURL(/\/exceptions/);
    await page.locator(`a[href="/customers/${customerId}"]`).first().click();
    await expect(page).toHaveURL(new RegExp(`/customers/${customerId}`));
    // The customer page names the CRM by its product and says what went wrong.
    await expect(page.getByRole("region", { name: "Sync per system" })).toContainText(
      /HubSpot\s*sync failed/,
    );
  });
});

test.describe("hydration", () => {
  test.use({ storageState: "e2e/.auth/founder.json" });

  // A server/client render mismatch (React #418) makes React throw the server HTML away and
  // rebuild the page, which wipes anything typed into its forms (relative times in the
  // customers table did this). Every page must hydrate without an error.
  test("every page hydrates without a React error", async ({ page }) => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
    for (const path of [
      "/",
      "/customers",
      "/customers?sort=lastSyncedAt&dir=desc",
      "/ledger",
      "/exceptions",
      "/approvals",
      "/alerts",
      "/audit",
      "/settings",
    ]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
    }
    expect(errors).toEqual([]);
  });
});
