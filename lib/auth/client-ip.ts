/**
 * The client's IP for rate limiting, or null when it cannot be trusted.
 *
 * Next.js fills `X-Forwarded-For` from the socket only when the request has none, so with no
 * proxy in front (`hops` = 0) the header is whatever the client sent: it is ignored. Behind
 * `hops` proxies that each append the address they saw, the client is the entry `hops` from
 * the right; anything left of it was written by the client and is ignored.
 */
export function clientIp(headers: Headers, hops: number): string | null {
  if (hops < 1) return null;
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ip = chain[chain.length - hops];
  return ip && /^[0-9a-fA-F.:]{2,45}$/.test(ip) ? ip : null;
}
