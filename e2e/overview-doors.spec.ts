import { expect, test } from "@playwright/test";

test.describe("every overview number is a door", () => {
  test.use({ storageState: "e2e/.auth/founder.json" });

  test("the past-due tile opens the list filtered to the people it counts", async ({ page }) => {
    await page.goto("/");
    const tile = page.getByTestId("count-past_due");
    const count = Number((await tile.locator("div").nth(1).textContent())?.trim());
    expect(count).toBeGreaterThan(0);
    await tile.click();
    await expect(page).toHaveURL(/\/customers\?access=past_due$/);
    await expect(page.getByLabel("Access")).toHaveValue("past_due");
    await expect(page.getByTestId("customer-total")).toHaveText(`${count} matching`);
    for (const cell of await page.locator('td[data-column="accessStatus"]').all())
      await expect(cell).toContainText("past due");
  });

  test("a past-due person in the next actions opens their own page", async ({ page }) => {
    await page.goto("/");
    const item = page
      .getByTestId("next-actions")
      .getByRole("link", { name: /is past due$/ })
      .first();
    const name = (await item.textContent())!.replace(/ is past due$/, "");
    await item.click();
    await expect(page).toHaveURL(/\/customers\/[^/?]+$/);
    await expect(page.getByText(name).first()).toBeVisible();
  });

  test("search finds a person by part of the name, applied while typing", async ({ page }) => {
    await page.goto("/customers");
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Search").fill("okafor");
    await expect(page).toHaveURL(/q=okafor/);
    await expect(page.getByTestId("customer-total")).toHaveText("1 matching");
    await expect(page.getByTestId("customers-table")).toContainText("Hana Okafor");
  });

  test("the journeys filter keeps only journeys with a problem", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("journeys").locator(":scope > li")).toHaveCount(20);
    await page.getByRole("link", { name: "With a problem" }).click();
    await expect(page).toHaveURL(/journeys=problems/);
    for (const row of await page.locator('[data-testid="journeys"] > li').all())
      await expect(row).toHaveAttribute("data-problem", "true");
  });
});
