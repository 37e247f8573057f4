import { z } from "zod";
import { env } from "@/lib/env";

/** The contact fields we read from HubSpot. */
export type HubspotContact = {
  id: string;
  email: string | null;
  firstname: string | null;
  lastname: string | null;
};

/** A HubSpot API call that failed; the caller throws it on so the executor retries later. */
export class HubspotApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = "HubspotApiError";
  }
}

// GET /crm/v3/objects/contacts/{id}: { id, properties: {...}, createdAt, updatedAt, archived }
const ZContactResponse = z.object({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable().optional()),
});

export type HubspotClientOptions = { baseUrl?: string; token?: string; timeoutMs?: number };

export function hubspotApiConfigured(): boolean {
  return Boolean(env.HUBSPOT_ACCESS_TOKEN);
}

/**
 * Reads one contact's email and name. Returns null when HubSpot says the contact does not
 * exist (404). Throws HubspotApiError on anything else (5xx, 429, timeout, bad JSON).
 * Read-only; never retries itself.
 */
export async function fetchHubspotContact(
  contactId: string,
  opts: HubspotClientOptions = {},
): Promise<HubspotContact | null> {
  const token = opts.token ?? env.HUBSPOT_ACCESS_TOKEN;
  if (!token) throw new HubspotApiError("HUBSPOT_ACCESS_TOKEN is not configured", null);
  const base = (opts.baseUrl ?? env.HUBSPOT_API_BASE).replace(/\/+$/, "");
  const url = new URL(`${base}/crm/v3/objects/contacts/${encodeURIComponent(contactId)}`);
  url.searchParams.set("properties", "email,firstname,lastname");
  const timeoutMs = opts.timeoutMs ?? env.HUBSPOT_API_TIMEOUT_MS;

  let res: Response;
  try {
    res = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const timedOut = e instanceof Error && e.name === "TimeoutError";
    throw new HubspotApiError(
      timedOut
        ? `HubSpot contact ${contactId}: no answer within ${timeoutMs} ms`
        : `HubSpot contact ${contactId}: request failed (${e instanceof Error ? e.message : e})`,
      null,
    );
  }
  if (res.status === 404) return null;
  if (!res.ok) {
    const retryAfter = Number(res.headers.get("retry-after"));
    await res.body?.cancel();
    throw new HubspotApiError(
      `HubSpot contact ${contactId}: HTTP ${res.status}`,
      res.status,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    );
  }
  const parsed = ZContactResponse.safeParse(await res.json().catch(() => null));
  if (!parsed.success) {
    throw new HubspotApiError(`HubSpot contact ${contactId}: unexpected response`, res.status);
  }
  const p = parsed.data.properties;
  return {
    id: parsed.data.id,
    email: p.email || null,
    firstname: p.firstname || null,
    lastname: p.lastname || null,
  };
}
