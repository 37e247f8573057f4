// Accessibility scan (issue 14's proof): every page of the dashboard, as each role that may
// open it, at both projects (desktop and 375 px phone), through axe-core — no violation of
// impact "serious" or "critical" against WCAG 2.0/2.1 A and AA. On each page every visible
// control is also focused from the keyboard's modality and must show a focus indicator.
// Cheap on purpose: one test per role (one browser page walking its pages), findings
// collected per page and asserted once, so a failure lists everything at once.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { PAGES, PUBLIC_PAGES } from "@/lib/auth/pages";
import { ROLES, can } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { demoPageIds } from "./support/database";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const BLOCKING = new Set(["serious", "critical"]);

/** Serious and critical violations on the page as it is now, one line per failing node. */
async function axeFindings(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return violations
    .filter((v) => BLOCKING.has(v.impact ?? ""))
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${where}: [${v.impact}] ${v.id} (${v.help}) at ${n.target.join(" ")} — ${n.failureSummary?.replace(/\s+/g, " ")}`,
      ),
    );
}

/**
 * Every visible, enabled control focused in turn after a Tab press (so focus counts as
 * keyboard focus, :focus-visible, as it does for a person tabbing); each must then show an
 * outline or a ring (box-shadow) and be on screen with a size.
 */
async function focusFindings(page: Page, where: string): Promise<string[]> {
  await page.locator("body").press("Tab");
  const found = await page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>(
      'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])',
    );
    const out: string[] = [];
    for (const el of controls) {
      if ((el as HTMLButtonElement).disabled || el.closest("[inert]")) continue;
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      el.focus();
      if (document.activeElement !== el) continue;
      const name = `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? (el as HTMLInputElement).name ?? "").trim().slice(0, 40)}"`;
      if (!el.matches(":focus-visible")) {
        out.push(`${name}: focus is not keyboard focus (:focus-visible), could not check`);
        continue;
      }
      const s = getComputedStyle(el);
      const outline =
        s.outlineStyle !== "none" &&
        parseFloat(s.outlineWidth) > 0 &&
        s.outlineColor !== "rgba(0, 0, 0, 0)";
      const ring = s.boxShadow !== "none";
      const box = el.getBoundingClientRect();
      if (!outline && !ring) out.push(`${name}: no visible focus indicator`);
      else if (box.width < 2 || box.height < 2) out.push(`${name}: focused but not on screen`);
    }
    (document.activeElement as HTMLElement | null)?.blur();
    return out;
  });
  return found.map((f) => `${where}: focus — ${f}`);
}

/** Loads a path and waits until client components (charts, live badges) have rendered. */
async function open(page: Page, path: string) {
  const response = await page.goto(path);
  await page.waitForLoadState("networkidle");
  return response?.status() ?? 0;
}

async function check(page: Page, where: string): Promise<string[]> {
  return [...(await axeFindings(page, where)), ...(await focusFindings(page, where))];
}

/** The registry's pages a role may open, with real ids of the demo data in dynamic paths. */
function pagesFor(
  role: Role,
  ids: Awaited<ReturnType<typeof demoPageIds>>,
  only?: string[],
): string[] {
  const samples: Record<string, string> = {
    "/customers/[id]": `/customers/${ids.pastDueCustomer}`,
    "/ledger/[id]": `/ledger/${ids.ledgerEvent}`,
  };
  const pages = PAGES.filter((p) => can(role, p.permission) && (!only || only.includes(p.href)));
  return pages.map((p) => {
    if (!p.href.includes("[")) return p.href;
    const path = samples[p.href];
    if (!path) throw new Error(`accessibility.spec.ts: give ${p.href} a real id to scan`);
    return path;
  });
}

/**
 * The founder may open every page, so the founder's walk covers each of them. Admin and staff
 * walk the pages whose controls change with the role (the customer's action panel, approve or
 * only request, retry or not, run checks or not), a page they may not open (the 403 page)
 * and their own nav.
 */
const ROLE_DEPENDENT = ["/customers/[id]", "/ledger/[id]", "/approvals", "/exceptions", "/launch"];

for (const role of ROLES) {
  test.describe(`accessibility as ${role}`, () => {
    test.use({ storageState: `e2e/.auth/${role}.json` });

    test(`the pages ${role} opens have no serious or critical violation and show focus`, async ({
      page,
    }) => {
      test.slow();
      const ids = await demoPageIds();
      const every = role === "founder";
      const paths = every
        ? [
            ...pagesFor(role, ids),
            // States of the registry's pages: a filtered list, a customer with an open
            // exception to retry, the not-found page.
            "/customers?access=blocked",
            `/customers/${ids.exceptionCustomer}`,
            "/customers/a11y-no-such-customer",
          ]
        : pagesFor(role, ids, ROLE_DEPENDENT);
      const forbidden = PAGES.find((p) => !can(role, p.permission) && !p.otherwise);
      if (forbidden) paths.push(forbidden.href);
      const findings: string[] = [];
      for (const path of paths) {
        const status = await open(page, path);
        expect(status, `${path} answered`).toBeLessThan(500);
        findings.push(...(await check(page, path)));
      }
      // The phone's menu, open (its links and Sign out are only reachable there).
      const menu = page.getByRole("button", { name: /^Menu/ });
      if (await menu.isVisible()) {
        await menu.click();
        await expect(menu).toHaveAttribute("aria-expanded", "true");
        findings.push(...(await check(page, "menu open")));
      }
      expect(findings).toEqual([]);
    });
  });
}

test.describe("accessibility signed out", () => {
  test("the sign-in page, with its sent and error notes, has no serious or critical violation", async ({
    page,
  }) => {
    const findings: string[] = [];
    for (const base of PUBLIC_PAGES) {
      const path = `${base}?sent=1&error=Verification`;
      await open(page, path);
      findings.push(...(await check(page, path)));
    }
    expect(findings).toEqual([]);
  });
});
