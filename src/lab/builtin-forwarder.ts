// The lab's stand-in resolver when Unbound is not installed: a tiny UDP forwarder. It knows the lab's
// layout, so instead of iterating it sends each query straight to a server of the closest enclosing
// lab zone and returns that answer as a recursive answer (RA=1, AA=0). No cache, no TCP.
import dgram from 'node:dgram';
import { hijackAnswer, type Hijacks } from './resolver-hijack.ts';

export interface ForwarderOptions {
  address: string;
  port: number;
  /** The upstream server for a query name (lower-case, absolute), or undefined to answer REFUSED. */
  upstreamFor: (qname: string) => { address: string; port: number } | undefined;
  timeoutMs?: number;
}

export interface Forwarder {
  stopped: boolean;
  /** Names answered with a forged address (the lab's hijack fault, resolver-hijack.ts). */
  hijacks: Hijacks;
  close(): Promise<void>;
}

/** The question name of a DNS message (uncompressed, as in queries), or undefined if malformed. */
export function questionName(msg: Buffer): string | undefined {
  if (msg.length < 12 || msg.readUInt16BE(4) < 1) return undefined;
  const labels: string[] = [];
  let i = 12;
  for (let guard = 0; guard < 128; guard++) {
    if (i >= msg.length) return undefined;
    const len = msg[i];
    if (len === 0) return labels.length ? `${labels.join('.')}.`.toLowerCase() : '.';
    if (len > 63 || i + 1 + len > msg.length) return undefined;
    labels.push(msg.subarray(i + 1, i + 1 + len).toString('latin1'));
    i += 1 + len;
  }
  return undefined;
}

/** The same message with RCODE set (QR=1, RA=1), for REFUSED/SERVFAIL answers. */
function withRcode(query: Buffer, rcode: number): Buffer {
  const out = Buffer.from(query);
  out[2] = (out[2] | 0x80) & ~0x04; // QR=1, AA=0
  out[3] = 0x80 | rcode; // RA=1
  return out;
}

export async function startForwarder(opts: ForwarderOptions): Promise<Forwarder> {
  const timeoutMs = opts.timeoutMs ?? 4000;
  const server = dgram.createSocket('udp4');
  const upstream = dgram.createSocket('udp4');
  // upstream id → where the answer goes
  const pending = new Map<number, { id: number; rinfo: dgram.RemoteInfo; timer: NodeJS.Timeout }>();
  let nextId = Math.floor(Math.random() * 65536);
  const state: Forwarder = { stopped: false, hijacks: {}, close: async () => {} };

  server.on('message', (msg, rinfo) => {
    if (state.stopped || msg.length < 12 || (msg[2] & 0x80) !== 0) return;
    const qname = questionName(msg);
    const forged = qname === undefined ? undefined : hijackAnswer(msg, qname, state.hijacks);
    if (forged) { server.send(forged, rinfo.port, rinfo.address); return; }
    const target = qname === undefined ? undefined : opts.upstreamFor(qname);
    if (!target) { server.send(withRcode(msg, 5), rinfo.port, rinfo.address); return; }
    let id = nextId;
    for (let n = 0; n < 65536 && pending.has(id); n++) id = (id + 1) & 0xffff;
    if (pending.has(id)) { server.send(withRcode(msg, 2), rinfo.port, rinfo.address); return; }
    nextId = (id + 1) & 0xffff;
    const out = Buffer.from(msg);
    out.writeUInt16BE(id, 0);
    out[2] &= ~0x01; // RD=0 towards the authoritative server
    const timer = setTimeout(() => {
      pending.delete(id);
      server.send(withRcode(msg, 2), rinfo.port, rinfo.address);
    }, timeoutMs);
    pending.set(id, { id: msg.readUInt16BE(0), rinfo, timer });
    upstream.send(out, target.port, target.address);
  });

  upstream.on('message', (msg) => {
    if (msg.length < 12) return;
    const entry = pending.get(msg.readUInt16BE(0));
    if (!entry) return;
    pending.delete(msg.readUInt16BE(0));
    clearTimeout(entry.timer);
    if (state.stopped) return;
    const out = Buffer.from(msg);
    out.writeUInt16BE(entry.id, 0);
    out[2] = (out[2] & ~0x04) | 0x01; // AA=0, RD=1 as asked
    out[3] |= 0x80; // RA=1
    server.send(out, entry.rinfo.port, entry.rinfo.address);
  });
  server.on('error', () => {});
  upstream.on('error', () => {});

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.bind(opts.port, opts.address, () => { server.off('error', reject); resolve(); });
  });
  await new Promise<void>((resolve) => upstream.bind(0, '127.0.0.1', resolve));
  state.close = async () => {
    for (const p of pending.values()) clearTimeout(p.timer);
    pending.clear();
    await Promise.all([new Promise<void>((r) => server.close(() => r())), new Promise<void>((r) => upstream.close(() => r()))]);
  };
  return state;
}
