// BIND 9's `named` as an authoritative peer on a loopback address, beside NSD and Knot
// (src/lab/real-servers.ts): a generated named.conf in its own folder (primary zones, no recursion,
// no control channel, no notifies), run in the foreground (-g) through the lab's launchServer
// (ready when every zone answers its SOA authoritatively).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findBinary, launchServer, type RealServerOptions } from '../../src/lab/real-servers.ts';

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

export async function startNamed(o: RealServerOptions): Promise<BindServer> {
  const binary = findNamed();
  if (!binary) throw new Error('named is not installed (Debian package "bind9")');
  mkdirSync(o.dir, { recursive: true });
  const conf = path.join(o.dir, 'named.conf');
  writeFileSync(conf, namedConfText(o));
  // -g: foreground, log to stderr; -4: IPv4 only; -n 1: one worker (two cores shared by the suite).
  return launchServer('named', binary, ['-g', '-4', '-n', '1', '-c', conf], o);
}
