/**
 * A tiny authoritative DNS server (UDP and TCP on one port) for fixture zones, so launch checks
 * resolve real DNS over the wire through node:dns without the internet. It speaks RFC 1035
 * for A, AAAA, CNAME, NS, MX, TXT and CAA (RFC 8659): an unknown name answers NXDOMAIN, a known name
 * without records of the asked type answers NOERROR with no answers (NODATA).
 */
import { createSocket } from "node:dgram";
import { isIPv6 } from "node:net";
import { createServer, type Server, type Socket } from "node:net";

export interface ZoneRecords {
  A?: string[];
  AAAA?: string[];
  CNAME?: string;
  MX?: { priority: number; exchange: string }[];
  /** Each TXT record as one string; strings over 255 bytes are split into chunks on the wire. */
  TXT?: string[];
  CAA?: { flags?: number; tag: string; value: string }[];
  NS?: string[];
}
/** Fully qualified names (no trailing dot) to their records. */
export type Zone = Record<string, ZoneRecords>;

const TYPE = { A: 1, NS: 2, CNAME: 5, MX: 15, TXT: 16, AAAA: 28, CAA: 257 } as const;
const TTL = 60;

function encodeName(name: string): Buffer {
  const parts = name.replace(/\.$/, "").split(".").filter(Boolean);
  const bufs = parts.map((p) =>
    Buffer.concat([Buffer.from([Buffer.byteLength(p)]), Buffer.from(p)]),
  );
  return Buffer.concat([...bufs, Buffer.from([0])]);
}

function readName(buf: Buffer, offset: number): { name: string; next: number } {
  const labels: string[] = [];
  let o = offset;
  for (;;) {
    const len = buf[o];
    if (len === undefined) throw new Error("truncated name");
    if (len === 0) return { name: labels.join("."), next: o + 1 };
    if ((len & 0xc0) === 0xc0) throw new Error("compressed question names are not expected");
    labels.push(buf.toString("latin1", o + 1, o + 1 + len));
    o += 1 + len;
  }
}

function ipv6Bytes(ip: string): Buffer {
  const [head, tail = ""] = ip.split("::");
  const h = head ? head.split(":") : [];
  const t = ip.includes("::") && tail ? tail.split(":") : [];
  const fill = ip.includes("::") ? 8 - h.length - t.length : 0;
  const groups = [...h, ...Array<string>(fill).fill("0"), ...t];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

function rdata(type: number, rec: ZoneRecords): Buffer[] {
  switch (type) {
    case TYPE.A:
      return (rec.A ?? []).map((ip) => Buffer.from(ip.split(".").map(Number)));
    case TYPE.AAAA:
      return (rec.AAAA ?? []).filter((ip) => isIPv6(ip)).map(ipv6Bytes);
    case TYPE.CNAME:
      return rec.CNAME ? [encodeName(rec.CNAME)] : [];
    case TYPE.NS:
      return (rec.NS ?? []).map(encodeName);
    case TYPE.MX:
      return (rec.MX ?? []).map((mx) => {
        const pref = Buffer.alloc(2);
        pref.writeUInt16BE(mx.priority);
        return Buffer.concat([pref, encodeName(mx.exchange)]);
      });
    case TYPE.TXT:
      return (rec.TXT ?? []).map((txt) => {
        const bytes = Buffer.from(txt);
        const chunks: Buffer[] = [];
        for (let i = 0; i < bytes.length || i === 0; i += 255) {
          const c = bytes.subarray(i, i + 255);
          chunks.push(Buffer.from([c.length]), c);
        }
        return Buffer.concat(chunks);
      });
    case TYPE.CAA:
      return (rec.CAA ?? []).map((c) =>
        Buffer.concat([
          Buffer.from([c.flags ?? 0, Buffer.byteLength(c.tag)]),
          Buffer.from(c.tag),
          Buffer.from(c.value),
        ]),
      );
    default:
      return [];
  }
}

function rr(name: string, type: number, data: Buffer): Buffer {
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(type, 0);
  fixed.writeUInt16BE(1, 2); // class IN
  fixed.writeUInt32BE(TTL, 4);
  fixed.writeUInt16BE(data.length, 8);
  return Buffer.concat([encodeName(name), fixed, data]);
}

/** Answers one DNS query message from the zone; null for a message that is not a query. */
export function answerQuery(zone: Zone, msg: Buffer, log?: string[]): Buffer | null {
  if (msg.length < 12) return null;
  const id = msg.readUInt16BE(0);
  const flags = msg.readUInt16BE(2);
  if (flags & 0x8000 || msg.readUInt16BE(4) !== 1) return null;
  const q = readName(msg, 12);
  const qtype = msg.readUInt16BE(q.next);
  log?.push(`${q.name.toLowerCase()} ${qtype}`);
  const question = msg.subarray(12, q.next + 4);
  const answers: Buffer[] = [];
  let name = q.name.toLowerCase();
  let rcode = 0;
  for (let hops = 0; hops < 8; hops++) {
    const rec = zone[name];
    if (!rec) {
      if (hops === 0) rcode = 3; // NXDOMAIN
      break;
    }
    if (rec.CNAME && qtype !== TYPE.CNAME) {
      answers.push(rr(name, TYPE.CNAME, encodeName(rec.CNAME)));
      name = rec.CNAME.toLowerCase();
      continue;
    }
    for (const d of rdata(qtype, rec)) answers.push(rr(name, qtype, d));
    break;
  }
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  // QR, opcode 0, AA, RD copied from the query, RA off, rcode.
  header.writeUInt16BE(0x8000 | 0x0400 | (flags & 0x0100) | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, question, ...answers]);
}

