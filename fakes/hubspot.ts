import { randomUUID } from "node:crypto";
import { HUBSPOT_CUSTOM_PROPERTIES, LIFECYCLE_ORDER } from "@/lib/integrations/hubspot/properties";
import { startFakeServer, type FakeRequest, type FakeResponse } from "./fake-server";

export type FakeContact = {
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  archived: false;
};

/** Default contact properties of a HubSpot portal, plus the custom ones our connector writes. */
const STANDARD_PROPERTIES = [
  "email",
  "firstname",
  "lastname",
  "lifecyclestage",
  "phone",
  "company",
];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function hubspotError(status: number, category: string, message: string): FakeResponse {
  return {
    status,
    body: { status: "error", message, correlationId: randomUUID(), category },
  };
}

/**
 * A local HubSpot CRM v3 contacts API: batch upsert by email
 * (POST /crm/v3/objects/contacts/batch/upsert) and read one contact
 * (GET /crm/v3/objects/contacts/{id}, `idProperty=email` to read by email), with the
 * documented request and response shapes and Bearer authentication. Emails are unique and
 * case-insensitive, as in HubSpot; unknown properties and backward lifecycle moves are
 * refused so a connector bug shows up as a 400 here rather than silently in production.
 */
export async function startFakeHubSpot(
  opts: {
    port?: number;
    accessToken?: string;
    customProperties?: string[];
    /** Called with a one-line description of every change (the demo prints them). */
    onEvent?: (line: string) => void;
  } = {},
) {
  const contacts = new Map<string, FakeContact>();
  const byEmail = new Map<string, string>();
  const known = new Set([
    ...STANDARD_PROPERTIES,
    ...(opts.customProperties ?? HUBSPOT_CUSTOM_PROPERTIES),
  ]);
  let nextId = 1001;

  function authorised(req: FakeRequest) {
    return !opts.accessToken || req.headers.authorization === `Bearer ${opts.accessToken}`;
  }

  function view(c: FakeContact, props?: string[]) {
    const defaults = [
      "createdate",
      "email",
      "firstname",
      "hs_object_id",
      "lastmodifieddate",
      "lastname",
    ];
    const wanted = new Set([...defaults, ...(props ?? [])]);
    const properties: Record<string, string | null> = {};
    for (const p of wanted) properties[p] = c.properties[p] ?? null;
    return {
      id: c.id,
      properties,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      archived: false,
    };
  }

  function upsert(req: FakeRequest): FakeResponse {
    const body = req.json as { inputs?: unknown } | undefined;
    const inputs = body?.inputs;
    if (!Array.isArray(inputs) || inputs.length === 0 || inputs.length > 100) {
      return hubspotError(400, "VALIDATION_ERROR", "inputs must contain between 1 and 100 items");
    }
    // Validate everything first: HubSpot applies a batch upsert all or nothing.
    for (const input of inputs as { id?: unknown; idProperty?: unknown; properties?: unknown }[]) {
      if (input.idProperty !== "email") {
        return hubspotError(400, "VALIDATION_ERROR", "(fake) only idProperty=email is supported");
      }
      if (typeof input.id !== "string" || !EMAIL.test(input.id)) {
        return hubspotError(
          400,
          "VALIDATION_ERROR",
          `Property values were not valid: [{"isValid":false,"message":"Email address ${String(input.id)} is invalid","error":"INVALID_EMAIL","name":"email"}]`,
        );
      }
      const props = (input.properties ?? {}) as Record<string, unknown>;
      for (const name of Object.keys(props)) {
        if (!known.has(name)) {
          return hubspotError(
            400,
            "VALIDATION_ERROR",
            `Property values were not valid: [{"isValid":false,"message":"Property \\"${name}\\" does not exist","error":"PROPERTY_DOESNT_EXIST","name":"${name}"}]`,
          );
        }
      }
      const existingId = byEmail.get(input.id.toLowerCase());
      const current = existingId ? contacts.get(existingId)!.properties.lifecyclestage : undefined;
      const next = props.lifecyclestage as string | undefined;
      if (current && next && LIFECYCLE_ORDER.indexOf(next) < LIFECYCLE_ORDER.indexOf(current)) {
        return hubspotError(
          400,
          "VALIDATION_ERROR",
          `(fake) lifecyclestage may only move forward: ${current} -> ${next}`,
        );
      }
    }
    const startedAt = new Date().toISOString();
    const results = (inputs as { id: string; properties?: Record<string, unknown> }[]).map(
      (input) => {
        const email = input.id.toLowerCase();
        const now = new Date().toISOString();
        let id = byEmail.get(email);
        const isNew = !id;
        if (!id) {
          id = String(nextId++);
          byEmail.set(email, id);
          contacts.set(id, {
            id,
            properties: { email, hs_object_id: id, createdate: now },
            createdAt: now,
            updatedAt: now,
            archived: false,
          });
        }
        const c = contacts.get(id)!;
        for (const [k, v] of Object.entries(input.properties ?? {})) {
          if (k !== "email") c.properties[k] = v == null ? "" : String(v);
        }
        c.properties.lastmodifieddate = now;
        c.updatedAt = now;
        opts.onEvent?.(
          `HubSpot: contact ${c.id} ${isNew ? "created" : "updated"} (${email}, ${c.properties.lifecyclestage ?? "no stage"})`,
        );
        return { ...view(c, Object.keys(input.properties ?? {})), new: isNew };
      },
    );
    return {
      status: 200,
      body: {
        status: "COMPLETE",
        results,
        requestedAt: startedAt,
        startedAt,
        completedAt: new Date().toISOString(),
      },
    };
  }

  function getOne(req: FakeRequest, idOrEmail: string): FakeResponse {
    const byProp = req.query.get("idProperty");
    const id = byProp === "email" ? byEmail.get(idOrEmail.toLowerCase()) : idOrEmail;
    const c = id ? contacts.get(id) : undefined;
    if (!c) return hubspotError(404, "OBJECT_NOT_FOUND", "resource not found");
    const props = req.query.get("properties")?.split(",").filter(Boolean);
    return { status: 200, body: view(c, props) };
  }

  const server = await startFakeServer({
    name: "hubspot",
    port: opts.port,
    inspect: () => ({ contacts: [...contacts.values()] }),
    handle(req) {
      if (!authorised(req)) {
        return hubspotError(
          401,
          "INVALID_AUTHENTICATION",
          "Authentication credentials not found. This API supports OAuth 2.0 authentication.",
        );
      }
      if (req.method === "POST" && req.path === "/crm/v3/objects/contacts/batch/upsert") {
        return upsert(req);
      }
      const one = /^\/crm\/v3\/objects\/contacts\/([^/]+)$/.exec(req.path);
      if (req.method === "GET" && one) return getOne(req, decodeURIComponent(one[1]));
      return hubspotError(404, "OBJECT_NOT_FOUND", `(fake) no route for ${req.method} ${req.path}`);
    },
  });

  return {
    ...server,
    /** Every stored contact (copies), oldest first. */
    contacts: (): FakeContact[] => [...contacts.values()].map((c) => structuredClone(c)),
    contactByEmail: (email: string): FakeContact | undefined => {
      const id = byEmail.get(email.toLowerCase());
      return id ? structuredClone(contacts.get(id)) : undefined;
    },
    /** Stores a contact as if it had been created in HubSpot with this id. */
    putContact(id: string, properties: Record<string, string>) {
      const now = new Date().toISOString();
      contacts.set(id, {
        id,
        properties: { ...properties },
        createdAt: now,
        updatedAt: now,
        archived: false,
      });
      if (properties.email) byEmail.set(properties.email.toLowerCase(), id);
    },
    /** Forgets every contact and recorded request (faults stay as they are). */
    clear() {
      server.requests.length = 0;
      contacts.clear();
      byEmail.clear();
    },
  };
}

export type FakeHubSpot = Awaited<ReturnType<typeof startFakeHubSpot>>;
