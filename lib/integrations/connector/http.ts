import { redactText } from "@/lib/redact";
import { ConnectorError } from "@/lib/integrations/connector/types";

export type FetchLike = typeof fetch;

/** Longest slice of a response body quoted in an error (enough for the provider's message). */
const BODY_EXCERPT = 300;

/**
 * Parses a Retry-After header (delta-seconds or HTTP-date) into milliseconds from `now`.
 * Unparseable or past values give undefined, so the runner's own backoff applies.
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  const ms = at - now;
  return ms > 0 ? ms : 0;
}

/** Replaces every known secret value, then anything secret-looking, so errors are safe to store. */
export function scrub(text: string, secrets: (string | undefined)[] = []): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join("[secret]");
  return redactText(out);
}

function isRetryableStatus(status: number) {
  return status === 429 || status >= 500;
}

/**
 * Builds the ConnectorError for a non-2xx response: 429 and 5xx are retryable (honouring
 * Retry-After), every other status is permanent. The quoted body is scrubbed of secrets.
 */
export async function errorFromResponse(
  service: string,
  what: string,
  res: Response,
  secrets: (string | undefined)[] = [],
  retryOn: number[] = [],
): Promise<ConnectorError> {
  let body = "";
  try {
    body = (await res.text()).slice(0, BODY_EXCERPT);
  } catch {
    // The body is only context for the message; its loss must not hide the status.
  }
  const message = scrub(
    `${service} ${what} failed: HTTP ${res.status}${body ? ` ${body.replace(/\s+/g, " ").trim()}` : ""}`,
    secrets,
  );
  if (isRetryableStatus(res.status) || retryOn.includes(res.status)) {
    return new ConnectorError(
      message,
      "retryable",
      parseRetryAfter(res.headers.get("retry-after")),
    );
  }
  return new ConnectorError(message, "permanent");
}

/** Maps a thrown fetch error (network failure, abort, timeout) to a retryable ConnectorError. */
export function errorFromThrown(
  service: string,
  what: string,
  err: unknown,
  signal: AbortSignal,
  secrets: (string | undefined)[] = [],
): ConnectorError {
  if (err instanceof ConnectorError) return err;
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  let reason: string;
  if (signal.aborted || e?.name === "AbortError" || e?.name === "TimeoutError") {
    const why = signal.reason as { name?: string } | undefined;
    reason = why?.name === "TimeoutError" || e?.name === "TimeoutError" ? "timed out" : "aborted";
  } else {
    reason = `network error: ${e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err)}`;
  }
  return new ConnectorError(scrub(`${service} ${what} failed: ${reason}`, secrets), "retryable");
}

export type HttpRequest = {
  service: string;
  /** Short description for error messages, e.g. "contact upsert". */
  what: string;
  method: "GET" | "POST" | "PUT" | "PATCH";
  url: string;
  headers?: Record<string, string>;
  /** The exact body to send (signed payloads must not be re-serialised). */
  rawBody?: string;
  /** Statuses that are an answer rather than an error (e.g. 404 on a lookup). */
  accept?: number[];
  /** 4xx statuses that are retryable for this call (e.g. 409 from a racing create). */
  retryOn?: number[];
  signal: AbortSignal;
  /** Upper bound even if the caller's signal has none (default 30 s). */
  timeoutMs?: number;
  fetch?: FetchLike;
  /** Values that must never appear in an error message (tokens, passwords). */
  secrets?: (string | undefined)[];
};

/** No external call may wait forever, whatever signal the caller passes. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export type JsonRequest = Omit<HttpRequest, "rawBody"> & { body?: unknown };

/**
 * One request with the connector error policy: network errors, aborts, 429 and 5xx are
 * retryable; other 4xx (and redirects, which are not followed) are permanent.
 */
export async function request(req: HttpRequest): Promise<Response> {
  const doFetch = req.fetch ?? fetch;
  const signal = AbortSignal.any([
    req.signal,
    AbortSignal.timeout(req.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  ]);
  let res: Response;
  try {
    res = await doFetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.rawBody,
      signal,
      redirect: "manual",
    });
  } catch (err) {
    throw errorFromThrown(req.service, req.what, err, signal, req.secrets);
  }
  const ok = (res.status >= 200 && res.status < 300) || req.accept?.includes(res.status);
  if (!ok) throw await errorFromResponse(req.service, req.what, res, req.secrets, req.retryOn);
  return res;
}

/** A JSON request and its parsed answer; reading the body is covered by the same signal. */
export async function requestJson<T>(req: JsonRequest): Promise<{ status: number; data: T }> {
  const { body, ...rest } = req;
  const res = await request({
    ...rest,
    headers: {
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...req.headers,
    },
    rawBody: body === undefined ? undefined : JSON.stringify(body),
  });
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    throw errorFromThrown(req.service, req.what, err, req.signal, req.secrets);
  }
  if (!text) return { status: res.status, data: undefined as T };
  try {
    return { status: res.status, data: JSON.parse(text) as T };
  } catch {
    throw new ConnectorError(
      `${req.service} ${req.what}: HTTP ${res.status} with a body that is not JSON`,
      "retryable",
    );
  }
}

/** Joins a base URL (possibly with a path prefix) and an absolute API path. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}${path}`;
}

/** The permanent error a connector throws when asked to do something it cannot do. */
export function unsupportedAction(service: string, action: string): ConnectorError {
  return new ConnectorError(`${service} connector does not handle ${action}`, "permanent");
}
