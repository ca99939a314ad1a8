// Real authoritative servers (NSD, Knot) serving lab zone files on a loopback address, each with a
// minimal generated config in its own folder: for the real-server tests and the benchmark.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createDnsClient } from '../dns/dns-client.ts';
import { startServerProcess, tcpAnswers } from './server-process.ts';

export interface ServedZone { origin: string; file: string }

export interface RealServerOptions {
  /** Folder for the config, pid file, databases and logs (created). */
  dir: string;
  address: string;
  port: number;
  zones: ServedZone[];
  /** NSD server processes (default 1). */
  serverCount?: number;
}

export interface RealServer {
  name: 'nsd' | 'knot';
  address: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** The binary's path if installed (checked in sbin folders too, which a non-root PATH may lack). */
export function findBinary(name: string): string | undefined {
  for (const folder of ['/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin']) {
    const candidate = path.join(folder, name);
    if (spawnSync('test', ['-x', candidate]).status === 0) return candidate;
  }
  return undefined;
}

function nsdConfText(o: RealServerOptions): string {
  return [
    'server:', `  ip-address: ${o.address}@${o.port}`, '  username: ""', `  zonesdir: "${o.dir}"`,
    `  pidfile: "${o.dir}/nsd.pid"`, '  database: ""', `  xfrdfile: "${o.dir}/xfrd.state"`,
    `  zonelistfile: "${o.dir}/zone.list"`, `  xfrdir: "${o.dir}"`, `  logfile: "${o.dir}/nsd.log"`,
    `  server-count: ${o.serverCount ?? 1}`, '  verbosity: 0', '  hide-version: yes', '  do-ip6: no',
    // Response rate limiting off: probes and benchmarks send many queries from one source on purpose.
    '  rrl-ratelimit: 0', '  rrl-whitelist-ratelimit: 0',
    'remote-control:', '  control-enable: no',
    ...o.zones.flatMap((z) => ['zone:', `  name: "${z.origin}"`, `  zonefile: "${z.file}"`]), '',
  ].join('\n');
}

function knotConfText(o: RealServerOptions): string {
  return [
    'server:', `  listen: ${o.address}@${o.port}`, `  rundir: "${o.dir}"`, `  pidfile: "${o.dir}/knot.pid"`,
    'control:', `  listen: "${o.dir}/knot.sock"`,
    'database:', `  storage: "${o.dir}/db"`,
    'log:', '  - target: stderr', '    any: warning',
    'template:', '  - id: default', `    storage: "${o.dir}"`, '    zonefile-sync: -1', '    zonefile-load: whole',
    '    journal-content: none', '    semantic-checks: off',
    'zone:', ...o.zones.flatMap((z) => [`  - domain: "${z.origin}"`, `    file: "${z.file}"`]), '',
  ].join('\n');
}

async function allSoaAnswer(o: RealServerOptions): Promise<boolean> {
  const client = createDnsClient({ udpSockets: 2 });
  try {
    const answers = await Promise.all(o.zones.map((z) =>
      client.query({ address: o.address, port: o.port, name: z.origin, type: 'SOA', timeoutMs: 1000 })));
    return answers.every((a) => a.outcome === 'answer' && a.rcode === 'NOERROR' && a.aa === true);
  } finally {
    await client.close();
  }
}

/** Runs a server process (NSD, Knot, or another such as BIND's named) on `o`'s address and zones. */
export async function launchServer<N extends string>(name: N, binary: string, args: string[], o: RealServerOptions): Promise<{ name: N; address: string; port: number; pid: number; stop(): Promise<void> }> {
  // Listening is not enough: ready means every zone is loaded and answers its SOA.
  const p = await startServerProcess(name, binary, args, async () => await tcpAnswers(o.address, o.port) && await allSoaAnswer(o));
  return { name, address: o.address, port: o.port, pid: p.pid, stop: p.stop };
}

export async function startNsd(o: RealServerOptions): Promise<RealServer> {
  const binary = findBinary('nsd');
  if (!binary) throw new Error('nsd is not installed');
  mkdirSync(o.dir, { recursive: true });
  const conf = path.join(o.dir, 'nsd.conf');
  writeFileSync(conf, nsdConfText(o));
  return launchServer('nsd', binary, ['-d', '-c', conf], o);
}

export async function startKnot(o: RealServerOptions): Promise<RealServer> {
  const binary = findBinary('knotd');
  if (!binary) throw new Error('knotd is not installed');
  mkdirSync(path.join(o.dir, 'db'), { recursive: true });
  const conf = path.join(o.dir, 'knot.conf');
  writeFileSync(conf, knotConfText(o));
  return launchServer('knot', binary, ['-c', conf], o);
}
