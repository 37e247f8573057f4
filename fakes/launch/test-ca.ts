/**
 * A test certificate authority made at run time: real X.509 v3 certificates (DER built here,
 * ECDSA P-256 / SHA-256 signatures from node:crypto) that OpenSSL verifies like any other.
 * Validity dates are free, so expired and about-to-expire certificates are real ones too.
 */
import {
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from "node:crypto";

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, ...content: Buffer[]) => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
};
const seq = (...c: Buffer[]) => tlv(0x30, ...c);
const set = (...c: Buffer[]) => tlv(0x31, ...c);
const oid = (dotted: string) => {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const out = [a * 40 + b];
  for (const n of rest) {
    const enc = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) enc.unshift((v & 0x7f) | 0x80);
    out.push(...enc);
  }
  return tlv(0x06, Buffer.from(out));
};
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, "utf8"));
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const octets = (b: Buffer) => tlv(0x04, b);
const bits = (b: Buffer, unused = 0) => tlv(0x03, Buffer.from([unused]), b);
const time = (d: Date) => {
  const iso = d.toISOString().replace(/[-:T]/g, "").slice(0, 14) + "Z"; // YYYYMMDDHHMMSSZ
  return d.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(iso.slice(2)))
    : tlv(0x18, Buffer.from(iso));
};
const ECDSA_SHA256 = seq(oid("1.2.840.10045.4.3.2"));

function name(cn: string, o?: string): Buffer {
  const rdns = [];
  if (o) rdns.push(set(seq(oid("2.5.4.10"), utf8(o))));
  rdns.push(set(seq(oid("2.5.4.3"), utf8(cn))));
  return seq(...rdns);
}
const ext = (id: string, critical: boolean, value: Buffer) =>
  seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

export interface CertKey {
  certPem: string;
  keyPem: string;
  key: KeyObject;
  subject: Buffer;
}

interface CertSpec {
  commonName: string;
  organization?: string;
  /** DNS names for subjectAltName (leaf certificates). */
  hosts?: string[];
  isCa?: boolean;
  notBefore: Date;
  notAfter: Date;
  /** Signed by this issuer; self-signed when absent. */
  issuer?: CertKey;
}

function makeCert(spec: CertSpec): CertKey {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const subject = name(spec.commonName, spec.organization);
  const serial = randomBytes(12);
  serial[0] &= 0x7f;
  serial[0] |= 0x01;
  const exts = spec.isCa
    ? [
        ext("2.5.29.19", true, seq(bool(true))),
        ext("2.5.29.15", true, bits(Buffer.from([0x06]), 1)), // keyCertSign, cRLSign
      ]
    : [
        ext("2.5.29.19", true, seq()),
        ext("2.5.29.15", true, bits(Buffer.from([0x80]), 7)), // digitalSignature
        ext("2.5.29.37", false, seq(oid("1.3.6.1.5.5.7.3.1"))), // serverAuth
        ext(
          "2.5.29.17",
          false,
          seq(...(spec.hosts ?? []).map((h) => tlv(0x82, Buffer.from(h)))), // dNSName
        ),
      ];
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serial),
    ECDSA_SHA256,
    spec.issuer ? spec.issuer.subject : subject,
    seq(time(spec.notBefore), time(spec.notAfter)),
    subject,
    publicKey.export({ type: "spki", format: "der" }),
    tlv(0xa3, seq(...exts)),
  );
  const signature = sign("sha256", tbs, spec.issuer?.key ?? privateKey);
  const der = seq(tbs, ECDSA_SHA256, bits(signature));
  const b64 = der
    .toString("base64")
    .replace(/(.{64})/g, "$1\n")
    .trim();
  return {
    certPem: `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    key: createPrivateKey(privateKey.export({ type: "pkcs8", format: "pem" })),
    subject,
  };
}

const DAY = 86_400_000;

export interface TestCa {
  ca: CertKey;
  /** The CA's certificate, to pass as extraCaPem. */
  caPem: string;
  /** A leaf for the hosts, valid from `fromDays` to `toDays` relative to now (negative = past). */
  issue(hosts: string[], opts?: { fromDays?: number; toDays?: number }): CertKey;
  /** A self-signed leaf that no CA vouches for. */
  selfSigned(hosts: string[], opts?: { toDays?: number }): CertKey;
}

/**
 * Makes a fresh CA. Its organisation is "Fixturesign Test CA"; the fixture zones' CAA records
 * name it as "fixturesign.test", the way "Let's Encrypt" is "letsencrypt.org".
 */
export function createTestCa(organization = "Fixturesign Test CA"): TestCa {
  const now = Date.now();
  const ca = makeCert({
    commonName: `${organization} Root`,
    organization,
    isCa: true,
    notBefore: new Date(now - 365 * DAY),
    notAfter: new Date(now + 3650 * DAY),
  });
  return {
    ca,
    caPem: ca.certPem,
    issue: (hosts, opts = {}) =>
      makeCert({
        commonName: hosts[0],
        hosts,
        issuer: ca,
        notBefore: new Date(now + (opts.fromDays ?? -30) * DAY),
        notAfter: new Date(now + (opts.toDays ?? 90) * DAY),
      }),
    selfSigned: (hosts, opts = {}) =>
      makeCert({
        commonName: hosts[0],
        organization: "Self Signed",
        hosts,
        notBefore: new Date(now - DAY),
        notAfter: new Date(now + (opts.toDays ?? 365) * DAY),
      }),
  };
}
