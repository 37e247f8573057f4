import { expect, test } from "@playwright/test";
import { baseURL } from "./support/config";
import { signInLinkOf, waitForMail } from "./support/mailbox";

// One journey in a fresh browser (no stored session): a deep link survives the magic link,
// a stranger's address gets the same answer, and /signin forwards a signed-in person.
test("a signed-out deep link lands where it pointed after the magic link; /signin forwards once signed in", async ({
  page,
}, info) => {
  test.skip(info.project.name !== "desktop", "one run is enough: it spends sign-in links");
  await page.goto("/signin");
  await page.getByLabel("Work email").fill("nobody-here@example.com");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText("If that address has an account")).toBeVisible({ timeout: 15_000 });

  await page.goto("/customers?access=blocked");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fcustomers%3Faccess%3Dblocked$/);
  const since = new Date(Date.now() - 1000);
  await page.getByLabel("Work email").fill("staff@demo.launchready.dev");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText("If that address has an account")).toBeVisible({ timeout: 15_000 });
  await page.goto(signInLinkOf(await waitForMail("staff@demo.launchready.dev", since)));
  await expect(page).toHaveURL(`${baseURL}/customers?access=blocked`);

  await page.goto("/signin?callbackUrl=%2Fledger%3Fstatus%3Dfailed");
  await expect(page).toHaveURL(`${baseURL}/ledger?status=failed`);
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("https://evil.example/x")}`);
  // Refused: staff's "/" is the customers list.
  await expect(page).toHaveURL(`${baseURL}/customers`);
});
