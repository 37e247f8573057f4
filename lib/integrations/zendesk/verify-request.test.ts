import { describe, expect, it } from "vitest";
import { parseZendeskRequest, signZendeskRequest, verifyZendeskSignature } from "./verify-request";

const secret = "zendesk-secret";
const timestamp = "2026-11-27T05:00:00Z";
const body = '{"id":"x"}';
// Computed independently (Python hmac/base64) over timestamp + body.
const expected = "1nmedzSayf7QBrZRrCfCQBZN0f24iiAfO2qybhsUmGk=";
const now = Date.parse(timestamp);

const parts = (over: Partial<Parameters<typeof verifyZendeskSignature>[0]> = {}) => ({
  rawBody: body,
  signature: expected,
  timestamp,
  secret,
  now,
  ...over,
});

describe("verifyZendeskSignature", () => {
  it("matches an independently computed signature and returns the signing time", () => {
    expect(signZendeskRequest(secret, timestamp, body)).toBe(expected);
    expect(verifyZendeskSignature(parts()).toISOString()).toBe("2026-11-27T05:00:00.000Z");
  });

  it("refuses another body, timestamp or secret", () => {
    expect(() => verifyZendeskSignature(parts({ rawBody: '{"id":"y"}' }))).toThrow(/not match/);
    expect(() => verifyZendeskSignature(parts({ timestamp: "2026-11-27T05:00:01Z" }))).toThrow(
      /not match/,
    );
    expect(() => verifyZendeskSignature(parts({ secret: "other" }))).toThrow(/not match/);
  });

  it("accepts up to 5 minutes of age and refuses older or far-future timestamps", () => {
    expect(() => verifyZendeskSignature(parts({ now: now + 300_000 }))).not.toThrow();
    expect(() => verifyZendeskSignature(parts({ now: now + 300_001 }))).toThrow(/too old/);
    expect(() => verifyZendeskSignature(parts({ now: now - 300_001 }))).toThrow(/future/);
  });

  it("refuses missing headers", () => {
    expect(() => verifyZendeskSignature(parts({ signature: null }))).toThrow(/Missing/);
    expect(() => verifyZendeskSignature(parts({ timestamp: null }))).toThrow(/Timestamp/);
  });
});

describe("parseZendeskRequest", () => {
  const signedAt = new Date(now);

  it("uses the event id and time of an event-based webhook (nanosecond times included)", () => {
    const parsed = parseZendeskRequest(
      JSON.stringify({
        id: "01JQMQH83YNAKWSWJ8B1QH2NSC",
        type: "zen:event-type:ticket.created",
        time: "2025-02-11T14:32:05.254571515Z",
        detail: { id: "141", requester_id: 42 },
      }),
      signedAt,
    );
    expect(parsed).toMatchObject({
      externalId: "01JQMQH83YNAKWSWJ8B1QH2NSC",
      type: "zen:event-type:ticket.created",
    });
    expect(parsed.occurredAt.toISOString()).toBe("2025-02-11T14:32:05.254Z");
  });

  it("gives a trigger payload a deterministic body hash as its id", () => {
    const raw = JSON.stringify({ ticket: { id: 7, requester_email: "a@b.c" } });
    const a = parseZendeskRequest(raw, signedAt);
    const b = parseZendeskRequest(raw, signedAt);
    expect(a.externalId).toBe(b.externalId);
    expect(a.externalId).toMatch(/^sha256:/);
    expect(a.type).toBe("zendesk.trigger");
    expect(a.occurredAt).toEqual(signedAt);
    expect(parseZendeskRequest(raw.replace("7", "8"), signedAt).externalId).not.toBe(a.externalId);
  });
});
