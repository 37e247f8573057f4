import { describe, expect, it } from "vitest";
import { crossSiteRefusal } from "@/lib/auth/same-origin";

const h = (init: Record<string, string>) => new Headers(init);
const json = { "content-type": "application/json", host: "ops.example.com" };

describe("crossSiteRefusal", () => {
  it("lets safe methods through whatever their origin", () => {
    expect(crossSiteRefusal("GET", h({ origin: "https://evil.example", host: "a" }))).toBeNull();
    expect(crossSiteRefusal("head", h({ "sec-fetch-site": "cross-site" }))).toBeNull();
  });

  it("accepts a same-origin browser request and a non-browser client", () => {
    expect(crossSiteRefusal("POST", h({ ...json, origin: "https://ops.example.com" }))).toBeNull();
    expect(
      crossSiteRefusal(
        "POST",
        h({ ...json, origin: "https://OPS.example.com", "sec-fetch-site": "same-origin" }),
      ),
    ).toBeNull();
    expect(crossSiteRefusal("POST", h(json))).toBeNull();
    expect(crossSiteRefusal("DELETE", h({ host: "ops.example.com" }))).toBeNull();
  });

  it("uses the forwarded host behind a proxy", () => {
    const behindProxy = { ...json, host: "10.0.0.5:3000", "x-forwarded-host": "ops.example.com" };
    expect(
      crossSiteRefusal("POST", h({ ...behindProxy, origin: "https://ops.example.com" })),
    ).toBeNull();
    expect(
      crossSiteRefusal("POST", h({ ...behindProxy, origin: "http://10.0.0.5:3000" }))?.status,
    ).toBe(403);
  });

  it.each([
    ["another site", { origin: "https://evil.example" }],
    ["another port", { origin: "https://ops.example.com:8443" }],
    ["a look-alike host", { origin: "https://ops.example.com.evil.example" }],
    ["an opaque origin", { origin: "null" }],
    ["a malformed origin", { origin: "not a url" }],
    ["a cross-site fetch", { "sec-fetch-site": "cross-site" }],
    ["a sibling subdomain", { "sec-fetch-site": "same-site" }],
  ])("refuses %s with 403", (_, extra) => {
    expect(crossSiteRefusal("POST", h({ ...json, ...extra }))).toEqual({
      status: 403,
      error: "Cross-site request refused",
    });
    expect(crossSiteRefusal("DELETE", h({ ...json, ...extra }))?.status).toBe(403);
  });

  it("refuses a request when the app's own host is unknown", () => {
    expect(
      crossSiteRefusal(
        "POST",
        h({ origin: "https://a.example", "content-type": "application/json" }),
      )?.status,
    ).toBe(403);
  });

  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])(
    "refuses a %s body, which a cross-site form could send without a preflight",
    (type) => {
      expect(
        crossSiteRefusal("POST", h({ host: "ops.example.com", "content-type": type }))?.status,
      ).toBe(415);
    },
  );

  it("refuses a body with no content type", () => {
    expect(crossSiteRefusal("PATCH", h({ host: "ops.example.com" }))?.status).toBe(415);
  });
});
