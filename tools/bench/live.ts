// Bench part "live": change in the database → visible in open pages. A production server,
// N real browser pages (Chromium, one context each, like N people) signed in on /exceptions;
// an exception is inserted straight into Postgres and each page's latency is the time until
// that exception is in its DOM (no reload: the SSE stream and router.refresh do it). Then the
// requests each tab makes per minute, idle and during a burst of 1,000 row changes.
// BENCH_LIVE_PAGES changes the number of pages (default 20).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import {
  check,
  checkLines,
  fmtMs,
  machine,
  pct,
  sleep,
  today,
  type BenchOptions,
  type PartResult,
  databaseNamed,
} from "@/tools/bench/harness";
import { readServerEnv } from "@/tools/bench/reads-http";
import { startNextServer } from "@/tools/bench/server";
import { connect, freshDatabase, type BenchDb } from "@/tools/bench/stack";

const ADMIN = "admin@demo.launchready.dev";

/** Signs the demo admin in through next-auth's demo credentials provider; the session cookie. */
async function signIn(base: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const res = await fetch(`${base}/api/auth/callback/demo`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email: ADMIN, json: "true" }),
  });
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`demo sign-in failed (${res.status})`);
  return session.slice("next-auth.session-token=".length);
}

async function insertException(db: BenchDb, tag: string): Promise<string> {
  const id = `bench-live-${tag}`;
  await db.query(
    `INSERT INTO "ExceptionRecord" (id, kind, title, detail) VALUES ($1, 'bench_live', $2, 'bench')`,
    [id, `Bench live ${tag}`],
  );
  return id;
}

/** Requests each page made in [from, to) per minute: [min, median, max]. */
function perMinute(counts: number[][], seconds: number): string {
  const rates = counts.map((c) => (c.length * 60) / seconds).sort((a, b) => a - b);
  return `${rates[0].toFixed(1)} / ${pct(rates, 0.5).toFixed(1)} / ${rates.at(-1)!.toFixed(1)}`;
}

/**
 * Page-side clocks (wall time, ms, same clock as the bench process): when each exception row
 * first entered the DOM (a MutationObserver, so no polling delay is counted), when each
 * "change" event of the live stream arrived, and the page's refresh fetches (resource timing).
 */
// A string, not a function: tsx's name helpers do not exist in the page.
const PAGE_CLOCKS = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  window.__seen = {};
  window.__changes = [];
  const mark = (n) => {
    if (!(n instanceof Element)) return;
    const els = n.matches("[data-exception-id]") ? [n] : n.querySelectorAll("[data-exception-id]");
    for (const el of els) {
      const id = el.getAttribute("data-exception-id");
      if (!(id in window.__seen)) window.__seen[id] = now();
    }
  };
  new MutationObserver((records) => {
    for (const r of records) r.addedNodes.forEach(mark);
  }).observe(document, { subtree: true, childList: true });
  const Original = window.EventSource;
  window.EventSource = class extends Original {
    constructor(url, init) {
      super(url, init);
      this.addEventListener("change", () => window.__changes.push(now()));
    }
  };
})();`;

type PageClocks = {
  seen: number | null;
  change: number | null;
  fetchStart: number | null;
  fetchEnd: number | null;
};

/** What one page recorded for one round, from its own clocks (see PAGE_CLOCKS). */
function readClocks(page: Page, id: string, after: number): Promise<PageClocks> {
  return page.evaluate(`(() => {
    const id = ${JSON.stringify(id)};
    const after = ${after};
    const abs = (t) => performance.timeOrigin + t;
    const fetches = performance
      .getEntriesByType("resource")
      .filter((e) => e.name.includes("_rsc=") && abs(e.startTime) >= after)
      .sort((a, b) => a.startTime - b.startTime);
    return {
      seen: window.__seen[id] ?? null,
      change: window.__changes.find((t) => t >= after) ?? null,
      fetchStart: fetches[0] ? abs(fetches[0].startTime) : null,
      fetchEnd: fetches[0] ? abs(fetches[0].responseEnd) : null,
    };
  })()`);
}

/**
 * The browser to start. BENCH_LIVE_BROWSER_NICE=n starts it at that CPU priority (a wrapper
 * script in a temp folder): the 20 pages then stand for viewers on their own machines instead
 * of taking the server's CPU; the report says which was measured.
 */
function browserPath(): string {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const nice = Number(process.env.BENCH_LIVE_BROWSER_NICE ?? 0);
  if (!nice) return chromium;
  const wrapper = join(mkdtempSync(join(tmpdir(), "bench-live-")), "chromium");
  writeFileSync(wrapper, `#!/bin/sh\nexec nice -n ${nice} ${chromium} "$@"\n`, { mode: 0o755 });
  return wrapper;
}

