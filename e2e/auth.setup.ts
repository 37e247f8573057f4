import { expect, test as setup } from "@playwright/test";
import { DEMO_USERS } from "@/lib/auth/demo";
import { signInLinkOf, waitForMail } from "./support/mailbox";

// Each role signs in once, the real way: request a magic link, read it from the SMTP
// capture server, open it. The sessions are reused by the other tests (storageState).
for (const user of DEMO_USERS) {
  setup(`sign in as ${user.role} by magic link`, async ({ page }) => {
    const since = new Date(Date.now() - 1000);
    await page.goto("/signin");
    await page.getByLabel("Work email").fill(user.email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByText("Check your email")).toBeVisible();
    const mail = await waitForMail(user.email, since);
    await page.goto(signInLinkOf(mail));
    await expect(
      page
        .getByTestId("whoami")
        .or(page.getByRole("button", { name: "Sign out" }))
        .first(),
    ).toBeVisible();
    await page.context().storageState({ path: `e2e/.auth/${user.role}.json` });
  });
}
