// The sinkhole (issue 11 item 6): the built-in authoritative server's answer for names delegated to
// the sinkhole nameservers. For a sinkholed name and every name below it: A/AAAA → the sinkhole's
// addresses, NS at the name → the sinkhole nameservers, SOA at the name → a synthesised SOA, other
// types → NODATA; names that are not sinkholed → REFUSED. Every query is logged (SinkholeLog) with the
// name's case. UDP and TCP on one address/port.
import dgram from 'node:dgram';
import net from 'node:net';
import * as packet from '@leichtgewicht/dns-packet';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export interface SinkholeServerOptions {
  address: string;
  port: number;
  addresses: string[];
  nameservers: string[];
  /** The sinkholed names (absolute, lower-case) → their case id; read on every query, so it may change. */
  names: () => ReadonlyMap<string, string | null>;
  log: SinkholeLog;
  now?: () => Date;
}

export interface SinkholeServer { port: number; close(): Promise<void> }

function owner(qname: string, names: ReadonlyMap<string, string | null>): string | null {
  for (let n = qname, guard = 0; n && guard < 128; guard++) {
    if (names.has(n)) return n;
    const i = n.indexOf('.');
    if (i < 0 || i === n.length - 1) return null;
    n = n.slice(i + 1);
  }
  return null;
}

/** The answer to one query message, or null to drop it. `client` goes to the log. */
export function sinkholeAnswer(o: SinkholeServerOptions, msg: Buffer, client: { address: string; port: number }): Buffer | null {
  let q: packet.Packet;
  try { q = packet.decode(msg); } catch { return null; }
  const question = q.questions?.[0];
  if (!question || q.type !== 'query') return null;
  const qname = `${question.name.toLowerCase().replace(/\.$/, '')}.`;
  const names = o.names();
  const apex = owner(qname, names);
  o.log.add({ at: (o.now ?? (() => new Date()))().toISOString(), client: client.address, port: client.port, name: qname, type: String(question.type),
    sinkholed: apex, case: apex ? names.get(apex) ?? null : null });
  const base = { id: q.id, type: 'response' as const, flags: packet.AUTHORITATIVE_ANSWER, questions: [question] };
  if (!apex) return Buffer.from(packet.encode({ ...base, flags: 5 /* RCODE REFUSED, AA=0 */ } as packet.Packet));
  const ttl = 60;
  const soa = { name: apex, type: 'SOA' as const, ttl, data: { mname: o.nameservers[0], rname: `hostmaster.${o.nameservers[0]}`, serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: ttl } };
  const t = question.type;
  const answers: packet.Answer[] =
    t === 'A' ? o.addresses.filter((a) => net.isIPv4(a)).map((data) => ({ name: qname, type: 'A', ttl, data }))
      : t === 'AAAA' ? o.addresses.filter((a) => net.isIPv6(a)).map((data) => ({ name: qname, type: 'AAAA', ttl, data }))
        : t === 'NS' && qname === apex ? o.nameservers.map((data) => ({ name: apex, type: 'NS', ttl, data }))
          : t === 'SOA' && qname === apex ? [soa] : [];
  return Buffer.from(packet.encode({ ...base, answers, authorities: answers.length ? [] : [soa] } as packet.Packet));
}

export async function startSinkholeServer(o: SinkholeServerOptions): Promise<SinkholeServer> {
  const udp = dgram.createSocket(net.isIPv6(o.address) ? 'udp6' : 'udp4');
  udp.on('message', (msg, rinfo) => {
    const out = sinkholeAnswer(o, msg, rinfo);
    if (out) udp.send(out, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve, reject) => { udp.once('error', reject); udp.bind(o.port, o.address, () => resolve()); });
  const port = udp.address().port;
  const tcp = net.createServer((socket) => {
    let buf = Buffer.alloc(0);
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const msg = buf.subarray(2, 2 + buf.readUInt16BE(0));
        buf = buf.subarray(2 + msg.length);
        const out = sinkholeAnswer(o, msg, { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 });
        if (out) { const len = Buffer.alloc(2); len.writeUInt16BE(out.length, 0); socket.write(Buffer.concat([len, out])); }
      }
    });
    socket.on('error', () => socket.destroy());
    socket.setTimeout(10_000, () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => { tcp.once('error', reject); tcp.listen(port, o.address, () => resolve()); });
  return {
    port,
    close: async () => {
      o.log.close();
      await Promise.all([new Promise<void>((r) => udp.close(() => r())), new Promise<void>((r) => tcp.close(() => r()))]);
    },
  };
}

// The sinkhole's query log (issue 11 item 6): who asked for a sinkholed name — time, client address
// and port, name, type, and the threat case of the name — so that victims can be told. JSON lines in
// `<dir>/sinkhole.log`, written in batches; bounded: when the file passes `maxBytes` it rotates to
// sinkhole.log.1 (… up to `files` old files; the oldest is dropped).
export interface SinkholeQuery { at: string; client: string; port: number; name: string; type: string; sinkholed: string | null; case: string | null }

export interface SinkholeLogOptions { dir: string; maxBytes: number; files: number; flushMs?: number }

export class SinkholeLog {
  readonly #o: SinkholeLogOptions;
  readonly #file: string;
  #pending: string[] = [];
  #timer: NodeJS.Timeout | null = null;
  #size: number;

  constructor(o: SinkholeLogOptions) {
    this.#o = o;
    mkdirSync(o.dir, { recursive: true });
    this.#file = path.join(o.dir, 'sinkhole.log');
    this.#size = existsSync(this.#file) ? statSync(this.#file).size : 0;
  }

  add(q: SinkholeQuery): void {
    this.#pending.push(`${JSON.stringify(q)}\n`);
    if (this.#pending.length >= 1000) this.flush();
    else this.#timer ??= setTimeout(() => this.flush(), this.#o.flushMs ?? 200).unref();
  }

  flush(): void {
    if (this.#timer) { clearTimeout(this.#timer); this.#timer = null; }
    if (this.#pending.length === 0) return;
    const text = this.#pending.join('');
    this.#pending = [];
    if (this.#size > 0 && this.#size + Buffer.byteLength(text) > this.#o.maxBytes) this.#rotate();
    appendFileSync(this.#file, text);
    this.#size += Buffer.byteLength(text);
  }

  #rotate(): void {
    const f = (i: number) => (i === 0 ? this.#file : `${this.#file}.${i}`);
    rmSync(f(this.#o.files), { force: true });
    for (let i = this.#o.files - 1; i >= 0; i--) if (existsSync(f(i))) renameSync(f(i), f(i + 1));
    this.#size = 0;
  }

  close(): void { this.flush(); }
}

/** Every logged query, oldest first (rotated files included), optionally of one case. */
export function readSinkholeLog(dir: string, filter: { case?: string } = {}): SinkholeQuery[] {
  const base = path.join(dir, 'sinkhole.log');
  const files: string[] = [];
  for (let i = 100; i >= 1; i--) if (existsSync(`${base}.${i}`)) files.push(`${base}.${i}`);
  if (existsSync(base)) files.push(base);
  const out: SinkholeQuery[] = [];
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (!line) continue;
      const q = JSON.parse(line) as SinkholeQuery;
      if (filter.case === undefined || q.case === filter.case) out.push(q);
    }
  }
  return out;
}
