import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as appPost } from "@/app/api/webhooks/app/route";
import { POST as hubspotPost } from "@/app/api/webhooks/hubspot/route";
import { POST as stripePost } from "@/app/api/webhooks/stripe/route";
import { POST as zendeskPost } from "@/app/api/webhooks/zendesk/route";
import { countAllRows, rejectionsCounted, REJECTION_COUNTER, resetDatabase } from "@/test/db";
import {
  appEvent,
  appWebhookRequest,
  hubspotContactEvent,
  hubspotWebhookRequest,
  zendeskTicketEvent,
  zendeskWebhookRequest,
} from "@/test/inbound-requests";
import { invoicePaid } from "@/fakes/stripe/events";
import { stripeWebhookRequest } from "@/test/webhook-requests";

type Attack =
  | { kind: "signed-garbage"; body: string }
  | { kind: "unsigned-garbage"; body: string }
  | { kind: "truncated"; at: number }
  | { kind: "other-body"; body: string }
  | { kind: "wrong-secret" }
  | { kind: "missing-signature" }
  | { kind: "forged-signature"; signature: string }
  | { kind: "old"; seconds: number }
  | { kind: "future"; seconds: number }
  | { kind: "content-type"; type: string }
  | { kind: "oversize"; extra: number };

const text = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.string({ unit: "binary", minLength: 1000, maxLength: 5000 }),
);

const attack: fc.Arbitrary<Attack> = fc.oneof(
  fc.record({ kind: fc.constant("signed-garbage" as const), body: text }),
  fc.record({ kind: fc.constant("unsigned-garbage" as const), body: text }),
  fc.record({
    kind: fc.constant("truncated" as const),
    at: fc.double({ min: 0, max: 0.99, noNaN: true }),
  }),
  fc.record({ kind: fc.constant("other-body" as const), body: text }),
  fc.record({ kind: fc.constant("wrong-secret" as const) }),
  fc.record({ kind: fc.constant("missing-signature" as const) }),
  fc.record({
    kind: fc.constant("forged-signature" as const),
    signature: fc.string({ maxLength: 200 }),
  }),
  fc.record({
    kind: fc.constant("old" as const),
    seconds: fc.integer({ min: 360, max: 10 * 86_400 }),
  }),
  fc.record({
    kind: fc.constant("future" as const),
    seconds: fc.integer({ min: 360, max: 10 * 86_400 }),
  }),
  fc.record({
    kind: fc.constant("content-type" as const),
    type: fc.constantFrom(
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data",
      "",
    ),
  }),
  fc.record({ kind: fc.constant("oversize" as const), extra: fc.integer({ min: 1, max: 4096 }) }),
);

/** A well-formed, correctly signed delivery, then the attack applied to it. */
type Route = {
  name: string;
  post: (req: Request) => Promise<Response>;
  build: (a: Attack) => Request;
};

const nowS = () => Math.floor(Date.now() / 1000);
const big = (extra: number) => JSON.stringify({ padding: "x".repeat(1024 * 1024 + extra) });

function withContentType(req: Request, type: string): Request {
  const headers = new Headers(req.headers);
  if (type) headers.set("content-type", type);
  else headers.delete("content-type");
  return new Request(req.url, {
    method: "POST",
    headers,
    body: req.body,
    duplex: "half",
  } as RequestInit);
}

