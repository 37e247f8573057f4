// After a run has drained: nothing lost, nothing duplicated — counted in the ledger and at
// the receiving ends (HubSpot fake, SMTP capture, product app receiver), per customer.
import { check, type Check } from "@/tools/bench/harness";
import type { ProviderLoad } from "@/tools/bench/provider-load";
import type { BenchDb, Stack } from "@/tools/bench/stack";

const tally = (keys: string[]) => {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
};

/** Every event 2xx'd, in the ledger once, processed once; one of each side effect per customer. */
export async function verifyExactlyOnce(
  db: BenchDb,
  stack: Stack,
  load: ProviderLoad,
): Promise<Check[]> {
  const events = [...load.events.entries()];
  const ids = events.map(([id]) => id);
  const acked = events.filter(([, e]) => e.ackedAt !== null).map(([id]) => id);
  const checks: Check[] = [];

  checks.push(
    check(
      "every event eventually got a 2xx",
      acked.length === ids.length,
      `${acked.length} of ${ids.length} events`,
    ),
  );
  const rows = (
    await db.query<{ externalId: string; status: string; processedAt: Date | null }>(
      `SELECT "externalId", status, "processedAt" FROM "LedgerEvent" WHERE source = 'stripe'`,
    )
  ).rows;
  const rowsById = tally(rows.map((r) => r.externalId));
  const missing = acked.filter((id) => !rowsById.has(id));
  checks.push(
    check(
      "every 2xx'd event is in the ledger",
      missing.length === 0,
      `${acked.length - missing.length} of ${acked.length}${missing.length ? ` (missing e.g. ${missing[0]})` : ""}`,
    ),
  );
  const extra = rows.length - ids.length;
  checks.push(
    check(
      "ledger rows = unique events sent (no duplicate or stray row)",
      rows.length === ids.length && [...rowsById.values()].every((n) => n === 1),
      `${rows.length} rows, ${ids.length} unique events${extra ? `, difference ${extra}` : ""}`,
    ),
  );
  const unprocessed = rows.filter((r) => r.status !== "processed" || !r.processedAt);
  checks.push(
    check(
      "every ledger row processed",
      unprocessed.length === 0,
      unprocessed.length
        ? `${unprocessed.length} not processed (e.g. ${unprocessed[0].externalId}: ${unprocessed[0].status})`
        : `${rows.length} processed`,
    ),
  );

  const emails = events.map(([, e]) => e.email);
  const contacts = tally(stack.fakes.hubspot.contacts().map((c) => c.properties.email));
  const welcome = stack.mail.mails.filter((m) => /^Welcome/.test(m.subject));
  // A resend after a crash carries the same Message-ID (receivers drop it), so the side
  // effect is one distinct Message-ID per customer; raw resends are reported alongside.
  const welcomeIds = new Map<string, Set<string>>();
  for (const m of welcome)
    for (const to of m.to) {
      const set = welcomeIds.get(to) ?? new Set<string>();
      set.add(m.messageId ?? `no-id-${m.id}`);
      welcomeIds.set(to, set);
    }
  const appMessages = stack.fakes.app.messages();
  const appByEmail = tally(
    appMessages.map((m) => (m.payload as { data?: { email?: string } }).data?.email ?? ""),
  );
  const wrong = (name: string, n: (email: string) => number) => {
    const bad = emails.filter((e) => n(e) !== 1);
    return check(
      `exactly one ${name} per customer`,
      bad.length === 0 && emails.length > 0,
      bad.length
        ? `${bad.length} of ${emails.length} customers wrong (e.g. ${bad[0]}: ${n(bad[0])})`
        : `${emails.length} customers, ${emails.length} ${name}s`,
    );
  };
  checks.push(wrong("HubSpot contact", (e) => contacts.get(e) ?? 0));
  checks.push(wrong("welcome email", (e) => welcomeIds.get(e)?.size ?? 0));
  checks.push(wrong("app webhook", (e) => appByEmail.get(e) ?? 0));
  const otherContacts = [...contacts.keys()].filter((e) => !emails.includes(e)).length;
  const resent = welcome.length - [...welcomeIds.values()].reduce((n, s) => n + s.size, 0);
  checks.push(
    check(
      "no side effect for anyone else",
      otherContacts === 0 && appMessages.length === emails.length,
      `${otherContacts} stray contacts, ${appMessages.length} distinct app webhooks; raw deliveries: ${welcome.length} welcome SMTP messages (${resent} resends with the same Message-ID), ${stack.fakes.app.received().length} app webhook deliveries received`,
    ),
  );

  const tasks = (
    await db.query<{ status: string; n: string }>(
      `SELECT status::text, count(*) AS n FROM "SyncTask" GROUP BY 1 ORDER BY 1`,
    )
  ).rows;
  const open = tasks.filter((t) => ["pending", "running", "failed", "dead"].includes(t.status));
  checks.push(
    check(
      "no sync task left pending, running, failed or dead",
      open.length === 0,
      tasks.map((t) => `${t.status} ${t.n}`).join(", ") || "no tasks",
    ),
  );
  return checks;
}
