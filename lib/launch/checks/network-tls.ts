/** TLS handshakes for the launch checks: what the server presents, and which versions it accepts. */
import {
  connect,
  rootCertificates,
  type DetailedPeerCertificate,
  type SecureVersion,
} from "node:tls";
import type { NetOptions } from "./network";

export interface TlsHandshake {
  ok: true;
  protocol: string;
  cert: DetailedPeerCertificate;
  /** Chain verified against the system CAs plus extraCaPem (hostname not included). */
  authorized: boolean;
  authorizationError: string | null;
}
export type TlsProbe = TlsHandshake | { ok: false; error: string };

/** One handshake to ip:port with SNI = host; resolves, never rejects. */
export function handshake(
  host: string,
  ip: string,
  net: NetOptions,
  versions: { min?: SecureVersion; max?: SecureVersion } = {},
): Promise<TlsProbe> {
  const legacy = versions.min === "TLSv1" || versions.min === "TLSv1.1";
  return new Promise((resolve) => {
    const sock = connect({
      host: ip,
      port: net.httpsPort,
      servername: host,
      ca: net.extraCaPem ? [...rootCertificates, net.extraCaPem] : [...rootCertificates],
      rejectUnauthorized: false,
      // The name is judged apart (tls.hostname), so `authorized` speaks of the chain alone.
      checkServerIdentity: () => undefined,
      minVersion: versions.min ?? "TLSv1.2",
      maxVersion: versions.max ?? "TLSv1.3",
      // TLS 1.0/1.1 probes need OpenSSL 3's legacy ciphers; they only ask whether the server agrees.
      ...(legacy ? { ciphers: "DEFAULT@SECLEVEL=0" } : {}),
      timeout: net.timeoutMs,
    });
    const done = (p: TlsProbe) => {
      sock.destroy();
      resolve(p);
    };
    sock.once("secureConnect", () =>
      done({
        ok: true,
        protocol: sock.getProtocol() ?? "unknown",
        cert: sock.getPeerCertificate(true),
        authorized: sock.authorized,
        authorizationError: sock.authorizationError ? String(sock.authorizationError) : null,
      }),
    );
    sock.once("timeout", () =>
      done({ ok: false, error: `no TLS answer within ${net.timeoutMs} ms` }),
    );
    sock.once("error", (e) =>
      done({ ok: false, error: (e as NodeJS.ErrnoException).code ?? e.message }),
    );
  });
}
