// The DNSSEC test world: a signed parent `lab.` (the trust anchor's zone) on one NSD, signed and broken
// children (one per case of the matrix) on a second NSD, a nested unsigned child on a third, and a
// validating Unbound with the lab's DS as trust-anchor-file and a stub per zone (stubs carry @port, so
// the whole world runs on one high port on 127.83.0.x). Validity windows come from the caller's `now`.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { signZone } from '../../src/lab/dnssec-signer.ts';
import type { SignedZone } from '../../src/lab/dnssec-signer.ts';
import { startNsd } from '../../src/lab/real-servers.ts';
import type { RealServer } from '../../src/lab/real-servers.ts';
import { findUnbound } from '../../src/lab/unbound.ts';
import { startServerProcess, tcpAnswers } from '../../src/lab/server-process.ts';
import { freePort } from './dns-client-nsd.ts';

export const ADDR = { parent: '127.83.0.1', children: '127.83.0.2', unbound: '127.83.0.3', nested: '127.83.0.4' };
const DAY = 86400;

export interface ChildSpec {
  name: string;                 // "a13" → a13.lab.
  algorithm?: number;           // default 13
  window?: 'valid' | 'expired' | 'not-yet-valid';
  nsec3?: { salt?: string; iterations?: number; optOut?: boolean };
  signed?: boolean;             // default true
  wrongDs?: boolean;
  /** Edits the signed zone text (strip an RRSIG, change data under a signature). */
  edit?: (signed: string) => string;
  extra?: string;               // more unsigned records
  /** An out-of-bailiwick name server (no glue at the parent), instead of ns.<child> with glue. */
  ns?: string;
}

export interface World {
  port: number;
  dir: string;
  zones: Map<string, SignedZone | { origin: string; file: string }>;
  /** The lab.'s DS records as Unbound reads them (trust-anchor-file). */
  anchorFile: string;
  /** DS text each child's parent publishes (the wrong one for wrongDs). */
  publishedDs: Map<string, string>;
  stop(): Promise<void>;
}

const childText = (origin: string, extra = '', ns = `ns.${origin}`): string => `@ 300 IN SOA ns.${origin} hostmaster.${origin} 1 3600 600 86400 300
@ 300 IN NS ${ns}
ns.${origin} 300 IN A ${ADDR.children}
www 300 IN A 192.0.2.1
www 300 IN AAAA 2001:db8::1
mail 300 IN MX 10 www.${origin}
${extra}`;

function windowOf(now: number, w: ChildSpec['window']): { inception: number; expiration: number } {
  // Margins of days: beyond Unbound's signature skew (10 % of the window, at most a day).
  if (w === 'expired') return { inception: now - 12 * DAY, expiration: now - 2 * DAY };
  if (w === 'not-yet-valid') return { inception: now + 2 * DAY, expiration: now + 12 * DAY };
  return { inception: now - 3600, expiration: now + 10 * DAY };
}

/** Breaks a DS record's digest (last hex digit flipped). */
const breakDs = (ds: string): string => ds.replace(/([0-9a-fA-F])(\s*)$/, (_m, d: string, s: string) => `${d === '0' ? '1' : '0'}${s}`);

