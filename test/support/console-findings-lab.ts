// A console fixture for findings and evidence (issue 8), through the real probe path: t.lab. at
// serial …02 is the truth; node a serves it, node b still serves serial …01 with www changed (a lagging
// secondary: lag differences, a serial-lag finding, no data errors within the 15 min tolerance);
// system t-auth's node c serves the truth correctly but drops 5 % of the queries (seeded), so a
// cycle is practically never a census (every one of ~200 RRsets compared) and the evidence accumulates
// as samples: too few checks to call the thresholds either way at first (undetermined), while the
// success rate (~95 %) grades nothing. Loopback only.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startAuthServer, type AuthServer } from '../../src/authserver/auth-server.ts';
import { loadZoneFile } from '../../src/zone/zonefile.ts';
import { stopServe } from '../platform-harness.ts';
import { startConsoleDaemon, type ConsoleDaemon } from './console-daemon.ts';

const zone = (serial: number, www: string) => `$ORIGIN t.lab.
$TTL 300
@     IN SOA ns1 hostmaster ${serial} 3600 600 86400 300
@     IN NS  ns1
ns1   IN A   127.0.0.1
www   IN A   ${www}
mail  IN A   192.0.2.2
ftp   IN A   192.0.2.3
@     IN MX  10 mail
@     IN TXT "v=spf1 -all"
${Array.from({ length: 200 }, (_, i) => `h${i + 1} IN A 198.51.100.${i + 1}`).join('\n')}
`;

export const TRUTH_SERIAL = 2026120402;
export const OLD_SERIAL = 2026120401;

export interface FindingsLab {
  servers: AuthServer[]; daemon: ConsoleDaemon; close(): Promise<void>;
  /** Serves the truth's data under another serial on one server (ahead of the truth: a stale truth). */
  serveSerial(server: AuthServer, serial: number): Promise<void>;
}

export async function startFindingsLab(dir: string, token: string): Promise<FindingsLab> {
  await writeFile(path.join(dir, 't.lab.zone'), zone(TRUTH_SERIAL, '192.0.2.1'));
  await writeFile(path.join(dir, 't.lab.old.zone'), zone(OLD_SERIAL, '192.0.2.99'));
  const truth = await loadZoneFile(path.join(dir, 't.lab.zone'), 't.lab.');
  const old = await loadZoneFile(path.join(dir, 't.lab.old.zone'), 't.lab.');
  const servers: AuthServer[] = [];
  const closeServers = async () => { for (const s of servers) await s.close(); };
  try {
    for (const [id, z] of [['a', truth], ['b', old], ['c', truth]] as const) {
      servers.push(await startAuthServer({ zones: [z], address: '127.0.0.1', port: 0, nodeId: id }));
    }
    const [a, b, c] = servers;
    c.setFaults({ dropRate: 0.05, dropSeed: 7 });
    await writeFile(path.join(dir, 'config.yaml'), `organizations:
  - { id: office, role: emergency-office }
  - { id: reg, role: registry, licensedBy: national }
  - { id: dns1, role: dns-provider, licensedBy: national, grade: 1 }
systems:
  - id: t-tld
    org: reg
    kind: tld
    name: { zh: 测试顶级域, en: Test TLD }
    zone: t.lab.
    nodes:
      - { id: a, address: 127.0.0.1, port: ${a.port} }
      - { id: b, address: 127.0.0.1, port: ${b.port} }
    truth: { zonefile: ./t.lab.zone }
    check: { serialLagTolerance: 15m }
  - id: t-auth
    org: dns1
    kind: authoritative
    name: { zh: 测试权威, en: Test authoritative }
    zones: [t.lab.]
    nodes:
      - { id: c, address: 127.0.0.1, port: ${c.port} }
    truth: { zonefile: ./t.lab.zone }
    check: { sample: 2 }
probing: { interval: 1s, timeout: 5001ms }
http: { listen: "127.0.0.1:0", token: "${token}" }
`);
    const daemon = await startConsoleDaemon(path.join(dir, 'config.yaml'), path.join(dir, 'data'));
    const serveSerial = async (server: AuthServer, serial: number) => {
      const file = path.join(dir, `t.lab.${serial}.zone`);
      await writeFile(file, zone(serial, '192.0.2.1'));
      server.setZones([await loadZoneFile(file, 't.lab.')]);
    };
    return { servers, daemon, serveSerial, close: async () => { await stopServe(daemon); await closeServers(); } };
  } catch (err) {
    await closeServers();
    throw err;
  }
}
