/** Edge checks: is each host behind Cloudflare or another proxy; security headers on the production URL. */
import type { IncomingHttpHeaders } from "node:http";
import type { CheckResult } from "../types";
import { selfAndParents } from "./network-dns";
import { fetchOnce } from "./network-http";
import { result, type NetContext } from "./network-context";

const h = (headers: IncomingHttpHeaders, name: string) => {
  const v = headers[name];
  return (Array.isArray(v) ? v.join(", ") : v) ?? "";
};

/** Proxies and CDNs recognisable from response headers. */
export function proxyFromHeaders(
  headers: IncomingHttpHeaders,
): { name: string; evidence: string } | null {
  const server = h(headers, "server").toLowerCase();
  if (h(headers, "cf-ray") || server === "cloudflare")
    return {
      name: "Cloudflare",
      evidence: [
        h(headers, "cf-ray") && `cf-ray: ${h(headers, "cf-ray")}`,
        server && `server: ${server}`,
      ]
        .filter(Boolean)
        .join(", "),
    };
  if (h(headers, "x-amz-cf-id") || /cloudfront/i.test(h(headers, "via")))
    return { name: "Amazon CloudFront", evidence: "x-amz-cf-id / via CloudFront" };
  if (
    /fastly/i.test(h(headers, "x-served-by") + h(headers, "via")) ||
    h(headers, "fastly-debug-digest")
  )
    return { name: "Fastly", evidence: "x-served-by / via Fastly" };
  if (h(headers, "x-vercel-id") || server === "vercel")
    return { name: "Vercel", evidence: `x-vercel-id: ${h(headers, "x-vercel-id")}` };
  if (h(headers, "x-nf-request-id") || server === "netlify")
    return { name: "Netlify", evidence: "x-nf-request-id" };
  if (server.startsWith("akamai") || h(headers, "x-akamai-transformed"))
    return { name: "Akamai", evidence: `server: ${server}` };
  if (h(headers, "via")) return { name: "a proxy", evidence: `via: ${h(headers, "via")}` };
  if (h(headers, "x-cache"))
    return { name: "a caching proxy", evidence: `x-cache: ${h(headers, "x-cache")}` };
  return null;
}

const CDN_CNAMES: [RegExp, string][] = [
  [/\.cdn\.cloudflare\.net$/i, "Cloudflare"],
  [/\.cloudfront\.net$/i, "Amazon CloudFront"],
  [/\.fastly(lb)?\.net$/i, "Fastly"],
  [/\.vercel-dns\.com$/i, "Vercel"],
  [/\.netlify\.(app|com)$/i, "Netlify"],
  [/\.(akamaiedge|edgekey|edgesuite)\.net$/i, "Akamai"],
  [/\.azureedge\.net$/i, "Azure CDN"],
];

async function proxyFromDns(
  ctx: NetContext,
  host: string,
): Promise<{ cloudflareNs: boolean; said: string | null }> {
  const cname = (await ctx.dns.cname(host)).records[0];
  const cdn = cname ? CDN_CNAMES.find(([re]) => re.test(cname)) : undefined;
  let ns: string[] = [];
  for (const name of selfAndParents(host)) {
    const r = await ctx.dns.ns(name);
    if (r.records.length) {
      ns = r.records;
      break;
    }
  }
  const cloudflareNs = ns.some((n) => /\.ns\.cloudflare\.com\.?$/i.test(n));
  const parts = [
    cdn && `CNAME ${cname} (${cdn[1]})`,
    ns.length && `nameservers ${ns.join(", ")}${cloudflareNs ? " (Cloudflare)" : ""}`,
  ].filter(Boolean);
  return { cloudflareNs, said: parts.length ? parts.join("; ") : null };
}

/** Whether the host is served through Cloudflare or another proxy, from headers and DNS. */
export async function checkEdgeProxy(ctx: NetContext, host: string): Promise<CheckResult[]> {
  const key = `edge.proxy:${host}`;
  const title = "Behind a CDN or proxy";
  const why =
    "A proxy in front hides the origin address and absorbs attacks; if DNS says Cloudflare but traffic bypasses it, the origin is exposed.";
  const [https, dns] = await Promise.all([
    fetchOnce(`https://${host}/`, ctx.net, ctx.dns),
    proxyFromDns(ctx, host),
  ]);
  const reply = https.ok ? https : await fetchOnce(`http://${host}/`, ctx.net, ctx.dns);
  if (!reply.ok)
    return [
      result(
        "edge",
        key,
        title,
        "warn",
        `${host} did not answer over HTTPS or HTTP (${reply.error}), so the edge is unknown.${dns.said ? ` DNS: ${dns.said}.` : ""}`,
        why,
        "Fix reachability first (see the domain checks), then re-run.",
      ),
    ];
  const seen = proxyFromHeaders(reply.reply.headers);
  const dnsSaid = dns.said ? ` DNS: ${dns.said}.` : "";
  if (dns.cloudflareNs && seen?.name !== "Cloudflare")
    return [
      result(
        "edge",
        key,
        title,
        "warn",
        `DNS is at Cloudflare, but responses from ${host} do not come through Cloudflare (no cf-ray)${seen ? `; they come through ${seen.name} (${seen.evidence})` : ""}.${dnsSaid}`,
        why,
        `In Cloudflare DNS, turn the proxy on (orange cloud) for ${host}; if it is off on purpose, make sure the origin only accepts traffic you expect.`,
      ),
    ];
  if (seen)
    return [
      result(
        "edge",
        key,
        title,
        "pass",
        `${host} is served through ${seen.name} (${seen.evidence}).${dnsSaid}`,
        why,
        null,
      ),
    ];
  return [
    result(
      "edge",
      key,
      title,
      "pass",
      `${host} answers directly from its server (no CDN or proxy headers seen).${dnsSaid} Fine if intended; a CDN/proxy is optional.`,
      why,
      null,
    ),
  ];
}

export { checkSecurityHeaders, gradeSecurityHeaders } from "./edge-headers";
