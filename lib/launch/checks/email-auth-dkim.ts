/** DKIM keys of the named selectors, parsed with node:crypto. */
import { createPublicKey } from "node:crypto";
import type { CheckResult } from "../types";
import { result, type NetContext } from "./network-context";

export const DKIM_MIN_RSA_BITS = 1024;

/** "k=v; k2=v2" tag lists of DKIM and DMARC records (whitespace removed from values). */
export function tagList(txt: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const part of txt.split(";")) {
    const i = part.indexOf("=");
    if (i > 0) tags[part.slice(0, i).trim().toLowerCase()] = part.slice(i + 1).replace(/\s+/g, "");
  }
  return tags;
}

const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** Key type and size of a DKIM p= value, or why it is not a key. */
export function dkimKey(
  k: string,
  p: string,
): { ok: true; type: "rsa" | "ed25519"; bits: number } | { ok: false; reason: string } {
  const der = Buffer.from(p, "base64");
  try {
    if (k === "ed25519") {
      if (der.length !== 32)
        return { ok: false, reason: `an Ed25519 key is 32 bytes, this one is ${der.length}` };
      createPublicKey({
        key: Buffer.concat([ED25519_SPKI_PREFIX, der]),
        format: "der",
        type: "spki",
      });
      return { ok: true, type: "ed25519", bits: 256 };
    }
    if (k !== "rsa") return { ok: false, reason: `unknown key type k=${k}` };
    let key;
    try {
      key = createPublicKey({ key: der, format: "der", type: "spki" });
    } catch {
      key = createPublicKey({ key: der, format: "der", type: "pkcs1" });
    }
    if (key.asymmetricKeyType !== "rsa")
      return { ok: false, reason: `k=rsa but the key is ${key.asymmetricKeyType}` };
    return { ok: true, type: "rsa", bits: key.asymmetricKeyDetails?.modulusLength ?? 0 };
  } catch {
    return { ok: false, reason: "p= does not decode to a public key" };
  }
}

/** One result per named selector: key present, RSA ≥ 1024 bits or Ed25519. */
export async function checkDkim(
  ctx: NetContext,
  domain: string,
  selectors: string[],
): Promise<CheckResult[]> {
  const why =
    "DKIM signs each message so receivers can prove it came from you untouched; DMARC needs it to pass.";
  const names = [...new Set(selectors.map((s) => s.trim()).filter(Boolean))];
  if (!names.length)
    return [
      result(
        "email",
        `email.dkim:${domain}`,
        "DKIM key",
        "not_configured",
        "No DKIM selectors are named.",
        why,
        "Name the selector(s) your mail provider signs with (the s= in a DKIM-Signature header, e.g. s1, google, k1) in the launch settings.",
      ),
    ];
  return Promise.all(
    names.map(async (sel) => {
      const name = `${sel}._domainkey.${domain}`;
      const key = `email.dkim:${name}`;
      const title = `DKIM key (selector ${sel})`;
      const addFix = `Publish your provider's key: TXT at ${name} "v=DKIM1; k=rsa; p=<public key>" (2048-bit RSA or Ed25519).`;
      const txt = await ctx.dns.txt(name);
      const rec = txt.records.find((r) => /(^|;)\s*p\s*=/i.test(r));
      if (!rec)
        return result(
          "email",
          key,
          title,
          "fail",
          txt.status === "error"
            ? `The lookup of ${name} failed (${txt.error}).`
            : `No DKIM key at ${name}.`,
          why,
          addFix,
        );
      const tags = tagList(rec);
      if (tags.v && tags.v !== "DKIM1")
        return result(
          "email",
          key,
          title,
          "fail",
          `${name} has v=${tags.v}, not DKIM1.`,
          why,
          addFix,
        );
      if (!tags.p)
        return result(
          "email",
          key,
          title,
          "fail",
          `The key at ${name} is revoked (empty p=).`,
          why,
          addFix,
        );
      const parsed = dkimKey((tags.k ?? "rsa").toLowerCase(), tags.p);
      if (!parsed.ok)
        return result(
          "email",
          key,
          title,
          "fail",
          `The key at ${name} is unusable: ${parsed.reason}.`,
          why,
          addFix,
        );
      if (parsed.type === "ed25519")
        return result(
          "email",
          key,
          title,
          "pass",
          `Ed25519 key at ${name}.`,
          why,
          null,
          parsed.bits,
        );
      if (parsed.bits < DKIM_MIN_RSA_BITS)
        return result(
          "email",
          key,
          title,
          "fail",
          `RSA ${parsed.bits}-bit key at ${name}: below ${DKIM_MIN_RSA_BITS} bits, receivers ignore or reject it.`,
          why,
          `Rotate to a 2048-bit key in your mail provider and publish it at ${name}.`,
          parsed.bits,
        );
      return result(
        "email",
        key,
        title,
        "pass",
        `RSA ${parsed.bits}-bit key at ${name}${parsed.bits < 2048 ? " (2048-bit is recommended at the next rotation)" : ""}.`,
        why,
        null,
        parsed.bits,
      );
    }),
  );
}
