// The lab's query services (RDDS) for the TLD `lab.`: a WHOIS server (RFC 3912, one query per
// connection) and an RDAP server (RFC 7480/9083, `GET /rdap/domain/<name>`), both answering from the
// EPP test server's registry so that a status set by EPP shows up in WHOIS and RDAP (RDAP statuses by
// the RFC 8056 mapping: ok → "active", serverHold → "server hold"). Fault knobs as for EPP:
// stopped (the port refuses), delayMs, silent (accepts, never answers), garbage (answers junk).
import http from 'node:http';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EppTestRegistry, TestDomain } from '../epp/epp-test-registry.ts';

export interface RddsFaults { stopped?: boolean; delayMs?: number; silent?: boolean; garbage?: boolean }

export interface RddsServer {
  readonly address: string;
  readonly port: number;
  setFaults(f: RddsFaults): Promise<void>;
  getFaults(): RddsFaults;
  close(): Promise<void>;
}

/** RFC 8056 §2: EPP status → RDAP status. */
export const rdapStatus = (s: string): string => (s === 'ok' ? 'active' : s.replace(/([A-Z])/g, ' $1').toLowerCase());

function whoisText(d: TestDomain | undefined, query: string): string {
  if (!d) return `No match for "${query.toUpperCase()}".\r\n`;
  return [`Domain Name: ${d.name.toUpperCase()}`, `Registry Domain ID: ${d.roid}`, `Sponsoring Registrar: ${d.clID}`, `Creation Date: ${d.crDate}`,
    ...d.statuses.map((s) => `Domain Status: ${s} https://icann.org/epp#${s}`), ...d.ns.map((h) => `Name Server: ${h.toUpperCase()}`),
    '>>> dnswarden lab WHOIS (test data) <<<', ''].join('\r\n');
}

function rdapDomain(d: TestDomain): unknown {
  return {
    rdapConformance: ['rdap_level_0'], objectClassName: 'domain', handle: d.roid, ldhName: d.name,
    status: d.statuses.map(rdapStatus), nameservers: d.ns.map((h) => ({ objectClassName: 'nameserver', ldhName: h })),
    events: [{ eventAction: 'registration', eventDate: d.crDate }],
  };
}

/** Starts a listener whose `stopped` fault closes the port and whose other faults the handler reads. */
async function serveWithFaults(server: net.Server, address: string, port: number, faults: { current: RddsFaults }): Promise<RddsServer> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); s.on('error', () => {}); });
  const listen = (p: number) => new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(p, address, () => { server.off('error', reject); resolve(); });
  });
  await listen(port);
  const bound = (server.address() as net.AddressInfo).port;
  const closeServer = () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); if (server.listening) server.close(() => r()); else r(); });
  return {
    address, port: bound,
    getFaults: () => ({ ...faults.current }),
    async setFaults(next) {
      const was = faults.current.stopped === true;
      faults.current = { ...faults.current, ...next };
      if (!was && faults.current.stopped) await closeServer();
      if (was && !faults.current.stopped) await listen(bound);
    },
    close: closeServer,
  };
}

export async function startLabWhois(o: { address: string; port: number; registry: EppTestRegistry }): Promise<RddsServer> {
  const faults = { current: {} as RddsFaults };
  const server = net.createServer((socket) => {
    let query = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      query += chunk;
      if (query.length > 1024) { socket.destroy(); return; }
      if (!query.includes('\n')) return;
      const f = faults.current;
      if (f.silent) return;
      const name = query.trim().toLowerCase().replace(/\.$/, '');
      void (async () => {
        if (f.delayMs) await sleep(f.delayMs);
        if (!socket.destroyed) socket.end(f.garbage ? '\x00\x13\x37 garbage \xff\r\n' : whoisText(o.registry.domains.get(name), name));
      })();
    });
  });
  return serveWithFaults(server, o.address, o.port, faults);
}

export async function startLabRdap(o: { address: string; port: number; registry: EppTestRegistry }): Promise<RddsServer> {
  const faults = { current: {} as RddsFaults };
  const server = http.createServer((req, res) => {
    const f = faults.current;
    if (f.silent) return;
    void (async () => {
      if (f.delayMs) await sleep(f.delayMs);
      if (f.garbage) { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<html>garbage</html>'); return; }
      const json = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/rdap+json' }); res.end(JSON.stringify(body)); };
      const m = /^\/rdap\/domain\/([^/?]+)$/.exec(req.url ?? '');
      if (!m) return json(400, { errorCode: 400, title: 'only /rdap/domain/<name> is served' });
      const d = o.registry.domains.get(decodeURIComponent(m[1]).toLowerCase().replace(/\.$/, ''));
      return d ? json(200, rdapDomain(d)) : json(404, { errorCode: 404, title: 'not found' });
    })();
  });
  return serveWithFaults(server, o.address, o.port, faults);
}
