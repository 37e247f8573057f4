import { z } from "zod";
import { writeAudit } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$|^localhost$/;

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .transform((s) => s.replace(/\.$/, ""))
  .refine(
    (s) => s === "" || HOSTNAME.test(s),
    "Enter a host name like app.example.com (no https://)",
  )
  .transform((s) => s || null);

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((s) => {
    if (!s) return true;
    try {
      const u = new URL(s);
      return (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password;
    } catch {
      return false;
    }
  }, "Enter a full URL like https://example.com/ (no user name or password in it)");

/** The form a founder fills in; empty fields mean "not set". */
export const ZLaunchSettingsInput = z.object({
  productionDomain: domain,
  apiDomain: domain,
  dashboardDomain: domain,
  productionUrl: httpUrl.transform((s) => s || null),
  dkimSelectors: z
    .string()
    .max(500)
    .transform((s) =>
      s
        .split(/[\s,]+/)
        .map((x) => x.trim().toLowerCase())
        .filter(Boolean),
    )
    .refine(
      (list) => list.length <= 10 && list.every((x) => /^[a-z0-9][a-z0-9._-]{0,62}$/.test(x)),
      "DKIM selectors are names like s1 or google, separated by commas (at most 10)",
    ),
});
export type LaunchSettingsInput = z.output<typeof ZLaunchSettingsInput>;

export type LaunchSettingsView = {
  productionDomain: string | null;
  apiDomain: string | null;
  dashboardDomain: string | null;
  productionUrl: string | null;
  dkimSelectors: string[];
  updatedBy: string | null;
  updatedAt: Date | null;
};

const EMPTY: LaunchSettingsView = {
  productionDomain: null,
  apiDomain: null,
  dashboardDomain: null,
  productionUrl: null,
  dkimSelectors: [],
  updatedBy: null,
  updatedAt: null,
};

/** What the founder entered (all empty until the first save). */
export async function launchSettings(db: Db): Promise<LaunchSettingsView> {
  const row = await db.launchSettings.findUnique({ where: { id: "default" } });
  if (!row) return EMPTY;
  const { id: _id, lastRunAt: _last, ...view } = row;
  return view;
}

/** True once a founder has saved launch settings (the schedule runs only then). */
export async function launchConfigured(db: Db): Promise<boolean> {
  return (await db.launchSettings.count()) > 0;
}

/**
 * Saves the launch settings and audits the change (before/after) in one transaction.
 * Idempotent: saving the same values again writes and audits nothing.
 */
export async function updateLaunchSettings(
  db: Db,
  input: LaunchSettingsInput,
  actor: string,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.launchSettings.findUnique({ where: { id: "default" } });
    const previous = before && {
      productionDomain: before.productionDomain,
      apiDomain: before.apiDomain,
      dashboardDomain: before.dashboardDomain,
      productionUrl: before.productionUrl,
      dkimSelectors: before.dkimSelectors,
    };
    if (previous && JSON.stringify(previous) === JSON.stringify({ ...previous, ...input })) return;
    const data = { ...input, updatedBy: actor };
    await tx.launchSettings.upsert({
      where: { id: "default" },
      create: { id: "default", ...data },
      update: data,
    });
    await writeAudit(tx, {
      actor,
      action: "launch.settings",
      target: "launch-settings",
      before: previous,
      after: input,
    });
  });
}

export const ZUptimeTargetInput = z.object({
  url: httpUrl.refine((s) => s.length > 0, "Enter the URL to watch"),
  keyword: z
    .string()
    .trim()
    .max(200, "Keep the keyword under 200 characters")
    .default("")
    .transform((s) => s || null),
});

/** Adds a URL to watch (audited). Refuses a URL already watched. */
export async function addUptimeTarget(
  db: Db,
  input: z.output<typeof ZUptimeTargetInput>,
  actor: string,
): Promise<{ id: string }> {
  const url = new URL(input.url).toString();
  return db.$transaction(async (tx) => {
    if (await tx.uptimeTarget.findUnique({ where: { url } }))
      throw new DomainError(`${url} is already watched`);
    const row = await tx.uptimeTarget.create({
      data: { url, keyword: input.keyword, createdBy: actor },
    });
    await writeAudit(tx, {
      actor,
      action: "launch.uptime_add",
      target: `uptime:${row.id}`,
      after: { url, keyword: input.keyword },
    });
    return { id: row.id };
  });
}

/** Stops watching a URL and drops its history (audited). Idempotent: a missing id is a no-op. */
export async function removeUptimeTarget(db: Db, id: string, actor: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.uptimeTarget.findUnique({ where: { id } });
    if (!row) return;
    await tx.uptimeTarget.delete({ where: { id } });
    await writeAudit(tx, {
      actor,
      action: "launch.uptime_remove",
      target: `uptime:${id}`,
      before: { url: row.url, keyword: row.keyword },
    });
  });
}
