// A throwaway NSD on 127.0.0.1 and a free high port, serving one small zone, for the DNS client's
// real-server test and throughput bench. Everything lives in a temp dir removed by stop().
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface NsdInstance {
  address: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

export const TEST_ORIGIN = 'client-lab.';
export const BIG_TXT_COUNT = 40; // 40 × ~100-octet TXT strings: far above 1232 octets, so UDP truncates

export function testZoneText(): string {
  const lines = [
    `$ORIGIN ${TEST_ORIGIN}`, '$TTL 3600',
    '@ IN SOA ns1 hostmaster 2024010101 7200 3600 1209600 300',
    '@ IN NS ns1', 'ns1 IN A 127.0.0.1', 'www IN A 192.0.2.10', 'www IN AAAA 2001:db8::10',
    'mail IN MX 10 mx1', 'mx1 IN A 192.0.2.25',
  ];
  for (let i = 0; i < BIG_TXT_COUNT; i++) lines.push(`big IN TXT "record-${String(i).padStart(3, '0')}-${'x'.repeat(90)}"`);
  return `${lines.join('\n')}\n`;
}

/** A port free for both UDP and TCP on 127.0.0.1 at the time of asking. */
export async function freePort(address = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 40000);
    const ok = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, address, () => {
        const sock = dgram.createSocket('udp4');
        sock.once('error', () => server.close(() => resolve(false)));
        sock.bind(port, address, () => sock.close(() => server.close(() => resolve(true))));
      });
    });
    if (ok) return port;
  }
  throw new Error('no free port found');
}

async function answers(port: number, address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host: address, port }, () => { sock.destroy(); resolve(true); });
    sock.once('error', () => resolve(false));
  });
}

/** Signs zone.db in `dir` with a fresh ECDSA P-256 key (ldns-keygen + ldns-signzone); returns the file name. */
function signZone(dir: string): string {
  const keygen = spawnSync('ldns-keygen', ['-a', 'ECDSAP256SHA256', '-k', TEST_ORIGIN], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  if (keygen.status !== 0) throw new Error(`ldns-keygen failed: ${keygen.stderr}`);
  const key = keygen.stdout.trim();
  const sign = spawnSync('ldns-signzone', ['-n', 'zone.db', key], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  if (sign.status !== 0) throw new Error(`ldns-signzone failed: ${sign.stderr}`);
  return 'zone.db.signed';
}

/** Starts NSD serving `zoneText` (default testZoneText()), signed first when `sign` is set. */
export async function startNsd(opts: { zoneText?: string; sign?: boolean; address?: string } = {}): Promise<NsdInstance> {
  const address = opts.address ?? '127.0.0.1';
  const dir = mkdtempSync(path.join(tmpdir(), 'dw-nsd-'));
  const port = await freePort(address);
  writeFileSync(path.join(dir, 'zone.db'), opts.zoneText ?? testZoneText());
  let zoneFile = 'zone.db';
  try {
    if (opts.sign) zoneFile = signZone(dir);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  writeFileSync(path.join(dir, 'nsd.conf'), [
    'server:', `  ip-address: ${address}@${port}`, '  username: ""', `  zonesdir: "${dir}"`,
    `  pidfile: "${dir}/nsd.pid"`, '  database: ""', `  xfrdfile: "${dir}/xfrd.state"`,
    `  zonelistfile: "${dir}/zone.list"`, '  server-count: 1', '  verbosity: 0', '  hide-version: yes', '  rrl-ratelimit: 0', '  rrl-whitelist-ratelimit: 0',
    `  xfrdir: "${dir}"`, `  logfile: "${dir}/nsd.log"`,
    'remote-control:', '  control-enable: no',
    'zone:', `  name: "${TEST_ORIGIN}"`, `  zonefile: "${zoneFile}"`, '',
  ].join('\n'));
  const child: ChildProcess = spawn('nsd', ['-d', '-c', path.join(dir, 'nsd.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => { stderr += String(d); });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(3000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    if (await answers(port, address)) return { address, port, dir, stop };
    await sleep(50);
  }
  await stop();
  throw new Error(`nsd did not start: ${stderr.trim()}`);
}
