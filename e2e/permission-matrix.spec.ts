// Generated permission matrix for pages and route handlers, against the production build:
// every app/**/page.tsx and app/api/**/route.ts is found on disk and must be listed in
// lib/auth/protected-surface.ts (or excluded there with a reason); then each is requested
// directly (GET for pages, the handler's own methods for routes) signed out and as each
// role, and the answer must be exactly what lib/auth/permissions.ts says.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import {
  expect,
  request as playwrightRequest,
  test,
  type APIRequestContext,
} from "@playwright/test";
import { ROLES, can } from "@/lib/auth/permissions";
import {
  PROTECTED_PAGES,
  PROTECTED_ROUTES,
  PUBLIC_PAGES,
  ROUTE_EXCLUSIONS,
} from "@/lib/auth/protected-surface";
import { baseURL } from "./support/config";

function walk(dir: string, file: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? walk(path.join(dir, e.name), file)
      : e.name === file
        ? [path.join(dir, e.name)]
        : [],
  );
}
/** app/a/(group)/b/page.tsx → /a/b */
const routeOf = (file: string) =>
  "/" +
  path
    .relative("app", path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .join("/");

const pagesOnDisk = walk("app", "page.tsx")
  .map(routeOf)
  .map((r) => (r === "/" ? r : r.replace(/\/$/, "")));
const routesOnDisk = walk("app/api", "route.ts").map((f) => ({
  route: routeOf(f),
  methods: [
    ...readFileSync(f, "utf8").matchAll(
      /export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g,
    ),
  ].map((m) => m[1]),
}));
const protectedRoutesOnDisk = routesOnDisk.filter(
  (r) => !ROUTE_EXCLUSIONS.some((x) => r.route === x.replace(/\/$/, "") || r.route.startsWith(x)),
);

test.describe("the permission surface lists everything", () => {
  test("every page is listed as protected or public", () => {
    const listed = [...Object.keys(PROTECTED_PAGES), ...PUBLIC_PAGES].sort();
    expect(pagesOnDisk.sort()).toEqual(listed);
  });
  test("every session route handler and method is listed; exclusions are explicit", () => {
    const onDisk = protectedRoutesOnDisk
      .map((r) => `${r.route} ${r.methods.sort().join(",")}`)
      .sort();
    const listed = Object.entries(PROTECTED_ROUTES)
      .map(([route, r]) => `${route} ${Object.keys(r.methods).sort().join(",")}`)
      .sort();
    expect(onDisk).toEqual(listed);
  });
});

type Who = (typeof ROLES)[number] | "signed out";
const WHO: Who[] = ["signed out", ...ROLES];

async function contextFor(who: Who): Promise<APIRequestContext> {
  return playwrightRequest.newContext({
    baseURL,
    ...(who !== "signed out" && { storageState: `e2e/.auth/${who}.json` }),
  });
}

test.describe("pages by direct URL", () => {
  test.beforeEach(({}, info) =>
    test.skip(info.project.name !== "desktop", "one viewport is enough for HTTP"),
  );
  for (const [route, { permission, sample }] of Object.entries(PROTECTED_PAGES)) {
    for (const who of WHO) {
      const allowed = who !== "signed out" && can(who, permission);
      test(`${route} as ${who} → ${who === "signed out" ? "sign-in" : allowed ? "allowed" : "forbidden"}`, async () => {
        const ctx = await contextFor(who);
        const res = await ctx.get(sample ?? route, { maxRedirects: 0 });
        const location = res.headers()["location"] ?? "";
        if (who === "signed out") {
          expect(res.status()).toBeGreaterThanOrEqual(300);
          expect(res.status()).toBeLessThan(400);
          expect(location).toMatch(/\/signin\?callbackUrl=/);
        } else if (allowed) {
          // A dynamic page's sample names no record: allowed through, then a real 404.
          expect(res.status()).toBe(sample?.includes("no-such") ? 404 : 200);
        } else if (res.status() !== 403) {
          // forbidden may also send the person to a page they may use, never to sign-in
          expect(res.status()).toBeGreaterThanOrEqual(300);
          expect(res.status()).toBeLessThan(400);
          expect(location).not.toMatch(/signin/);
        }
        await ctx.dispose();
      });
    }
  }
});

test.describe("route handlers by direct request", () => {
  test.beforeEach(({}, info) =>
    test.skip(info.project.name !== "desktop", "one viewport is enough for HTTP"),
  );
  for (const [route, { sample, methods }] of Object.entries(PROTECTED_ROUTES)) {
    for (const [method, permission] of Object.entries(methods)) {
      for (const who of WHO) {
        const allowed = who !== "signed out" && can(who, permission!);
        const expected = who === "signed out" ? 401 : allowed ? "not 401/403" : 403;
        test(`${method} ${route} as ${who} → ${expected}`, async () => {
          const ctx = await contextFor(who);
          const res = await ctx.fetch(sample, { method, data: {}, maxRedirects: 0 });
          if (typeof expected === "number") expect(res.status()).toBe(expected);
          else expect([401, 403]).not.toContain(res.status());
          await ctx.dispose();
        });
      }
    }
  }
});
