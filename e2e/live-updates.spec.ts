import { expect, test, type Page } from "@playwright/test";
import { insertDeadSyncTask } from "./support/database";

/** The nav's open-exceptions count (0 when the badge is not shown). */
async function exceptionsBadge(page: Page): Promise<number> {
  const badge = page.getByTestId("badge-exceptions");
  if ((await badge.count()) === 0) return 0;
  return parseInt((await badge.first().textContent()) ?? "0", 10);
}

test.describe("live updates", () => {
  test.use({ storageState: "e2e/.auth/admin.json" });

  test("an exception written to the database appears on the open exceptions page and in the nav badge without a reload", async ({
    page,
  }, info) => {
    test.skip(info.project.name !== "desktop", "one width is enough for the live channel");
    await page.goto("/exceptions");
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "open");
    const before = await exceptionsBadge(page);
    // Survives a router.refresh, not a reload.
    await page.evaluate(() => Object.assign(window, { liveMarker: "same document" }));

    const { exceptionId } = await insertDeadSyncTask();

    await expect(page.locator(`[data-exception-id="${exceptionId}"]`)).toBeVisible();
    await expect(page.getByTestId("badge-exceptions").first()).toHaveText(`${before + 1} open`);
    expect(
      await page.evaluate(() => (window as unknown as { liveMarker?: string }).liveMarker),
    ).toBe("same document");
  });
});

test.describe("header", () => {
  test.use({ storageState: "e2e/.auth/founder.json" });

  test("on a phone the header is one row with a keyboard-operable menu", async ({ page }, info) => {
    test.skip(info.project.name !== "phone", "the menu is the phone's header");
    await page.goto("/customers");
    const header = page.locator("header").first();
    expect((await header.boundingBox())!.height).toBeLessThan(64);
    const menu = page.getByRole("button", { name: /^Menu/ });
    const customersLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", {
      name: "Customers",
    });
    await expect(customersLink).toBeHidden();
    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(customersLink).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link").nth(1),
    ).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await expect(customersLink).toBeHidden();
    await menu.click();
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Approvals" })
      .click();
    await expect(page).toHaveURL(/\/approvals$/);
    await expect(menu).toHaveAttribute("aria-expanded", "false");
  });

  test("at 1366 px the links, the name and Sign out fit on one line", async ({ page }, info) => {
    test.skip(info.project.name !== "desktop", "a laptop width");
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto("/customers");
    const header = page.locator("header").first();
    expect((await header.boundingBox())!.height).toBeLessThan(64);
    for (const el of [page.getByTestId("whoami"), page.getByRole("button", { name: "Sign out" })]) {
      await expect(el).toBeVisible();
      expect((await el.boundingBox())!.height).toBeLessThan(34);
    }
    await expect(page.getByRole("button", { name: /^Menu/ })).toBeHidden();
  });
});