/** Resolves once the page's observer saw the row, asking every 250 ms; rejects after `ms`. */
async function waitSeen(page: Page, id: string, ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (!(await page.evaluate(`window.__seen[${JSON.stringify(id)}] !== undefined`))) {
    if (performance.now() > until) throw new Error(`not in the DOM within ${ms} ms`);
    await sleep(250);
  }
}

export async function runLive(o: BenchOptions): Promise<PartResult> {
  const pages = Number(process.env.BENCH_LIVE_PAGES ?? 20);
  const size = o.short
    ? { pages, rounds: 3, idleSeconds: 10, burst: 1000, burstSeconds: 5 }
    : { pages, rounds: 10, idleSeconds: 60, burst: 1000, burstSeconds: 10 };
  const databaseUrl = databaseNamed(o.database, "live");
  await freshDatabase(databaseUrl, o.database);
  const db = await connect(databaseUrl);
  await db.query(
    `INSERT INTO "User" (id, email, name, role) VALUES ('bench-admin', $1, 'Bench Admin', 'admin')`,
    [ADMIN],
  );
  const server = startNextServer(o.port, {
    ...readServerEnv({
      databaseUrl,
      port: o.port,
      opsApiToken: "bench-ops-api-token-0123456789abcdef",
    }),
    NEXTAUTH_URL: `http://127.0.0.1:${o.port}`,
    ALLOW_DEMO_SIGNIN: "1",
  });
  let browser: Browser | null = null;
  try {
    await server.waitHealthy();
    const token = await signIn(server.base);
    browser = await chromium.launch({
      executablePath: browserPath(),
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    const requests: number[][] = Array.from({ length: size.pages }, () => []);
    const urls: { t: number; url: string }[][] = Array.from({ length: size.pages }, () => []);
    const pages: Page[] = [];
    for (let i = 0; i < size.pages; i++) {
      const context = await browser.newContext();
      await context.addCookies([
        { name: "next-auth.session-token", value: token, url: server.base },
      ]);
      const page = await context.newPage();
      await page.addInitScript({ content: PAGE_CLOCKS });
      page.on("request", (r) => {
        requests[i].push(performance.now());
        urls[i].push({ t: performance.now(), url: r.url().replace(server.base, "") });
      });
      await page.goto(`${server.base}/exceptions`);
      pages.push(page);
    }
    await Promise.all(
      pages.map((p) =>
        p.waitForSelector('[data-testid="live-status"][data-state="open"]', {
          state: "attached",
          timeout: 30_000,
        }),
      ),
    );
    o.log(`live: ${size.pages} pages open on /exceptions`);
    await sleep(1000);

    // Latency: one change, every page, several rounds. Each page says itself when the row
    // entered its DOM. The bench asks every 250 ms rather than with Playwright's default
    // per-frame polling: 20 pages polling every frame take the CPU the server needs (measured:
    // p95 4.2 s that way), a load no real viewer puts on the server's machine.
    const latencies: number[] = [];
    const toStream: number[] = [];
    const toAsked: number[] = [];
    const toFetched: number[] = [];
    const toDom: number[] = [];
    let missed = 0;
    for (let r = 0; r < size.rounds; r++) {
      const before = performance.timeOrigin + performance.now();
      const id = await insertException(db, `${Date.now()}-${r}`);
      const committed = performance.timeOrigin + performance.now();
      await Promise.all(
        pages.map((p) =>
          waitSeen(p, id, 15_000)
            .then(async () => {
              const c = await readClocks(p, id, before);
              if (c.seen === null) throw new Error("row in the DOM but not seen by the observer");
              latencies.push(c.seen - committed);
              if (c.change !== null) toStream.push(c.change - committed);
              if (c.fetchStart !== null && c.change !== null) toAsked.push(c.fetchStart - c.change);
              if (c.fetchEnd !== null && c.fetchStart !== null)
                toFetched.push(c.fetchEnd - c.fetchStart);
              if (c.fetchEnd !== null) toDom.push(c.seen - c.fetchEnd);
            })
            .catch(async (e) => {
              missed++;
              o.log(`live: ${String(e).split("\n")[0]}`);
              const ids = await p
                .locator("[data-exception-id]")
                .evaluateAll((els) => els.map((e) => e.getAttribute("data-exception-id")));
              o.log(`live: missed ${id} on ${p.url()}; page shows ${ids.join(",")}`);
            }),
        ),
      );
      await sleep(1500);
    }
    for (const xs of [toStream, toAsked, toFetched, toDom]) xs.sort((a, b) => a - b);
    latencies.sort((a, b) => a - b);

    // Requests per tab per minute while nothing changes.
    await sleep(1500);
    const idleFrom = performance.now();
    await sleep(size.idleSeconds * 1000);
    const idleTo = performance.now();
    const idle = requests.map((rs) => rs.filter((t) => t >= idleFrom && t < idleTo));
    const idleUrls = urls.flatMap((us) => us.filter((u) => u.t >= idleFrom && u.t < idleTo));
    if (idleUrls.length) o.log(`live: idle requests: ${idleUrls.map((u) => u.url).join(" ")}`);

    // … and during a burst of 1,000 row changes spread over burstSeconds (many transactions).
    const burstFrom = performance.now();
    const batches = 50;
    for (let b = 0; b < batches; b++) {
      await db.query(
        `INSERT INTO "ExceptionRecord" (id, kind, title, detail)
         SELECT 'bench-burst-' || $1 || '-' || g, 'bench_live', 'Burst', 'bench'
           FROM generate_series(1, $2) g`,
        [b, size.burst / batches],
      );
      await sleep((size.burstSeconds * 1000) / batches);
    }
    const burstTo = performance.now();
    await sleep(1500);
    const burstWindow = (performance.now() - burstFrom) / 1000;
    const burst = requests.map((rs) => rs.filter((t) => t >= burstFrom));
    // The page's own refreshes, apart from the prefetches of its links that each one re-triggers.
    const burstRefreshes = urls.map((us) =>
      us.filter((u) => u.t >= burstFrom && u.url.startsWith("/exceptions?_rsc=")).map((u) => u.t),
    );

    const p95 = pct(latencies, 0.95);
    const checks = [
      check(
        `live: change → visible p95 < 2 s with ${size.pages} open pages`,
        latencies.length > 0 && p95 < 2000 && missed === 0,
        `p95 ${fmtMs(p95)} over ${latencies.length} page updates, ${missed} missed`,
      ),
      check(
        "live: an idle tab makes no requests",
        idle.every((rs) => rs.length === 0),
        `${perMinute(idle, size.idleSeconds)} requests/min per tab (min / median / max)`,
      ),
      check(
        "live: a burst of 1,000 changes costs a tab at most ~1 refresh a second",
        burstRefreshes.every((rs) => (rs.length * 60) / burstWindow <= 75),
        `${perMinute(burstRefreshes, burstWindow)} refreshes/min per tab (min / median / max); all requests ${perMinute(burst, burstWindow)}`,
      ),
    ];
    void burstTo;
    return {
      lines: [
        `## Live updates with ${size.pages} open pages — ${today()}`,
        "",
        `Machine: ${machine()}, local PostgreSQL. Command: \`${o.command}\``,
        "",
        `A production server and ${size.pages} Chromium pages (one browser context each) signed in on /exceptions, on the same 2 cores as the server${process.env.BENCH_LIVE_BROWSER_NICE ? ` (browser at nice ${process.env.BENCH_LIVE_BROWSER_NICE}, so it yields the CPU to the server as a viewer's own machine would)` : " at the same CPU priority"}; each round inserts one exception straight into Postgres and each page records itself, with a MutationObserver, when the row entered its DOM (commit → trigger → NOTIFY → the process's LISTEN connection → coalesced → SSE → router.refresh → server render → DOM; split into its parts below). Then requests per tab: ${size.idleSeconds} s idle, and a burst of ${size.burst.toLocaleString("en-US")} exceptions inserted in ${batches} transactions over ${size.burstSeconds} s.`,
        "",
        "| measure | value |",
        "| --- | --- |",
        `| change → visible, p50 / p95 / max | ${fmtMs(pct(latencies, 0.5))} / ${fmtMs(p95)} / ${fmtMs(latencies.at(-1) ?? NaN)} (${latencies.length} page updates, ${missed} missed) |`,
        `| of which commit → the change event in the page, p50 / p95 | ${fmtMs(pct(toStream, 0.5))} / ${fmtMs(pct(toStream, 0.95))} |`,
        `| of which change event → refresh asked (browser), p50 / p95 | ${fmtMs(pct(toAsked, 0.5))} / ${fmtMs(pct(toAsked, 0.95))} |`,
        `| of which refresh asked → refreshed page received (server render), p50 / p95 | ${fmtMs(pct(toFetched, 0.5))} / ${fmtMs(pct(toFetched, 0.95))} |`,
        `| of which received → row in the DOM (browser), p50 / p95 | ${fmtMs(pct(toDom, 0.5))} / ${fmtMs(pct(toDom, 0.95))} |`,
        `| requests/min per tab, idle (min / median / max) | ${perMinute(idle, size.idleSeconds)} |`,
        `| refreshes/min per tab during the burst (min / median / max) | ${perMinute(burstRefreshes, burstWindow)} |`,
        `| all requests/min per tab during the burst, with the prefetches of the page's own links each refresh re-triggers | ${perMinute(burst, burstWindow)} |`,
        `| server peak RSS | ${server.peakRssMb().toFixed(0)} MB |`,
        "",
        ...checkLines(checks),
      ],
      checks,
    };
  } finally {
    await browser?.close();
    await server.stop();
    await db.end();
  }
}
