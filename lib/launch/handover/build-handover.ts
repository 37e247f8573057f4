import type { Db } from "@/lib/db";
import { SECRET_CATALOG } from "@/lib/launch/checks/secret-catalog";
import { webhookUrl } from "@/lib/launch/checks/webhooks";
import { RUNBOOK } from "@/lib/launch/handover/runbook";
import { launchSettings } from "@/lib/launch/settings";

export type Block =
  | { kind: "p"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "table"; head: string[]; rows: string[][] };
export type Section = { title: string; blocks: Block[] };
export type Handover = { title: string; generatedAt: Date; sections: Section[] };

/** What the handover needs from configuration: names and public facts, never secret values. */
export type HandoverConfig = {
  publicBaseUrl: string;
  emailFrom: string;
  /** Host (and port) of SMTP_URL, without credentials. */
  smtpHost: string | null;
  /** Which env variables are set (names only). */
  configured: Set<string>;
  alertEmailTo: string | null;
};

const STATE_WORD = {
  pass: "Pass",
  warn: "Warning",
  fail: "Fail",
  not_configured: "Not configured",
};
const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "—");

/** Builds the handover document from stored settings and check results. Reads only. */
export async function buildHandover(
  db: Db,
  config: HandoverConfig,
  now = new Date(),
): Promise<Handover> {
  const [settings, checks, rotations, rules, targets] = await Promise.all([
    launchSettings(db),
    db.launchCheck.findMany({ orderBy: { key: "asc" } }),
    db.secretRotation.findMany(),
    db.alertRule.findMany({ orderBy: { key: "asc" } }),
    db.uptimeTarget.findMany({ orderBy: { createdAt: "asc" } }),
  ]);
  const byArea = (areas: string[]) =>
    checks
      .filter((c) => areas.includes(c.area))
      .map((c) => [
        c.title,
        STATE_WORD[c.state as keyof typeof STATE_WORD] ?? c.state,
        c.observed,
        c.fix ?? "—",
      ]);
  const checkTable = (areas: string[]): Block[] => {
    const rows = byArea(areas);
    return rows.length
      ? [{ kind: "table", head: ["Check", "State", "Observed", "Fix"], rows }]
      : [{ kind: "p", text: "No results yet: run the checks on the Launch page." }];
  };
  const rotation = new Map(rotations.map((r) => [r.name, r]));

  const sections: Section[] = [
    {
      title: "Domains and DNS records",
      blocks: [
        {
          kind: "table",
          head: ["Role", "Domain"],
          rows: [
            ["Production site", settings.productionDomain ?? "not set"],
            ["App API", settings.apiDomain ?? "not set"],
            ["This dashboard", settings.dashboardDomain ?? "not set"],
            ["Production URL", settings.productionUrl ?? "not set"],
          ],
        },
        ...checkTable(["domains", "tls", "edge"]),
      ],
    },
    {
      title: "Email setup",
      blocks: [
        {
          kind: "list",
          items: [
            `Sending address (EMAIL_FROM): ${config.emailFrom}`,
            `SMTP server: ${config.smtpHost ?? "not set"} (credentials in SMTP_URL)`,
            `DKIM selectors: ${settings.dkimSelectors.join(", ") || "none entered"}`,
          ],
        },
        ...checkTable(["email"]),
      ],
    },
    {
      title: "Secrets (names only — values live in the server's environment)",
      blocks: [
        {
          kind: "table",
          head: ["Variable", "Set", "Where it lives", "Owner", "Last rotated"],
          rows: SECRET_CATALOG.map((s) => [
            s.name,
            config.configured.has(s.name) ? "yes" : s.required ? "MISSING" : "no",
            s.lives,
            rotation.get(s.name)?.owner ?? "—",
            day(rotation.get(s.name)?.rotatedAt),
          ]),
        },
      ],
    },
    {
      title: "Webhooks",
      blocks: [
        {
          kind: "table",
          head: ["Provider", "Endpoint on this dashboard", "Signing secret variable"],
          rows: [
            ["Stripe", webhookUrl(config.publicBaseUrl, "stripe"), "STRIPE_WEBHOOK_SECRET"],
            ["Zendesk", webhookUrl(config.publicBaseUrl, "zendesk"), "ZENDESK_WEBHOOK_SECRET"],
            [
              "HubSpot",
              new URL("/api/webhooks/hubspot", config.publicBaseUrl).toString(),
              "HUBSPOT_CLIENT_SECRET",
            ],
            [
              "Product app",
              new URL("/api/webhooks/app", config.publicBaseUrl).toString(),
              "APP_INBOUND_WEBHOOK_SECRET",
            ],
          ],
        },
        ...checkTable(["webhooks"]),
      ],
    },
    {
      title: "Alert routes",
      blocks: [
        {
          kind: "list",
          items: [
            `Slack-compatible webhook: ${config.configured.has("ALERT_SLACK_WEBHOOK_URL") ? "configured (ALERT_SLACK_WEBHOOK_URL)" : "not configured"}`,
            `Email: ${config.alertEmailTo ?? "not configured (ALERT_EMAIL_TO)"}`,
            `Alerts page: ${new URL("/alerts", config.publicBaseUrl).toString()}`,
          ],
        },
        rules.length
          ? {
              kind: "table",
              head: ["Rule", "Enabled", "Threshold", "Window (min)"],
              rows: rules.map((r) => [
                r.name,
                r.enabled ? "yes" : "no",
                String(r.threshold),
                String(r.windowMinutes),
              ]),
            }
          : { kind: "p", text: "The default alert rules are created on the first evaluation." },
      ],
    },
    {
      title: "Uptime monitoring",
      blocks: targets.length
        ? [
            {
              kind: "list",
              items: targets.map(
                (t) => `${t.url}${t.keyword ? ` (must contain "${t.keyword}")` : ""}`,
              ),
            },
          ]
        : [{ kind: "p", text: "No URLs watched yet." }],
    },
    {
      title: "Runbook",
      blocks: RUNBOOK.flatMap((r): Block[] => [
        { kind: "p", text: `**${r.title}** (alert rule \`${r.key}\`)` },
        { kind: "list", items: r.steps },
      ]),
    },
  ];
  return { title: "Launch Ready handover", generatedAt: now, sections };
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/** The handover as Markdown. */
export function handoverMarkdown(doc: Handover): string {
  const out = [`# ${doc.title}`, "", `Generated ${doc.generatedAt.toISOString()}.`, ""];
  for (const s of doc.sections) {
    out.push(`## ${s.title}`, "");
    for (const b of s.blocks) {
      if (b.kind === "p") out.push(b.text, "");
      if (b.kind === "list") out.push(...b.items.map((i) => `- ${i}`), "");
      if (b.kind === "table") {
        out.push(
          `| ${b.head.map(cell).join(" | ")} |`,
          `| ${b.head.map(() => "---").join(" | ")} |`,
        );
        out.push(...b.rows.map((r) => `| ${r.map(cell).join(" | ")} |`), "");
      }
    }
  }
  return out.join("\n");
}
