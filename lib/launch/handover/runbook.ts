/** What to do when an alert fires, per alert rule key (lib/alerts/default-rules.ts). */
export const RUNBOOK: { key: string; title: string; steps: string[] }[] = [
  {
    key: "webhook_failure_rate",
    title: "Webhook failures above the threshold",
    steps: [
      "Open Ledger, filter status = failed, and read the newest errors.",
      "Rejected (401/400) deliveries mean a wrong or rotated signing secret: compare the provider's secret with the env variable listed under Secrets and update it.",
      "Failed processing means the engine could not apply the event: fix the cause (often a Stripe read timing out), then retry the rows from the ledger.",
    ],
  },
  {
    key: "sync_latency_p95",
    title: "Sync to CRM, support, email or app is slow",
    steps: [
      "Open Exceptions and Overview: which target is behind?",
      "Check the provider's status page and its API limits; the connector retries with backoff by itself.",
      "If the backlog keeps growing, check the worker (Inngest dashboard, or this server's log for the in-process sweep).",
    ],
  },
  {
    key: "dead_task",
    title: "A sync task gave up (dead)",
    steps: [
      "Open Exceptions: each dead task says the customer, the target and the last error.",
      "Fix the cause (expired token, deleted record at the provider), then press Retry on the exception.",
    ],
  },
  {
    key: "payment_to_access_p95",
    title: "Paying customers wait too long for access",
    steps: [
      "Check that Stripe webhooks arrive (Launch → Webhooks) and that the ledger is not failing.",
      "Check the worker is running: events stuck in 'received' mean no executor picked them up.",
      "For one waiting customer, open their page: it says why access is not active yet.",
    ],
  },
  {
    key: "duplicate_side_effect",
    title: "A side effect happened twice",
    steps: [
      "Open the alert's detail: which action (welcome email, ticket, CRM write) repeated.",
      "Tell the affected customers if it was an email; close the duplicate ticket if it was a ticket.",
      "File a bug with the ledger event ids: the engine should make every side effect happen once.",
    ],
  },
  {
    key: "uptime_down",
    title: "A watched URL is down",
    steps: [
      "Open the URL yourself and from another network.",
      "Check the host's status page and the last deploy; roll back if the deploy is the cause.",
      "Post on your status page if it lasts more than a few minutes.",
    ],
  },
  {
    key: "cert_expiry",
    title: "A TLS certificate expires soon",
    steps: [
      "Check the host's automatic renewal (Let's Encrypt, Cloudflare, the platform) and its CAA records.",
      "Renew or re-issue the certificate, then re-run the TLS checks on the Launch page.",
    ],
  },
];
