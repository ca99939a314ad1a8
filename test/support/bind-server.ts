// BIND 9's `named` as an authoritative peer on a loopback address, beside NSD and Knot
// (src/lab/real-servers.ts): a generated named.conf in its own folder (primary zones, no recursion,
// no control channel, no notifies), run in the foreground (-g) through the lab's server-process
// helper; ready when every zone answers its SOA authoritatively.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createDnsClient } from '../../src/dns/dns-client.ts';
import { findBinary, type RealServerOptions } from '../../src/lab/real-servers.ts';
import { startServerProcess, tcpAnswers } from '../../src/lab/server-process.ts';

export interface BindServer {
  name: 'named';
  address: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** The named binary, or undefined when BIND (Debian package "bind9") is not installed. */
export const findNamed = (): string | undefined => findBinary('named');

export function namedConfText(o: RealServerOptions): string {
  const q = (s: string): string => JSON.stringify(s);
  return [
    'options {',
    `  directory ${q(o.dir)};`,
    `  pid-file ${q(path.join(o.dir, 'named.pid'))};`,
    `  session-keyfile ${q(path.join(o.dir, 'session.key'))};`,
    `  managed-keys-directory ${q(o.dir)};`,
    `  listen-on port ${o.port} { ${o.address}; };`,
    '  listen-on-v6 { none; };',
    '  recursion no;',
    '  notify no;',
    '  allow-transfer { none; };',
    '  dnssec-validation no;',
    '  version none;',
    // The probes keep hundreds of queries in flight: with the default socket buffer (~200 kB, about 250
    // queries' worth of kernel memory) a loaded machine drops some before named reads them.
    '  udp-receive-buffer 4194304;',
    '  udp-send-buffer 4194304;',
    '};',
    'controls { };',
    ...o.zones.map((z) => `zone ${q(z.origin)} { type primary; file ${q(z.file)}; };`),
    '',
  ].join('\n');
}

async function allSoaAnswer(o: RealServerOptions): Promise<boolean> {
  const client = createDnsClient({ udpSockets: 1 });
  try {
    const answers = await Promise.all(o.zones.map((z) =>
      client.query({ address: o.address, port: o.port, name: z.origin, type: 'SOA', timeoutMs: 1000 })));
    return answers.every((a) => a.outcome === 'answer' && a.rcode === 'NOERROR' && a.aa === true);
  } finally {
    await client.close();
  }
}

export async function startNamed(o: RealServerOptions): Promise<BindServer> {
  const binary = findNamed();
  if (!binary) throw new Error('named is not installed (Debian package "bind9")');
  mkdirSync(o.dir, { recursive: true });
  const conf = path.join(o.dir, 'named.conf');
  writeFileSync(conf, namedConfText(o));
  // -g: foreground, log to stderr; -4: IPv4 only; -n 1: one worker (two cores shared by the suite).
  const p = await startServerProcess('named', binary, ['-g', '-4', '-n', '1', '-c', conf],
    async () => await tcpAnswers(o.address, o.port) && await allSoaAnswer(o));
  return { name: 'named', address: o.address, port: o.port, pid: p.pid, stop: p.stop };
}
