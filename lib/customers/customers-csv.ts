import type { CustomerRow } from "@/lib/customers/queries";

export const CSV_COLUMNS = [
  "id",
  "email",
  "name",
  "access_status",
  "billing_status",
  "reason_codes",
  "next_action",
  "sync_state",
  "last_synced_at",
  "stripe_customer_id",
  "hubspot_contact_id",
  "zendesk_user_id",
  "app_user_id",
] as const;

/**
 * One CSV cell. Spreadsheet formula injection: a value starting with = + - @ (or a tab or
 * carriage return, which some spreadsheets strip first) gets a leading apostrophe so it is
 * shown as text, never evaluated. Then RFC 4180 quoting.
 */
export function csvCell(value: string | null | undefined): string {
  let v = value ?? "";
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

export function csvLine(cells: (string | null | undefined)[]): string {
  return cells.map(csvCell).join(",") + "\r\n";
}

export function customerCsvLine(c: CustomerRow): string {
  return csvLine([
    c.id,
    c.email,
    c.name,
    c.accessStatus,
    c.billingStatus,
    c.reasons.map((r) => r.code).join(" "),
    c.reasons[0]?.nextAction,
    c.sync.state,
    c.lastSyncedAt,
    c.stripeCustomerId,
    c.crmContactId,
    c.supportUserId,
    c.appUserId,
  ]);
}

/** The CSV of a view as a stream of lines: header row first, then each batch of rows. */
export async function* customersCsv(batches: AsyncIterable<CustomerRow[]>): AsyncGenerator<string> {
  yield csvLine([...CSV_COLUMNS]);
  for await (const batch of batches) yield batch.map(customerCsvLine).join("");
}
