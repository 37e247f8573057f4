import { ConnectorRefusal } from "@/lib/integrations/connector/refusal";
import {
  requestJson,
  joinUrl,
  unsupportedAction,
  type FetchLike,
} from "@/lib/integrations/connector/http";
import { contactProperties, desiredLifecycleStage, lifecycleStageToWrite } from "./properties";
import {
  ConnectorError,
  type Connector,
  type ConnectorResult,
  type CustomerSnapshot,
  type SyncTaskInput,
} from "@/lib/integrations/connector/types";

export type HubSpotConfig = {
  /** Private app access token (HUBSPOT_ACCESS_TOKEN), scope crm.objects.contacts.write. */
  accessToken?: string;
  /** HUBSPOT_API_BASE, default https://api.hubapi.com. */
  apiBase?: string;
  fetch?: FetchLike;
};

type ContactRead = { id: string; properties: Record<string, string | null> };
type BatchUpsertResponse = {
  status?: string;
  results?: { id: string; new?: boolean }[];
  errors?: { message?: string; category?: string }[];
  numErrors?: number;
};

const SERVICE = "HubSpot";

/**
 * The CRM connector: `crm.upsert_contact` upserts the customer's contact by email through
 * HubSpot's batch upsert (idProperty=email), so two racing tasks update one contact instead
 * of creating two. Lifecycle stage only ever moves forward (lead → customer).
 */
export function createHubSpotConnector(config: HubSpotConfig): Connector {
  const base = config.apiBase ?? "https://api.hubapi.com";
  const token = config.accessToken;
  const secrets = [token];

  function call<T>(
    signal: AbortSignal,
    what: string,
    method: "GET" | "POST",
    path: string,
    body?: unknown,
    accept?: number[],
    retryOn?: number[],
  ) {
    return requestJson<T>({
      service: SERVICE,
      what,
      method,
      url: joinUrl(base, path),
      headers: { authorization: `Bearer ${token}` },
      body,
      accept,
      retryOn,
      signal,
      fetch: config.fetch,
      secrets,
    });
  }

  /**
   * Idempotent: safe to run any number of times for the same customer; the contact converges
   * on the customer's current state and is never duplicated.
   */
  async function upsertContact(
    customer: CustomerSnapshot,
    signal: AbortSignal,
  ): Promise<ConnectorResult> {
    if (!customer.email) {
      throw new ConnectorError("HubSpot contact upsert: the customer has no email", "permanent");
    }
    // HubSpot keys contacts by email: writing this record there would overwrite the other
    // customer's contact. The identity-conflict exception asks a person to merge or keep apart.
    if (customer.emailClaimed) {
      throw new ConnectorRefusal(
        "HubSpot contact upsert: the email belongs to another customer record (identity conflict)",
      );
    }
    const email = customer.email.trim().toLowerCase();
    const current = await call<ContactRead>(
      signal,
      "contact lookup",
      "GET",
      `/crm/v3/objects/contacts/${encodeURIComponent(email)}?idProperty=email&properties=lifecyclestage`,
      undefined,
      [404],
    );
    const currentStage = current.status === 404 ? null : current.data?.properties?.lifecyclestage;
    const stage = lifecycleStageToWrite(currentStage, desiredLifecycleStage(customer));
    const properties = { ...contactProperties(customer), email };
    if (stage) Object.assign(properties, { lifecyclestage: stage });

    const { data } = await call<BatchUpsertResponse>(
      signal,
      "contact upsert",
      "POST",
      "/crm/v3/objects/contacts/batch/upsert",
      { inputs: [{ id: email, idProperty: "email", properties }] },
      undefined,
      // A 409 means a concurrent write to the same contact won; the retry updates it.
      [409],
    );
    const contact = data?.results?.[0];
    if (!contact?.id) {
      const why = data?.errors?.[0]?.message ?? "no result in the response";
      throw new ConnectorError(`HubSpot contact upsert returned no contact: ${why}`, "permanent");
    }
    return {
      externalRef: contact.id,
      detail: `${contact.new ? "created" : "updated"} contact${stage ? `, lifecycle ${stage}` : ""}`,
      identity: { crmContactId: contact.id },
    };
  }

  return {
    target: "crm",
    notConfiguredReason: () => (token ? null : "HUBSPOT_ACCESS_TOKEN is not set"),
    async perform(task: SyncTaskInput, customer: CustomerSnapshot, signal: AbortSignal) {
      if (!token) throw new ConnectorError("HUBSPOT_ACCESS_TOKEN is not set", "permanent");
      if (task.action !== "crm.upsert_contact") throw unsupportedAction(SERVICE, task.action);
      return upsertContact(customer, signal);
    },
  };
}