export async function buildWorld(dir: string, now: number, specs: ChildSpec[], nested: { parent: string; child: string }[]): Promise<World> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const zones = new Map<string, SignedZone | { origin: string; file: string }>();
  const publishedDs = new Map<string, string>();
  const delegations: string[] = [];
  for (const s of specs) {
    const origin = `${s.name}.lab.`;
    const zdir = path.join(dir, s.name);
    const extra = (s.extra ?? '') + nested.filter((n) => n.parent === origin)
      .map((n) => `${n.child} 300 IN NS ns.${n.child}\nns.${n.child} 300 IN A ${ADDR.nested}\n`).join('');
    if (s.signed === false) {
      mkdirSync(zdir, { recursive: true });
      const file = path.join(zdir, `${s.name}.zone`);
      writeFileSync(file, `$ORIGIN ${origin}\n${childText(origin, extra, s.ns)}\n`);
      zones.set(origin, { origin, file });
    } else {
      const z = signZone({ dir: zdir, origin, text: childText(origin, extra, s.ns), algorithm: s.algorithm ?? 13, ...windowOf(now, s.window), nsec3: s.nsec3 });
      if (s.edit) writeFileSync(z.file, s.edit(readFileSync(z.file, 'utf8')));
      zones.set(origin, z);
      const ds = s.wrongDs ? breakDs(z.dsText) : z.dsText;
      publishedDs.set(origin, ds);
      delegations.push(ds);
    }
    if (s.ns) delegations.push(`${origin} 300 IN NS ${s.ns}`);
    else delegations.push(`${origin} 300 IN NS ns.${origin}`, `ns.${origin} 300 IN A ${ADDR.children}`);
  }
  for (const n of nested) {
    const file = path.join(dir, `${n.child}zone`);
    writeFileSync(file, `$ORIGIN ${n.child}\n${childText(n.child).replaceAll(ADDR.children, ADDR.nested)}\n`);
    zones.set(n.child, { origin: n.child, file });
  }
  const parent = signZone({
    dir: path.join(dir, 'lab'), origin: 'lab.', algorithm: 13, ...windowOf(now, 'valid'),
    text: `@ 300 IN SOA ns1.lab. hostmaster.lab. 1 3600 600 86400 300\n@ 300 IN NS ns1.lab.\nns1 300 IN A ${ADDR.parent}\n${delegations.join('\n')}\n`,
  });
  zones.set('lab.', parent);
  const anchorFile = path.join(dir, 'lab-anchor.ds');
  writeFileSync(anchorFile, `${parent.dsText}\n`);
  const port = await freePort(ADDR.parent);
  const servers: RealServer[] = [];
  const stopAll = async (): Promise<void> => { for (const s of servers.splice(0)) await s.stop(); };
  try {
    const group = (_addr: string, list: string[]) => list.map((o) => ({ origin: o, file: zones.get(o)!.file }));
    servers.push(await startNsd({ dir: path.join(dir, 'nsd-parent'), address: ADDR.parent, port, zones: group(ADDR.parent, ['lab.']) }));
    servers.push(await startNsd({ dir: path.join(dir, 'nsd-children'), address: ADDR.children, port,
      zones: group(ADDR.children, specs.map((s) => `${s.name}.lab.`)) }));
    if (nested.length) {
      servers.push(await startNsd({ dir: path.join(dir, 'nsd-nested'), address: ADDR.nested, port, zones: group(ADDR.nested, nested.map((n) => n.child)) }));
    }
    const stubs = [['lab.', ADDR.parent], ...specs.map((s) => [`${s.name}.lab.`, ADDR.children]), ...nested.map((n) => [n.child, ADDR.nested])];
    const unbound = await startValidatingUnbound(path.join(dir, 'unbound'), port, anchorFile, stubs);
    servers.push({ name: 'nsd', address: ADDR.unbound, port, pid: unbound.pid, stop: unbound.stop });
  } catch (e) {
    await stopAll();
    throw e;
  }
  return { port, dir, zones, anchorFile, publishedDs, stop: stopAll };
}

async function startValidatingUnbound(dir: string, port: number, anchorFile: string, stubs: string[][]) {
  const binary = findUnbound();
  if (!binary) throw new Error('unbound is not installed');
  mkdirSync(dir, { recursive: true });
  const conf = path.join(dir, 'unbound.conf');
  writeFileSync(conf, [
    'server:', `  interface: ${ADDR.unbound}`, `  port: ${port}`, '  do-ip6: no', '  username: ""', '  chroot: ""',
    `  directory: "${dir}"`, `  pidfile: "${dir}/unbound.pid"`, `  logfile: "${dir}/unbound.log"`, '  use-syslog: no',
    '  verbosity: 1', '  num-threads: 1', '  access-control: 127.0.0.0/8 allow', '  do-not-query-localhost: no',
    '  module-config: "validator iterator"', `  trust-anchor-file: "${anchorFile}"`, '  qname-minimisation: no',
    '  harden-referral-path: no', '  val-log-level: 2', '  cache-max-ttl: 1', '  cache-max-negative-ttl: 1',
    'remote-control:', '  control-enable: no',
    ...stubs.flatMap(([zone, addr]) => ['stub-zone:', `  name: "${zone}"`, `  stub-addr: ${addr}@${port}`]), '',
  ].join('\n'));
  return startServerProcess('unbound', binary, ['-d', '-c', conf], () => tcpAnswers(ADDR.unbound, port), `see ${dir}/unbound.log`);
}
