export type CheckState = "pass" | "warn" | "fail" | "not_configured";
export type CheckArea = "domains" | "tls" | "email" | "edge" | "webhooks" | "secrets" | "uptime";
/** One observed fact about launch readiness, in plain words. */
export interface CheckResult {
  /** Stable id, e.g. "tls.expiry:app.example.com"; history is kept per key. */
  key: string;
  area: CheckArea;
  title: string;
  state: CheckState;
  /** What was observed, e.g. "Certificate expires in 12 days (2027-01-02)". */
  observed: string;
  /** Why it matters, one or two sentences. */
  why: string;
  /** The exact fix (record name + value, header, setting), or null when nothing to do. */
  fix: string | null;
  /** A number worth a sparkline (days to expiry, DNS lookups, latency ms), if any. */
  value?: number | null;
}
