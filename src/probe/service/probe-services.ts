// Registration and query services of a system, once per cycle:
//  - EPP (registration): a TCP connect to the EPP port; a real server then speaks TLS and sends a
//    <greeting>, which needs client credentials, so availability = the connect succeeds; latency = connect time;
//  - WHOIS (port 43): connect, send "<zone apex>\r\n", expect at least one byte back;
//  - RDAP: HTTP GET <url>domain/<zone apex>, expect 200 or 404 with a JSON body.
// A service is degraded when it is up but slower than `degradedAboveMs` (default 2 s).
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { ResolvedSystem } from '../../config/config-types.ts';

export interface ServiceCheck { up: boolean; latencyMs: number | null; error?: string }
export type ServiceName = 'registration' | 'whois' | 'rdap';

export const DEFAULT_DEGRADED_ABOVE_MS = 2000;

/** TCP connect (and optionally one request/first byte of response), bounded by timeoutMs. */
export function tcpCheck(address: string, port: number, timeoutMs: number, request?: string): Promise<ServiceCheck> {
  return new Promise((resolve) => {
    const start = performance.now();
    const socket = net.connect({ host: address, port });
    let done = false;
    const finish = (check: ServiceCheck) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(check);
    };
    const timer = setTimeout(() => finish({ up: false, latencyMs: null, error: 'timeout' }), timeoutMs);
    socket.once('error', (err) => finish({ up: false, latencyMs: null, error: err.message }));
    socket.once('connect', () => {
      if (request === undefined) return finish({ up: true, latencyMs: performance.now() - start });
      socket.write(request);
    });
    socket.once('data', () => finish({ up: true, latencyMs: performance.now() - start }));
    socket.once('end', () => finish({ up: false, latencyMs: null, error: 'closed without a response' }));
  });
}

export async function rdapCheck(url: string, timeoutMs: number): Promise<ServiceCheck> {
  const start = performance.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/rdap+json, application/json' } });
    const body = await res.text();
    const latencyMs = performance.now() - start;
    if (res.status !== 200 && res.status !== 404) return { up: false, latencyMs, error: `HTTP ${res.status}` };
    try { JSON.parse(body); } catch { return { up: false, latencyMs, error: 'response is not JSON' }; }
    return { up: true, latencyMs };
  } catch (err) {
    return { up: false, latencyMs: null, error: err instanceof Error ? err.message : String(err) };
  }
}

const apexName = (system: ResolvedSystem) => (system.zones[0] ?? '.').replace(/\.$/, '') || '.';

/** Checks every service the system declares; services it does not declare are absent. */
export async function checkServices(system: ResolvedSystem, timeoutMs: number): Promise<Partial<Record<ServiceName, ServiceCheck>>> {
  const s = system.services;
  if (!s) return {};
  const out: Partial<Record<ServiceName, ServiceCheck>> = {};
  const jobs: Promise<void>[] = [];
  if (s.registration?.epp) {
    const epp = s.registration.epp;
    jobs.push(tcpCheck(epp.address, epp.port ?? 700, timeoutMs).then(c => { out.registration = c; }));
  }
  if (s.whois) {
    jobs.push(tcpCheck(s.whois.address, s.whois.port ?? 43, timeoutMs, `${apexName(system)}\r\n`).then(c => { out.whois = c; }));
  }
  if (s.rdap) {
    const base = s.rdap.url.endsWith('/') ? s.rdap.url : s.rdap.url + '/';
    jobs.push(rdapCheck(`${base}domain/${encodeURIComponent(apexName(system))}`, timeoutMs).then(c => { out.rdap = c; }));
  }
  await Promise.all(jobs);
  return out;
}
