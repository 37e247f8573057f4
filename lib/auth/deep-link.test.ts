// A deep link survives sign-in: the proxy forwards path and query, the guard sends a
// signed-out person to /signin with all of it, and only same-origin paths are ever followed.
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { proxy } from "@/proxy";
import { safeCallbackPath } from "./callback-url";
import { clientIp } from "./client-ip";
import { requirePath } from "./guard";
import { PATH_HEADER } from "./pages";

vi.mock("next-auth", () => ({ getServerSession: async () => null }));

const base = "https://ops.example.com";

describe("safeCallbackPath", () => {
  it("keeps path, query and fragment of a path on this site", () => {
    expect(safeCallbackPath("/customers?access=blocked", base)).toBe("/customers?access=blocked");
    expect(safeCallbackPath("/ledger/evt_1#raw", base)).toBe("/ledger/evt_1#raw");
    expect(safeCallbackPath(`${base}/audit?day=2`, base)).toBe("/audit?day=2");
  });

  it("refuses other origins and the forms browsers read as another host", () => {
    for (const evil of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example/x",
      "\\\\evil.example",
      "/ok\ttab",
      "javascript:alert(1)",
      "https://ops.example.com@evil.example/",
      "http://ops.example.com/", // another scheme is another origin
      "customers",
      "",
      null,
    ]) {
      expect(safeCallbackPath(evil, base), String(evil)).toBeNull();
    }
  });
});

describe("clientIp", () => {
  const h = (xff?: string) => new Headers(xff ? { "x-forwarded-for": xff } : {});
  it("trusts X-Forwarded-For only as far as the configured proxies", () => {
    expect(clientIp(h("203.0.113.9"), 0)).toBeNull();
    expect(clientIp(h("6.6.6.6, 203.0.113.9"), 1)).toBe("203.0.113.9");
    expect(clientIp(h("6.6.6.6, 203.0.113.9, 10.0.0.2"), 2)).toBe("203.0.113.9");
    expect(clientIp(h("2001:db8::1"), 1)).toBe("2001:db8::1");
    expect(clientIp(h(), 1)).toBeNull();
    expect(clientIp(h("not an ip"), 1)).toBeNull();
  });
});

describe("deep links through the guard", () => {
  it("the proxy forwards the path with its query to the layout", () => {
    const res = proxy(new NextRequest("https://ops.example.com/customers?access=blocked"));
    expect(res.headers.get(`x-middleware-request-${PATH_HEADER}`)).toBe(
      "/customers?access=blocked",
    );
  });

  it("a signed-out request is sent to /signin with the whole deep link as callbackUrl", async () => {
    const err = await requirePath("/customers?access=blocked").catch((e: unknown) => e);
    expect(String((err as { digest?: string }).digest)).toContain(
      `/signin?callbackUrl=${encodeURIComponent("/customers?access=blocked")}`,
    );
  });
});