function truncated(reply: Buffer): Buffer {
  // Over UDP's 512 bytes: header + question with TC set, so the resolver retries over TCP.
  const qEnd = readName(reply, 12).next + 4;
  const out = Buffer.from(reply.subarray(0, qEnd));
  out.writeUInt16BE(out.readUInt16BE(2) | 0x0200, 2);
  out.writeUInt16BE(0, 6);
  return out;
}

export interface FixtureDnsServer {
  /** "127.0.0.1:port", ready for Resolver.setServers. */
  address: string;
  port: number;
  /** Replace or add names while running (tests can change a zone between checks). */
  zone: Zone;
  /** Every question asked, as "name TYPE-number", in order (tests assert what was never asked). */
  queries: string[];
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 (port 0 picks a free one); both UDP and TCP listen on it. */
export async function startDnsServer(zone: Zone, port = 0): Promise<FixtureDnsServer> {
  const udp = createSocket("udp4");
  const live = { zone };
  const queries: string[] = [];
  udp.on("message", (msg, from) => {
    try {
      const reply = answerQuery(live.zone, msg, queries);
      if (reply) udp.send(reply.length > 512 ? truncated(reply) : reply, from.port, from.address);
    } catch {
      // A malformed query gets no answer, as from a real server dropping junk.
    }
  });
  await new Promise<void>((resolve, reject) => {
    udp.once("error", reject);
    udp.bind(port, "127.0.0.1", () => resolve());
  });
  const boundPort = udp.address().port;
  const sockets = new Set<Socket>();
  const tcp: Server = createServer((sock) => {
    sockets.add(sock);
    sock.on("close", () => sockets.delete(sock));
    sock.on("error", () => sock.destroy());
    let buf = Buffer.alloc(0);
    sock.on("data", (d) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const msg = buf.subarray(2, 2 + buf.readUInt16BE(0));
        buf = buf.subarray(2 + msg.length);
        try {
          const reply = answerQuery(live.zone, msg, queries);
          if (reply) {
            const len = Buffer.alloc(2);
            len.writeUInt16BE(reply.length);
            sock.write(Buffer.concat([len, reply]));
          }
        } catch {
          sock.destroy();
        }
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once("error", reject);
    tcp.listen(boundPort, "127.0.0.1", () => resolve());
  });
  return {
    address: `127.0.0.1:${boundPort}`,
    port: boundPort,
    queries,
    get zone() {
      return live.zone;
    },
    set zone(z: Zone) {
      live.zone = z;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all([
        new Promise<void>((r) => udp.close(() => r())),
        new Promise<void>((r) => tcp.close(() => r())),
      ]);
    },
  };
}
