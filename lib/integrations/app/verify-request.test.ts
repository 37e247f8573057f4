import { afterEach, describe, expect, it, vi } from "vitest";
import { parseAppEvent, verifyAppSignature } from "./verify-request";

const secret = "whsec_dGVzdC1hcHAtaW5ib3VuZC1zZWNyZXQtMDAwMA==";
const body = '{"type":"user.signed_up"}';
// Computed independently (Python): HMAC-SHA256(base64-decoded key, "msg_1.1764220000." + body).
const signature = "v1,ilDx4AHF6PCkM3LZi8kyCfDzu2/EzvvQb/3GPTSeXL8=";

const headers = (over: Record<string, string> = {}) =>
  new Headers({
    "webhook-id": "msg_1",
    "webhook-timestamp": "1764220000",
    "webhook-signature": signature,
    ...over,
  });

afterEach(() => vi.useRealTimers());

describe("verifyAppSignature", () => {
  it("accepts an independently computed Standard Webhooks signature and returns webhook-id", () => {
    vi.useFakeTimers({ now: 1764220000_000 + 60_000 });
    expect(verifyAppSignature({ rawBody: body, headers: headers(), secret })).toBe("msg_1");
  });

  it("accepts the matching one among several signatures (secret rotation)", () => {
    vi.useFakeTimers({ now: 1764220000_000 });
    const rotated = headers({ "webhook-signature": `v1,AAAA ${signature}` });
    expect(verifyAppSignature({ rawBody: body, headers: rotated, secret })).toBe("msg_1");
  });

  it("refuses another webhook-id, body or a stale timestamp", () => {
    vi.useFakeTimers({ now: 1764220000_000 });
    const v = (rawBody: string, h: Headers) => () =>
      verifyAppSignature({ rawBody, headers: h, secret });
    expect(v(body, headers({ "webhook-id": "msg_2" }))).toThrow(/No matching signature/);
    expect(v(body + " ", headers())).toThrow(/No matching signature/);
    vi.setSystemTime(1764220000_000 + 301_000);
    expect(v(body, headers())).toThrow(/too old/);
  });
});

describe("parseAppEvent", () => {
  it("accepts the documented contract and keeps unknown types for the ledger", () => {
    const ok = parseAppEvent(
      JSON.stringify({
        type: "user.signed_up",
        timestamp: "2026-11-27T05:00:00Z",
        data: { userId: "u1", email: "a@b.co", name: "A" },
      }),
    );
    expect(ok.data).toMatchObject({ userId: "u1" });
    const unknown = parseAppEvent(
      JSON.stringify({ type: "paywall.viewed", timestamp: "2026-11-27T05:00:00Z", data: {} }),
    );
    expect(unknown.type).toBe("paywall.viewed");
  });

  it("refuses a type that is not dotted lower case", () => {
    expect(() =>
      parseAppEvent(
        JSON.stringify({ type: "SignedUp", timestamp: "2026-11-27T05:00:00Z", data: {} }),
      ),
    ).toThrow(/type/);
  });
});
