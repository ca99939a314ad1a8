// Real primaries that accept RFC 2136 UPDATE signed with TSIG, for the registry connector tests and the
// DGA benchmark: Knot (knotd) and BIND (named), each with a journal so that a change reaches a secondary
// by NOTIFY and IXFR, and a Knot secondary. Each server gets its own folder and loopback address.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createDnsClient } from '../../src/dns/dns-client.ts';
import { findBinary } from '../../src/lab/real-servers.ts';
import { startServerProcess, tcpAnswers } from '../../src/lab/server-process.ts';
import type { TsigKey } from '../../src/registry/dns-update/tsig.ts';

export interface Primary { kind: 'knot' | 'named'; address: string; port: number; key: TsigKey; stop(): Promise<void> }

export const newKey = (name = 'dnswarden-key'): TsigKey => ({ name, algorithm: 'hmac-sha256', secret: randomBytes(32).toString('base64') });

/** The serial the server at address:port serves for `zone`, or null. */
export async function servedSerial(address: string, port: number, zone: string): Promise<number | null> {
  const client = createDnsClient({ udpSockets: 1 });
  try {
    const a = await client.query({ address, port, name: zone, type: 'SOA', timeoutMs: 1000 });
    return a.outcome === 'answer' && a.rcode === 'NOERROR' && a.aa ? Number(a.answer[0]?.data.split(' ')[2]) : null;
  } finally { await client.close(); }
}

const ready = (address: string, port: number, zone: string) => async () => await tcpAnswers(address, port) && await servedSerial(address, port, zone) !== null;

export interface PrimaryOptions {
  dir: string; address: string; port: number; zone: string; zoneText: string; key: TsigKey; notify?: { address: string; port: number };
  /** BIND only: names the key may not change (an update-policy deny before the grant). */
  denyNames?: string[];
}

export async function startKnotPrimary(o: PrimaryOptions): Promise<Primary> {
  const knotd = findBinary('knotd');
  if (!knotd) throw new Error('knotd is not installed (Debian package knot)');
  mkdirSync(path.join(o.dir, 'db'), { recursive: true });
  const file = path.join(o.dir, 'zone.db');
  writeFileSync(file, o.zoneText);
  const conf = path.join(o.dir, 'knot.conf');
  writeFileSync(conf, ['server:', `  listen: ${o.address}@${o.port}`, `  rundir: "${o.dir}"`, `  pidfile: "${o.dir}/knot.pid"`, '  udp-workers: 1', '  tcp-workers: 1', '  background-workers: 1',
    'control:', `  listen: "${o.dir}/knot.sock"`, 'database:', `  storage: "${o.dir}/db"`, 'log:', '  - target: stderr', '    any: warning',
    'key:', `  - id: ${o.key.name}`, `    algorithm: ${o.key.algorithm}`, `    secret: ${o.key.secret}`,
    ...(o.notify ? ['remote:', '  - id: secondary', `    address: ${o.notify.address}@${o.notify.port}`, `    via: ${o.address}`] : []),
    'acl:', '  - id: update', '    address: 127.0.0.0/8', `    key: ${o.key.name}`, '    action: update',
    '  - id: xfr', '    address: 127.0.0.0/8', '    action: transfer',
    'template:', '  - id: default', `    storage: "${o.dir}"`, '    zonefile-sync: -1', '    zonefile-load: whole', '    journal-content: changes',
    '    semantic-checks: off', '    acl: [update, xfr]',
    'zone:', `  - domain: ${o.zone}`, `    file: "${file}"`, ...(o.notify ? ['    notify: secondary'] : []), ''].join('\n'));
  const p = await startServerProcess('knotd', knotd, ['-c', conf], ready(o.address, o.port, o.zone));
  return { kind: 'knot', address: o.address, port: o.port, key: o.key, stop: p.stop };
}

export async function startBindPrimary(o: PrimaryOptions): Promise<Primary> {
  const named = findBinary('named');
  if (!named) throw new Error('named is not installed (Debian package bind9)');
  mkdirSync(o.dir, { recursive: true });
  const file = path.join(o.dir, 'zone.db');
  writeFileSync(file, o.zoneText);
  const q = JSON.stringify;
  const conf = path.join(o.dir, 'named.conf');
  writeFileSync(conf, ['options {', `  directory ${q(o.dir)};`, `  pid-file ${q(path.join(o.dir, 'named.pid'))};`,
    `  session-keyfile ${q(path.join(o.dir, 'session.key'))};`, `  managed-keys-directory ${q(o.dir)};`,
    `  listen-on port ${o.port} { ${o.address}; };`, '  listen-on-v6 { none; };', '  recursion no;', '  dnssec-validation no;',
    `  notify ${o.notify ? 'explicit' : 'no'};`, '  allow-transfer { 127.0.0.0/8; };',
    // BIND answers IXFR in full when the changes outweigh the zone (max-ixfr-ratio 100 %): these test zones are tiny.
    '  max-ixfr-ratio unlimited;',
    '  notify-delay 0;', '  version none;', '};', 'controls { };',
    `key ${q(o.key.name)} { algorithm ${o.key.algorithm}; secret ${q(o.key.secret)}; };`,
    `zone ${q(o.zone)} { type primary; file ${q(file)}; ` + (o.denyNames?.length
      ? `update-policy { ${o.denyNames.map((n) => `deny ${q(o.key.name)} name ${n} ANY;`).join(' ')} grant ${q(o.key.name)} subdomain ${o.zone} ANY; };`
      : `allow-update { key ${q(o.key.name)}; };`)
      + (o.notify ? ` also-notify { ${o.notify.address} port ${o.notify.port}; };` : '') + ' };', ''].join('\n'));
  const p = await startServerProcess('named', named, ['-g', '-4', '-n', '1', '-c', conf], ready(o.address, o.port, o.zone));
  return { kind: 'named', address: o.address, port: o.port, key: o.key, stop: p.stop };
}

/** A Knot secondary of `zone` that takes NOTIFY from and transfers (IXFR) from the primary. */
export async function startKnotSecondary(o: { dir: string; address: string; port: number; zone: string; primary: { address: string; port: number } }): Promise<{ stop(): Promise<void> }> {
  const knotd = findBinary('knotd');
  if (!knotd) throw new Error('knotd is not installed (Debian package knot)');
  mkdirSync(path.join(o.dir, 'db'), { recursive: true });
  const conf = path.join(o.dir, 'knot.conf');
  writeFileSync(conf, ['server:', `  listen: ${o.address}@${o.port}`, `  rundir: "${o.dir}"`, `  pidfile: "${o.dir}/knot.pid"`, '  udp-workers: 1', '  tcp-workers: 1', '  background-workers: 1',
    'control:', `  listen: "${o.dir}/knot.sock"`, 'database:', `  storage: "${o.dir}/db"`, 'log:', '  - target: stderr', '    any: warning',
    'remote:', '  - id: primary', `    address: ${o.primary.address}@${o.primary.port}`,
    'acl:', '  - id: notify', '    address: 127.0.0.0/8', '    action: notify',
    'template:', '  - id: default', `    storage: "${o.dir}"`, '    zonefile-sync: -1', '    journal-content: changes', '    semantic-checks: off',
    'zone:', `  - domain: ${o.zone}`, '    master: primary', '    acl: notify', ''].join('\n'));
  const p = await startServerProcess('knotd (secondary)', knotd, ['-c', conf], ready(o.address, o.port, o.zone));
  return { stop: p.stop };
}
