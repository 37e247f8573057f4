import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { HANDLED_STRIPE_EVENTS } from "@/lib/launch/checks/webhooks";
import { E2E, baseURL } from "./support/config";
import { putStripeObject } from "./support/fake-stripe";

const endpoint = (events: string[]) => ({
  id: "we_e2e_launch",
  object: "webhook_endpoint",
  url: `${baseURL}/api/webhooks/stripe`,
  status: "enabled",
  enabled_events: events,
  api_version: "2025-01-27.acacia",
  created: 1,
  livemode: false,
  metadata: {},
});

const checks = (page: Page, state: string) =>
  page.locator(`[data-testid="launch-check"][data-state="${state}"]`);

test.describe("launch readiness", () => {
  test.use({ storageState: "e2e/.auth/founder.json" });

  test("founder checks the launch against the fixtures, fixes a webhook with a re-run, and downloads the handover", async ({
    page,
  }, info) => {
    await putStripeObject(
      "webhook_endpoints",
      endpoint(HANDLED_STRIPE_EVENTS.filter((e) => e !== "invoice.payment_failed")),
    );
    await page.goto("/launch");
    await expect(page.getByRole("heading", { name: "Launch readiness" })).toBeVisible();

    const settings = page.getByTestId("launch-settings");
    await settings.getByLabel("Production site domain").fill("good.test");
    await settings.getByLabel("App API domain").fill("api.borderline.test");
    await settings.getByLabel("This dashboard's domain").fill("expiring.broken.test");
    await settings.getByLabel("Production URL").fill("https://good.test/");
    await settings.getByLabel("DKIM selectors (comma-separated)").fill("s1, s2");
    await settings.getByRole("button", { name: "Save" }).click();
    await expect(settings.getByRole("status")).toHaveText(/Saved/);

    const rerunAll = page.getByTestId("rerun-all");
    await rerunAll.getByRole("button", { name: "Re-run all checks" }).click();
    await expect(rerunAll.getByRole("status")).toHaveText(/Checked \d+ item/, { timeout: 30_000 });

    // Every state shows, each with its word (not colour alone).
    for (const [state, word] of [
      ["pass", "Pass"],
      ["warn", "Warning"],
      ["fail", "Fail"],
      ["not_configured", "Not configured"],
    ])
      await expect(checks(page, state).first().getByText(word, { exact: true })).toBeVisible();
    await expect(
      page.getByTestId("area-tls").locator('[data-key="tls.expiry:expiring.broken.test"]'),
    ).toContainText("expires in");

    // The Stripe endpoint misses one event type: the check names it, then passes after a re-run.
    const stripe = page.locator('[data-key="webhooks.stripe_endpoint"]');
    await expect(stripe).toHaveAttribute("data-state", "fail");
    await expect(stripe).toContainText("invoice.payment_failed");
    await putStripeObject("webhook_endpoints", endpoint(HANDLED_STRIPE_EVENTS));
    await stripe.getByRole("button", { name: "Re-run" }).click();
    await expect(stripe).toHaveAttribute("data-state", "pass", { timeout: 20_000 });
    await expect(stripe.getByTestId("sparkline")).toBeVisible();

    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: `e2e/screenshots/launch-${info.project.name}.png`,
      fullPage: true,
    });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download handover (Markdown)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^launch-ready-handover-\d{4}-\d{2}-\d{2}\.md$/);
    const md = await readFile((await download.path())!, "utf8");
    for (const text of ["## Domains and DNS records", "good.test", "## Secrets", "## Runbook"])
      expect(md).toContain(text);
    for (const secret of [E2E.nextAuthSecret, E2E.stripeWebhookSecret, E2E.opsApiToken])
      expect(md).not.toContain(secret);

    await page.getByRole("link", { name: "Printable handover" }).click();
    await expect(page).toHaveURL(/\/launch\/handover$/, { timeout: 20_000 });
    await expect(page.getByRole("heading", { name: "Launch Ready handover" })).toBeVisible({
      timeout: 20_000,
    });
    await expect(page.getByRole("heading", { name: "Runbook" })).toBeVisible();
  });
});

test.describe("launch readiness, read-only", () => {
  test.use({ storageState: "e2e/.auth/staff.json" });

  test("staff read the checklist but cannot re-run or edit it", async ({ page }) => {
    await page.goto("/launch");
    await expect(page.getByRole("heading", { name: "Launch readiness" })).toBeVisible();
    await expect(page.getByRole("button", { name: /Re-run/ })).toHaveCount(0);
    await expect(
      page.getByTestId("launch-settings").getByLabel("Production site domain"),
    ).toBeDisabled();
  });
});
