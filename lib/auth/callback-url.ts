/**
 * Where to send someone after signing in: a path on this site (path, query and fragment kept),
 * or null for anything else. Accepts a relative path ("/ledger/abc?x=1") or an absolute URL
 * on `baseUrl`'s origin; refuses other origins, protocol-relative ("//host") and backslash
 * ("/\host") forms that browsers treat as another host, other schemes and control characters.
 */
export function safeCallbackPath(raw: string | null | undefined, baseUrl: string): string | null {
  if (!raw || raw.length > 2048) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return null;
  const base = new URL(baseUrl);
  let url: URL;
  if (raw.startsWith("/")) {
    if (raw.startsWith("//")) return null;
    url = new URL(raw, base.origin);
  } else {
    try {
      url = new URL(raw);
    } catch {
      return null;
    }
  }
  if (url.origin !== base.origin) return null;
  return `${url.pathname}${url.search}${url.hash}` || "/";
}
