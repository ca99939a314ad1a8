// Shared by the authserver tests: a lab zone, raw UDP/TCP query helpers (dns-packet) and dig.
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { execFile, spawnSync } from 'node:child_process';
import * as dnsPacket from '@leichtgewicht/dns-packet';

export const LAB_ZONE = `$TTL 3600
@ SOA ns1 hostmaster 2024010101 3600 900 604800 300
@ NS ns1
@ NS ns2
ns1 A 127.0.10.1
ns2 AAAA ::1
www A 192.0.2.2
www A 192.0.2.3
www AAAA 2001:db8::2
alias CNAME www
ext CNAME www.example.com.
loop1 CNAME loop2
loop2 CNAME loop1
dangling CNAME nothere
mail MX 10 mail
mail A 192.0.2.25
txt TXT "v=spf1 -all"
a.b.c TXT "deep"
child NS ns.child
child NS ns.elsewhere.test.
child DS 1 8 2 2BB183AF5F22588179A53B0A98631FAD1A292118A53B0A98631FAD1A2921ABCD
ns.child A 192.0.2.53
big TXT "${'x'.repeat(250)}" "${'y'.repeat(250)}" "${'z'.repeat(250)}"
`;

export const hasBinary = (bin: string): boolean => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;

export interface QueryOptions { edns?: boolean; udpSize?: number; id?: number; timeoutMs?: number; klass?: string }

export function encodeQuery(name: string, type: string, o: QueryOptions = {}): Buffer {
  return Buffer.from(dnsPacket.encode({
    type: 'query', id: o.id ?? 4242, flags: 0,
    questions: [{ name, type: type as any, class: (o.klass ?? 'IN') as any }],
    additionals: o.edns === false ? [] : [{ name: '.', type: 'OPT', udpPayloadSize: o.udpSize ?? 1232, flags: 0, options: [] } as any],
  }));
}

/** One UDP query; resolves to the decoded response or null on timeout. */
export function udpQuery(port: number, name: string, type: string, o: QueryOptions = {}): Promise<dnsPacket.Packet | null> {
  return udpRaw(port, encodeQuery(name, type, o), o.timeoutMs ?? 2000).then((b) => (b ? dnsPacket.decode(b) : null));
}

export function udpRaw(port: number, msg: Buffer, timeoutMs = 2000, host = '127.0.0.1'): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const s = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    const timer = setTimeout(() => { s.close(); resolve(null); }, timeoutMs);
    s.on('message', (m) => { clearTimeout(timer); s.close(); resolve(m); });
    s.send(msg, port, host);
  });
}

/** Sends several framed messages on one TCP connection; collects framed responses until count or timeout. */
export function tcpExchange(port: number, msgs: Buffer[], expect: number, timeoutMs = 3000): Promise<Buffer[]> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    let pending = Buffer.alloc(0);
    const sock = connect({ host: '127.0.0.1', port });
    const done = (): void => { clearTimeout(timer); sock.destroy(); resolve(out); };
    const timer = setTimeout(done, timeoutMs);
    sock.on('connect', () => {
      for (const m of msgs) {
        const f = Buffer.alloc(2 + m.length);
        f.writeUInt16BE(m.length, 0);
        m.copy(f, 2);
        sock.write(f);
      }
    });
    sock.on('data', (c: Buffer) => {
      pending = Buffer.concat([pending, c]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        out.push(pending.subarray(2, 2 + pending.readUInt16BE(0)));
        pending = pending.subarray(2 + pending.readUInt16BE(0));
      }
      if (out.length >= expect) done();
    });
    sock.on('error', done);
    sock.on('close', done);
  });
}

export function dig(port: number, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('dig', ['@127.0.0.1', '-p', String(port), '+tries=1', '+time=3', ...args], { timeout: 20_000 }, (err, stdout) => {
      if (err && !stdout) reject(err);
      else resolve(stdout);
    });
  });
}

/** Header status and the record lines (no comments) of dig output. */
export function digParts(out: string): { status: string; flags: string[]; records: string[] } {
  const status = /status: (\w+)/.exec(out)?.[1] ?? '';
  const flags = (/;; flags: ([a-z ]+);/.exec(out)?.[1] ?? '').trim().split(' ');
  const records = out.split('\n').filter((l) => l && !l.startsWith(';')).map((l) => l.split(/\s+/).join(' '));
  return { status, flags, records };
}
