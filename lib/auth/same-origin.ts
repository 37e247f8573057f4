// CSRF defence for cookie-authenticated route handlers (server actions get Next.js's own
// Origin check). A browser always sends Origin (and Sec-Fetch-Site) on a cross-origin POST,
// so a request whose origin is not this host is refused before the session is even read.
// Requests with neither header come from non-browser clients (curl, scripts), which cannot
// be tricked into sending someone else's cookie, and pass.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

export type CrossSiteRefusal = { status: 403 | 415; error: string };

/**
 * Why this request must be refused as a possible cross-site forgery, or null if it may go on.
 * `headers` are the request's; the app's own host comes from x-forwarded-host or host.
 */
export function crossSiteRefusal(method: string, headers: Headers): CrossSiteRefusal | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite === "cross-site" || fetchSite === "same-site") {
    return { status: 403, error: "Cross-site request refused" };
  }
  const origin = headers.get("origin");
  if (origin !== null) {
    const ownHost = (headers.get("x-forwarded-host") ?? headers.get("host") ?? "")
      .split(",")[0]
      .trim()
      .toLowerCase();
    if (hostOf(origin) !== ownHost || ownHost === "") {
      return { status: 403, error: "Cross-site request refused" };
    }
  }
  // An HTML form can post text/plain or form data across sites without a preflight, never JSON.
  if (BODY_METHODS.has(method.toUpperCase())) {
    const type = headers.get("content-type")?.split(";")[0].trim().toLowerCase();
    if (type !== "application/json") {
      return { status: 415, error: "Expected Content-Type: application/json" };
    }
  }
  return null;
}

function hostOf(origin: string): string | null {
  if (origin === "null") return null; // opaque origins (sandboxed frames, data: URLs)
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}
