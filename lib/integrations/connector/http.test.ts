import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  errorFromThrown,
  joinUrl,
  parseRetryAfter,
  requestJson,
  scrub,
} from "@/lib/integrations/connector/http";
import { ConnectorError } from "@/lib/integrations/connector/types";

let server: Server;
let url = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/not-json") return void res.end("<html>proxy page</html>");
    if (req.url === "/hang") return; // never answers
    if (req.url === "/conflict") return void res.writeHead(409).end();
    if (req.url === "/empty") return void res.writeHead(204).end();
    if (req.url === "/slow-body") {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"partial":');
      return; // never finishes the body
    }
    if (req.url === "/echo-secret") {
      res.writeHead(400);
      return void res.end(
        `bad token Bearer abcdefghijklmnop for ada@example.com, key s3cr3t-value`,
      );
    }
    res.writeHead(503, { "retry-after": "Wed, 21 Oct 2099 07:28:00 GMT" });
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const get = (path: string, signal = AbortSignal.timeout(2000)) =>
  requestJson({
    service: "Test",
    what: "call",
    method: "GET",
    url: `${url}${path}`,
    signal,
    secrets: ["s3cr3t-value"],
  });

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  const err = await p.then(
    () => expect.unreachable("expected a ConnectorError"),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConnectorError);
  return err as ConnectorError;
}

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-27T10:00:00Z");
  it("reads delta-seconds, HTTP-dates, and ignores garbage", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
    expect(parseRetryAfter("Fri, 27 Nov 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Fri, 27 Nov 2026 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe("requestJson error mapping", () => {
  it("a 503 with an HTTP-date Retry-After is retryable with the wait in ms", async () => {
    const err = await failure(get("/down"));
    expect(err.kind).toBe("retryable");
    expect(err.retryAfterMs).toBeGreaterThan(1_000_000);
  });

  it("a 409 is permanent unless the call says a conflict is worth retrying", async () => {
    expect((await failure(get("/conflict"))).kind).toBe("permanent");
    const retry = await failure(
      requestJson({
        service: "Test",
        what: "call",
        method: "GET",
        url: `${url}/conflict`,
        signal: AbortSignal.timeout(2000),
        retryOn: [409],
      }),
    );
    expect(retry.kind).toBe("retryable");
  });

  it("a 2xx that is not JSON is retryable; an empty 204 is fine", async () => {
    expect((await failure(get("/not-json"))).kind).toBe("retryable");
    expect(await get("/empty")).toEqual({ status: 204, data: undefined });
  });

  it("a body that stops arriving is cut off by the signal as retryable", async () => {
    const err = await failure(get("/slow-body", AbortSignal.timeout(200)));
    expect(err.kind).toBe("retryable");
  });

  it("a request that never answers is cut off by the default timeout even without a deadline", async () => {
    const err = await failure(
      requestJson({
        service: "Test",
        what: "call",
        method: "GET",
        url: `${url}/hang`,
        signal: new AbortController().signal,
        timeoutMs: 150,
      }),
    );
    expect(err).toMatchObject({ kind: "retryable", message: "Test call failed: timed out" });
  });

  it("quoted error bodies are scrubbed of tokens, emails and known secrets", async () => {
    const err = await failure(get("/echo-secret"));
    expect(err.kind).toBe("permanent");
    expect(err.message).not.toContain("abcdefghijklmnop");
    expect(err.message).not.toContain("ada@example.com");
    expect(err.message).not.toContain("s3cr3t-value");
  });
});

describe("helpers", () => {
  it("joins bases with and without trailing slashes or path prefixes", () => {
    expect(joinUrl("https://a.example/", "/x")).toBe("https://a.example/x");
    expect(joinUrl("http://proxy/hubspot", "/crm")).toBe("http://proxy/hubspot/crm");
  });

  it("maps aborts, timeouts and network errors to retryable with a reason", () => {
    const live = new AbortController().signal;
    const aborted = AbortSignal.abort();
    expect(errorFromThrown("S", "x", new TypeError("fetch failed"), live).message).toBe(
      "S x failed: network error: fetch failed",
    );
    expect(errorFromThrown("S", "x", new Error("boom"), aborted).message).toBe(
      "S x failed: aborted",
    );
    const existing = new ConnectorError("kept", "permanent");
    expect(errorFromThrown("S", "x", existing, live)).toBe(existing);
    expect(scrub("token abcd in text", ["abcd", undefined, "ab"])).toBe("token [secret] in text");
  });
});
