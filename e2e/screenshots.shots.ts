// `npm run screenshots` (playwright.screenshots.config.ts; not in `npm test`): every page each
// role may open, at 1366 and 375 px, full length, to screenshots/<role>/<width>/<page>.png,
// plus the signed-out sign-in page. With SCREENSHOTS_TOUR=<dir> (`npm run screenshots:tour`)
// it writes only the README tour's three images, viewport-sized, into that folder.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { PAGES, PUBLIC_PAGES } from "@/lib/auth/pages";
import { ROLES, can } from "@/lib/auth/permissions";
import { demoPageIds } from "./support/database";

const OUT = "screenshots";
const TOUR = process.env.SCREENSHOTS_TOUR;
const WIDTHS = [
  { width: 1366, height: 900, isMobile: false },
  { width: 375, height: 812, isMobile: true },
] as const;

/** "/customers/[id]" → "customers-id", "/" → "overview". */
const fileName = (href: string) =>
  href === "/" ? "overview" : href.slice(1).replace(/[[\]]/g, "").replaceAll("/", "-");

async function contextPage(
  browser: Browser,
  size: (typeof WIDTHS)[number],
  storageState?: string,
  deviceScaleFactor = 1,
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: size.width, height: size.height },
    isMobile: size.isMobile,
    hasTouch: size.isMobile,
    deviceScaleFactor,
    storageState,
  });
  return context.newPage();
}

async function settle(page: Page, href: string) {
  await page.goto(href);
  await page.waitForLoadState("networkidle");
}

test.describe("screenshots", () => {
  test.skip(!!TOUR, "SCREENSHOTS_TOUR writes only the tour");

  for (const role of ROLES) {
    test(`every page ${role} may open, at 1366 and 375 px`, async ({ browser }) => {
      const ids = await demoPageIds();
      const samples: Record<string, string> = {
        "/customers/[id]": `/customers/${ids.pastDueCustomer}`,
        "/ledger/[id]": `/ledger/${ids.ledgerEvent}`,
      };
      for (const size of WIDTHS) {
        const page = await contextPage(browser, size, `e2e/.auth/${role}.json`);
        const dir = path.join(OUT, role, String(size.width));
        mkdirSync(dir, { recursive: true });
        for (const p of PAGES.filter((p) => can(role, p.permission))) {
          await settle(page, samples[p.href] ?? p.href);
          await page.screenshot({
            path: path.join(dir, `${fileName(p.href)}.png`),
            fullPage: true,
          });
        }
        await page.context().close();
      }
    });
  }

  test("the sign-in page, at 1366 and 375 px", async ({ browser }) => {
    for (const size of WIDTHS) {
      const page = await contextPage(browser, size);
      const dir = path.join(OUT, "signed-out", String(size.width));
      mkdirSync(dir, { recursive: true });
      for (const href of PUBLIC_PAGES) {
        await settle(page, href);
        await page.screenshot({ path: path.join(dir, `${fileName(href)}.png`), fullPage: true });
      }
      await page.context().close();
    }
  });
});

test.describe("tour", () => {
  test.skip(!TOUR, "set SCREENSHOTS_TOUR=<dir> (npm run screenshots:tour)");

  test("the README tour's three images", async ({ browser }) => {
    const dir = TOUR!;
    mkdirSync(dir, { recursive: true });
    const founder = "e2e/.auth/founder.json";
    const ids = await demoPageIds();

    // 1. The founder's first screen on a phone: people who need action first.
    const phone = await contextPage(browser, WIDTHS[1], founder, 2);
    await settle(phone, "/");
    await phone.screenshot({ path: path.join(dir, "1-overview-phone.png") });
    await phone.context().close();

    // 2. A past-due customer: why, what billing and access say, and the actions in place.
    const desktop = await contextPage(browser, WIDTHS[0], founder);
    await settle(desktop, `/customers/${ids.pastDueCustomer}`);
    await expect(desktop.getByRole("heading", { name: "Hana Okafor" })).toBeVisible();
    await desktop.screenshot({ path: path.join(dir, "2-customer-actions.png") });

    // 3. The launch checklist.
    await settle(desktop, "/launch");
    await desktop.screenshot({ path: path.join(dir, "3-launch-checklist.png") });
    await desktop.context().close();
  });
});
