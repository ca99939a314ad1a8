// Registration and query services of a system, once per cycle (epp-check.ts, whois-rdap-check.ts):
// EPP over TLS (greeting, hello, optional login/logout), WHOIS and RDAP asked for a known name.
// Each check carries its own degraded limit (config `degradedAbove`; defaults from ICANN's SLA:
// EPP 4,000 ms, WHOIS/RDAP 2,000 ms); the engine marks a service degraded when it is up and slower.
import { DEFAULT_DEGRADED_ABOVE_MS as SLA_MS } from '../../config/services-config.ts';
import { parseDuration } from '../../config/duration.ts';
import type { ResolvedSystem } from '../../config/config-types.ts';
import { eppCheck } from './epp-check.ts';
import { rdapCheck, whoisCheck } from './whois-rdap-check.ts';

export interface ServiceCheck { up: boolean; latencyMs: number | null; error?: string; /** This service's limit (ms) for `degraded`. */ degradedAboveMs?: number }
export type ServiceName = 'registration' | 'whois' | 'rdap';

/** The engine's fallback limit for a check that carries none. */
export const DEFAULT_DEGRADED_ABOVE_MS = 2000;

export { eppCheck, rdapCheck, whoisCheck };

const apexName = (system: ResolvedSystem) => (system.zones[0] ?? '.').replace(/\.$/, '') || '.';
const limit = (value: string | undefined, fallback: number): number => (value === undefined ? fallback : parseDuration(value));

/** Checks every service the system declares; services it does not declare are absent. */
export async function checkServices(system: ResolvedSystem, timeoutMs: number): Promise<Partial<Record<ServiceName, ServiceCheck>>> {
  const s = system.services;
  if (!s) return {};
  const out: Partial<Record<ServiceName, ServiceCheck>> = {};
  const jobs: Promise<void>[] = [];
  if (s.registration?.epp) {
    const epp = s.registration.epp;
    const degradedAboveMs = limit(epp.degradedAbove, SLA_MS.registration);
    jobs.push(eppCheck(epp, timeoutMs).then((c) => { out.registration = { ...c, degradedAboveMs }; }));
  }
  if (s.whois) {
    const w = s.whois;
    const degradedAboveMs = limit(w.degradedAbove, SLA_MS.whois);
    jobs.push(whoisCheck(w.address, w.port ?? 43, w.knownName ?? apexName(system), w.knownName, timeoutMs).then((c) => { out.whois = { ...c, degradedAboveMs }; }));
  }
  if (s.rdap) {
    const r = s.rdap;
    const base = r.url.endsWith('/') ? r.url : r.url + '/';
    const degradedAboveMs = limit(r.degradedAbove, SLA_MS.rdap);
    jobs.push(rdapCheck(`${base}domain/${encodeURIComponent(r.knownName ?? apexName(system))}`, r.knownName, timeoutMs).then((c) => { out.rdap = { ...c, degradedAboveMs }; }));
  }
  await Promise.all(jobs);
  return out;
}
