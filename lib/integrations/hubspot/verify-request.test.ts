import { describe, expect, it } from "vitest";
import {
  hubspotSignedUri,
  hubspotEventKey,
  parseHubspotEvents,
  signHubspotRequest,
  verifyHubspotSignature,
} from "./verify-request";

const secret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
const uri = "https://ops.example.com/api/webhooks/hubspot?a=b:c";
const body = '[{"eventId":1}]';
const timestamp = "1764220000000";
// Computed independently (Python hmac/base64) over POST + uri + body + timestamp.
const expected = "V5uvHdw1g0syiWgyh8R1+kdk1AtYVzVx/yWJdqOU9iM=";
const now = Number(timestamp);

const parts = (over: Partial<Parameters<typeof verifyHubspotSignature>[0]> = {}) => ({
  method: "POST",
  uri,
  rawBody: body,
  signature: expected,
  timestamp,
  secret,
  now,
  ...over,
});

describe("hubspotSignedUri", () => {
  it("takes scheme and host from the public base URL, path and query from the request", () => {
    expect(
      hubspotSignedUri("https://ops.example.com", "http://localhost:3000/api/webhooks/hubspot?x=1"),
    ).toBe("https://ops.example.com/api/webhooks/hubspot?x=1");
    expect(
      hubspotSignedUri("https://ops.example.com:8443/", "http://10.0.0.5/api/webhooks/hubspot"),
    ).toBe("https://ops.example.com:8443/api/webhooks/hubspot");
  });

  it("decodes exactly HubSpot's listed characters, in either case, and nothing else", () => {
    const decoded = hubspotSignedUri(
      "https://ops.example.com",
      "http://localhost/h?q=%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B&lower=%3a%2f&keep=%20%26%3D%25",
    );
    expect(decoded).toBe("https://ops.example.com/h?q=:/?@!$'()*,;&lower=:/&keep=%20%26%3D%25");
  });
});

describe("verifyHubspotSignature", () => {
  it("matches an independently computed v3 signature", () => {
    expect(signHubspotRequest(secret, "POST", uri, body, timestamp)).toBe(expected);
    expect(() => verifyHubspotSignature(parts())).not.toThrow();
  });

  it("refuses a different method, URI, body or timestamp", () => {
    expect(() => verifyHubspotSignature(parts({ method: "PUT" }))).toThrow(/does not match/);
    expect(() => verifyHubspotSignature(parts({ uri: uri.replace("https", "http") }))).toThrow(
      /does not match/,
    );
    expect(() => verifyHubspotSignature(parts({ rawBody: body + " " }))).toThrow(/does not match/);
    expect(() => verifyHubspotSignature(parts({ timestamp: String(now - 1) }))).toThrow(
      /does not match/,
    );
  });

  it("accepts a timestamp exactly 5 minutes old and refuses one a millisecond older", () => {
    expect(() => verifyHubspotSignature(parts({ now: now + 300_000 }))).not.toThrow();
    expect(() => verifyHubspotSignature(parts({ now: now + 300_001 }))).toThrow(/too old/);
  });

  it("refuses a timestamp more than 5 minutes ahead of our clock", () => {
    expect(() => verifyHubspotSignature(parts({ now: now - 300_001 }))).toThrow(/in the future/);
  });

  it("refuses missing or malformed headers before computing anything", () => {
    expect(() => verifyHubspotSignature(parts({ signature: null }))).toThrow(/Missing/);
    expect(() => verifyHubspotSignature(parts({ signature: "" }))).toThrow(/Missing/);
    expect(() => verifyHubspotSignature(parts({ timestamp: null }))).toThrow(/Timestamp/);
    expect(() => verifyHubspotSignature(parts({ timestamp: "12:00" }))).toThrow(/Timestamp/);
  });

  it("refuses a truncated signature (different length) without throwing on the comparison", () => {
    expect(() => verifyHubspotSignature(parts({ signature: expected.slice(0, 10) }))).toThrow(
      /does not match/,
    );
  });
});

describe("parseHubspotEvents", () => {
  it("reads each element, turning numeric ids into strings", () => {
    const [event] = parseHubspotEvents(
      JSON.stringify([
        {
          eventId: 100,
          subscriptionType: "contact.creation",
          objectId: 123,
          occurredAt: 1764220000000,
          portalId: 1,
          extra: "kept",
        },
      ]),
    );
    expect(event).toMatchObject({ eventId: "100", objectId: "123", extra: "kept" });
  });

  it("refuses an element without the fields every HubSpot event has", () => {
    const e = { eventId: 1, subscriptionType: "contact.creation", objectId: 1, occurredAt: 1 };
    expect(parseHubspotEvents(JSON.stringify([e, e]))).toHaveLength(2);
    expect(() => parseHubspotEvents(JSON.stringify([e, { ...e, occurredAt: "now" }]))).toThrow(
      /1\.occurredAt/,
    );
  });
});

describe("hubspotEventKey (HubSpot documents eventId as not guaranteed unique)", () => {
  const event = {
    eventId: 100,
    subscriptionId: 4242,
    portalId: 62515,
    occurredAt: 1764220000000,
    subscriptionType: "contact.propertyChange",
    attemptNumber: 0,
    objectId: 501,
    propertyName: "email",
    propertyValue: "a@example.com",
  };
  const keyOf = (e: object) => hubspotEventKey(parseHubspotEvents(JSON.stringify([e]))[0]);

  it("is built from portal, subscription, object, property, occurredAt and event id", () => {
    expect(keyOf(event)).toBe("62515:4242:501:email:1764220000000:100");
    expect(keyOf({ ...event, propertyName: undefined })).toBe("62515:4242:501::1764220000000:100");
  });

  it("differs when only the object (or the property) differs, and not for a retry's attemptNumber", () => {
    expect(keyOf({ ...event, objectId: 502 })).not.toBe(keyOf(event));
    expect(keyOf({ ...event, propertyName: "firstname" })).not.toBe(keyOf(event));
    expect(keyOf({ ...event, subscriptionId: 4243 })).not.toBe(keyOf(event));
    expect(keyOf({ ...event, attemptNumber: 3, propertyValue: "b@example.com" })).toBe(
      keyOf(event),
    );
  });
});