const routes: Route[] = [
  {
    name: "stripe",
    post: stripePost,
    build: (a) => {
      const valid = invoicePaid({ customer: "cus_fuzz", email: "fuzz@example.com" });
      const body = JSON.stringify(valid);
      switch (a.kind) {
        case "signed-garbage":
          return stripeWebhookRequest(a.body);
        case "unsigned-garbage":
          return stripeWebhookRequest(a.body, { signature: null });
        case "truncated": {
          const r = stripeWebhookRequest(valid);
          return new Request(r.url, {
            method: "POST",
            headers: r.headers,
            body: body.slice(0, Math.floor(body.length * a.at)),
          });
        }
        case "other-body": {
          const r = stripeWebhookRequest(valid);
          return new Request(r.url, { method: "POST", headers: r.headers, body: a.body + body });
        }
        case "wrong-secret":
          return stripeWebhookRequest(valid, { secret: "whsec_not_ours" });
        case "missing-signature":
          return stripeWebhookRequest(valid, { signature: null });
        case "forged-signature":
          return stripeWebhookRequest(valid, { signature: a.signature || "t=1,v1=00" });
        case "old":
          return stripeWebhookRequest(valid, { timestamp: nowS() - a.seconds });
        case "future":
          return stripeWebhookRequest(valid, { timestamp: nowS() + a.seconds });
        case "content-type":
          return withContentType(stripeWebhookRequest(valid), a.type);
        case "oversize":
          return stripeWebhookRequest(big(a.extra));
      }
    },
  },
  {
    name: "hubspot",
    post: hubspotPost,
    build: (a) => {
      const valid = [hubspotContactEvent("contact.creation", 901)];
      const body = JSON.stringify(valid);
      switch (a.kind) {
        case "signed-garbage":
          return hubspotWebhookRequest(a.body);
        case "unsigned-garbage":
          return hubspotWebhookRequest(a.body, { signature: null });
        case "truncated":
          return hubspotWebhookRequest(valid, {
            body: body.slice(0, Math.floor(body.length * a.at)),
          });
        case "other-body":
          return hubspotWebhookRequest(valid, { body: a.body + body });
        case "wrong-secret":
          return hubspotWebhookRequest(valid, { secret: "not-the-client-secret" });
        case "missing-signature":
          return hubspotWebhookRequest(valid, { signature: null });
        case "forged-signature":
          return hubspotWebhookRequest(valid, { signature: a.signature });
        case "old":
          return hubspotWebhookRequest(valid, { timestamp: Date.now() - a.seconds * 1000 });
        case "future":
          return hubspotWebhookRequest(valid, { timestamp: Date.now() + a.seconds * 1000 });
        case "content-type":
          return withContentType(hubspotWebhookRequest(valid), a.type);
        case "oversize":
          return hubspotWebhookRequest(big(a.extra));
      }
    },
  },
  {
    name: "zendesk",
    post: zendeskPost,
    build: (a) => {
      const valid = zendeskTicketEvent("created", { id: "77", requesterId: "5" });
      const body = JSON.stringify(valid);
      const iso = (s: number) => new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
      switch (a.kind) {
        case "signed-garbage":
          return zendeskWebhookRequest(a.body);
        case "unsigned-garbage":
          return zendeskWebhookRequest(a.body, { signature: null });
        case "truncated":
          return zendeskWebhookRequest(valid, {
            body: body.slice(0, Math.floor(body.length * a.at)),
          });
        case "other-body":
          return zendeskWebhookRequest(valid, { body: a.body + body });
        case "wrong-secret":
          return zendeskWebhookRequest(valid, { secret: "not-the-signing-secret" });
        case "missing-signature":
          return zendeskWebhookRequest(valid, { signature: null });
        case "forged-signature":
          return zendeskWebhookRequest(valid, { signature: a.signature });
        case "old":
          return zendeskWebhookRequest(valid, { timestamp: iso(nowS() - a.seconds) });
        case "future":
          return zendeskWebhookRequest(valid, { timestamp: iso(nowS() + a.seconds) });
        case "content-type":
          return withContentType(zendeskWebhookRequest(valid), a.type);
        case "oversize":
          return zendeskWebhookRequest(big(a.extra));
      }
    },
  },
  {
    name: "app",
    post: appPost,
    build: (a) => {
      const valid = appEvent("user.signed_up", { userId: "fb_fuzz", email: "fuzz@example.com" });
      const body = JSON.stringify(valid);
      switch (a.kind) {
        case "signed-garbage":
          return appWebhookRequest(a.body);
        case "unsigned-garbage":
          return appWebhookRequest(a.body, { signature: null });
        case "truncated":
          return appWebhookRequest(valid, { body: body.slice(0, Math.floor(body.length * a.at)) });
        case "other-body":
          return appWebhookRequest(valid, { body: a.body + body });
        case "wrong-secret":
          return appWebhookRequest(valid, { secret: "whsec_bm90LW91ci1zZWNyZXQtMDAwMDAwMDA=" });
        case "missing-signature":
          return appWebhookRequest(valid, { signature: null });
        case "forged-signature":
          return appWebhookRequest(valid, { signature: a.signature });
        case "old":
          return appWebhookRequest(valid, { timestamp: nowS() - a.seconds });
        case "future":
          return appWebhookRequest(valid, { timestamp: nowS() + a.seconds });
        case "content-type":
          return withContentType(appWebhookRequest(valid), a.type);
        case "oversize":
          return appWebhookRequest(big(a.extra));
      }
    },
  },
];

beforeAll(resetDatabase);

describe.each(routes)("hostile input to /api/webhooks/$name", (route) => {
  it(
    "always answers 4xx (413 over 1 MB, 415 for non-JSON), never 5xx, and writes nothing but one counter row per minute",
    { timeout: 120_000 },
    async () => {
      const before = await countAllRows({ except: [REJECTION_COUNTER] });
      const counted = await rejectionsCounted();
      let requests = 0;
      await fc.assert(
        fc.asyncProperty(attack, async (a) => {
          requests++;
          const res = await route.post(route.build(a));
          const expected = a.kind === "oversize" ? [413] : a.kind === "content-type" ? [415] : null;
          if (expected) expect(expected).toContain(res.status);
          else expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          const body = await res.json();
          expect(typeof body.error).toBe("string");
        }),
        { numRuns: 60, seed: 20261127 },
      );
      expect(await countAllRows({ except: [REJECTION_COUNTER] })).toEqual(before);
      // Every rejected request is counted, in its source's row for the minute: a flood of
      // bad requests adds at most one row per minute (the run may straddle one boundary).
      const after = await rejectionsCounted();
      expect(after[route.name] - (counted[route.name] ?? 0)).toBe(requests);
      expect(after.rows - counted.rows).toBeLessThanOrEqual(2);
    },
  );
});
