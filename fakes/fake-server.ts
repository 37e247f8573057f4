import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { createFaultControls, type FaultKind, type RandomFaults } from "./faults";

export type FakeRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Raw body text (signatures are computed over it). */
  body: string;
  /** Parsed JSON body, or undefined when empty or not JSON. */
  json: unknown;
};

export type FakeResponse = { status: number; body?: unknown; headers?: Record<string, string> };

export type RecordedRequest = {
  method: string;
  path: string;
  /** The query string without "?", "" when none. */
  query: string;
  authorization: string | null;
  status: number | "hang";
  fault: FaultKind | null;
  at: string;
};

/** Fault settings accepted by POST /__fake/faults (so another process, e.g. e2e, can drive them). */
type FaultCommand = {
  reset?: boolean;
  latencyMs?: number;
  failNext?: number;
  rateLimitNext?: { n: number; retryAfter?: string | number };
  hangNext?: number;
  loseNextResponses?: number;
  hangAll?: boolean;
  sequence?: (FaultKind | "ok")[];
  random?: RandomFaults | null;
};

function send(res: import("node:http").ServerResponse, r: FakeResponse) {
  const body = r.body === undefined ? "" : JSON.stringify(r.body);
  res.writeHead(r.status, {
    ...(body ? { "content-type": "application/json; charset=utf-8" } : {}),
    ...r.headers,
  });
  res.end(body);
}

/**
 * A real HTTP server on 127.0.0.1 (port 0 = random) that answers through `handle` with
 * fault injection in front of it. `/__fake/state` (GET) returns `inspect()` and
 * `/__fake/faults` (POST) sets faults; neither is subject to faults.
 */
export async function startFakeServer(opts: {
  name: string;
  port?: number;
  handle: (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;
  inspect: () => unknown;
}) {
  const faults = createFaultControls();
  const requests: RecordedRequest[] = [];
  let hanging = 0;

  const server = createServer((req, res) => {
    res.on("error", () => {});
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const url = new URL(req.url ?? "/", "http://fake.local");
        const body = Buffer.concat(chunks).toString("utf8");
        let json: unknown;
        try {
          json = body ? JSON.parse(body) : undefined;
        } catch {
          json = undefined;
        }
        const fr: FakeRequest = {
          method: req.method ?? "GET",
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body,
          json,
        };

        if (fr.path === "/__fake/state" && fr.method === "GET") {
          return send(res, {
            status: 200,
            body: { requests, faults: faults.counts, ...toObject(opts.inspect()) },
          });
        }
        if (fr.path === "/__fake/faults" && fr.method === "POST") {
          applyCommand(faults, (json ?? {}) as FaultCommand);
          return send(res, { status: 204 });
        }

        const record: RecordedRequest = {
          method: fr.method,
          path: fr.path,
          query: fr.query.toString(),
          authorization:
            typeof req.headers.authorization === "string" ? req.headers.authorization : null,
          status: 0,
          fault: null,
          at: new Date().toISOString(),
        };
        requests.push(record);
        if (faults.state.latencyMs > 0) {
          await new Promise((r) => setTimeout(r, faults.state.latencyMs));
        }
        const fault = faults.draw();
        record.fault = fault;
        if (fault === "hang") {
          record.status = "hang";
          hanging++;
          return;
        }
        if (fault === "500") {
          record.status = 500;
          return send(res, { status: 500, body: { error: "InternalServerError", injected: true } });
        }
        if (fault === "429") {
          record.status = 429;
          return send(res, {
            status: 429,
            headers: { "retry-after": faults.state.retryAfter },
            body: { error: "TooManyRequests", injected: true },
          });
        }
        let result: FakeResponse;
        try {
          result = await opts.handle(fr);
        } catch (err) {
          result = { status: 500, body: { error: "FakeServerBug", message: String(err) } };
        }
        if (fault === "lost-response") {
          record.status = 500;
          return send(res, { status: 500, body: { error: "InternalServerError", injected: true } });
        }
        record.status = result.status;
        send(res, result);
      })();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    name: opts.name,
    url: `http://127.0.0.1:${port}`,
    port,
    faults,
    /** Every request that reached the fake (faults included), oldest first. */
    requests,
    /** Requests currently left without an answer by a "hang" fault. */
    hangingCount: () => hanging,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function toObject(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : { state: v };
}

function applyCommand(faults: ReturnType<typeof createFaultControls>, c: FaultCommand) {
  if (c.reset) faults.reset();
  if (c.latencyMs !== undefined) faults.setLatency(c.latencyMs);
  if (c.failNext) faults.failNext(c.failNext);
  if (c.rateLimitNext) faults.rateLimitNext(c.rateLimitNext.n, c.rateLimitNext.retryAfter);
  if (c.hangNext) faults.hangNext(c.hangNext);
  if (c.loseNextResponses) faults.loseNextResponses(c.loseNextResponses);
  if (c.hangAll !== undefined) faults.hangAll(c.hangAll);
  if (c.sequence) faults.sequence(c.sequence);
  if (c.random !== undefined) faults.random(c.random);
}
