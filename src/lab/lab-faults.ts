// Faults the lab can inject, and the parsing of `dnswarden lab fault <node> <kind> [value]`. Pure.
import { isIP } from 'node:net';
import { tryParseDuration } from '../config/duration.ts';
import { DEFAULT_HIJACK_ADDRESS } from './resolver-hijack.ts';
import { fqdn } from '../core/dns-names.ts';
import { parseDelegate, type Delegations } from './lab-delegate.ts';
import { DNSSEC_FAULTS, type DnssecFault } from './lab-dnssec.ts';

/** The fault settings of one built-in server node (what the auth server's setFaults takes). */
export interface NodeFaults {
  stopped?: boolean;
  dropRate?: number;
  delayMs?: number;
  servfail?: boolean;
  tamperRate?: number;
  tamperSeed?: number;
  /** Resolver only: names answered with a forged address (name → address; '' removes the name). */
  hijack?: Record<string, string>;
  /** Parent nodes only: child zone → the NS served instead (lab-delegate.ts); null serves the zone file's again. */
  delegate?: Delegations;
  /** The signed zone's faults (lab-dnssec.ts): gov-dns expire-signatures / strip-rrsigs, lab-tld wrong-ds; null: none. */
  dnssec?: DnssecFault | null;
  /** EPP/WHOIS/RDAP services only (lab-services.ts): accept but never answer; answer bytes that are not the protocol. */
  silent?: boolean;
  garbage?: boolean;
}

const NO_FAULTS: Readonly<Required<Omit<NodeFaults, 'tamperSeed' | 'hijack' | 'delegate' | 'silent' | 'garbage' | 'dnssec'>>> = {
  stopped: false, dropRate: 0, delayMs: 0, servfail: false, tamperRate: 0,
};

const FAULT_KINDS = ['stop', 'start', 'drop', 'delay', 'servfail', 'tamper', 'hijack', 'delegate', ...DNSSEC_FAULTS, 'clear'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** What to change on a node: settings merged into its current faults, or everything cleared. */
export type FaultChange = { kind: FaultKind; set: NodeFaults };

export class FaultUsageError extends Error {
  override name = 'FaultUsageError';
}

function fraction(kind: string, value: string | undefined): number {
  if (value === undefined) throw new FaultUsageError(`'${kind}' needs a fraction between 0 and 1, e.g. ${kind} 0.3`);
  const n = Number(value.endsWith('%') ? Number(value.slice(0, -1)) / 100 : value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new FaultUsageError(`'${kind}' takes a fraction between 0 and 1 (or a percentage like 30%), got '${value}'`);
  }
  return n;
}

/**
 * Parses `<kind> [value]` (`hijack <name> [<address>|off]` takes two); `seed` makes tampering
 * reproducible (default: random per command).
 */
export function parseFault(kind: string, value: string | undefined, seed = Math.floor(Math.random() * 2 ** 31), extra?: string): FaultChange {
  const k = kind.toLowerCase();
  if (k === 'hijack') return { kind: k, set: { hijack: parseHijack(value, extra) } };
  if (k === 'delegate') return { kind: k, set: { delegate: parseDelegate(value, extra) } };
  if (extra !== undefined) throw new FaultUsageError(`'${k}' takes at most one value (got '${value}' '${extra}')`);
  const noValue = (): void => { if (value !== undefined) throw new FaultUsageError(`'${k}' takes no value (got '${value}')`); };
  switch (k) {
    case 'stop': noValue(); return { kind: k, set: { stopped: true } };
    case 'start': noValue(); return { kind: k, set: { stopped: false } };
    case 'servfail': {
      if (value === undefined || value === 'on') return { kind: k, set: { servfail: true } };
      if (value === 'off') return { kind: k, set: { servfail: false } };
      throw new FaultUsageError(`'servfail' takes 'on' or 'off' (default on), got '${value}'`);
    }
    case 'clear': noValue(); return { kind: k, set: { ...NO_FAULTS } };
    case 'expire-signatures': case 'strip-rrsigs': case 'wrong-ds': {
      if (value !== undefined && value !== 'off') throw new FaultUsageError(`'${k}' takes no value, or 'off' (got '${value}')`);
      return { kind: k, set: { dnssec: value === 'off' ? null : k } };
    }
    case 'drop': return { kind: k, set: { dropRate: fraction(k, value) } };
    case 'tamper': return { kind: k, set: { tamperRate: fraction(k, value), tamperSeed: seed } };
    case 'delay': {
      if (value === undefined) throw new FaultUsageError("'delay' needs a duration, e.g. delay 6s (delay 0 removes it)");
      const ms = value === '0' ? 0 : tryParseDuration(value);
      if (ms === undefined) throw new FaultUsageError(`'delay' takes a duration such as 500ms or 6s, got '${value}'`);
      return { kind: k, set: { delayMs: ms } };
    }
    default:
      throw new FaultUsageError(`unknown fault '${kind}': use one of ${FAULT_KINDS.join(', ')}`);
  }
}

/** `hijack <name> [<address>|off]`: the name answered with the address (default 203.0.113.66), or no longer. */
function parseHijack(name: string | undefined, address: string | undefined): Record<string, string> {
  if (!name || !/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.?$/.test(name)) {
    throw new FaultUsageError(`'hijack' needs a domain name, e.g. hijack www.gov.lab [203.0.113.66] (or 'hijack www.gov.lab off')`);
  }
  if (address === 'off') return { [fqdn(name)]: '' };
  const addr = address ?? DEFAULT_HIJACK_ADDRESS;
  if (isIP(addr) === 0) throw new FaultUsageError(`'hijack' takes an IPv4 or IPv6 address (or 'off'), got '${addr}'`);
  return { [fqdn(name)]: addr };
}

/** A one-line human description: "drop 30%, delay 6000 ms" or "none". */
export function describeFaults(f: NodeFaults): string {
  const parts: string[] = [];
  if (f.stopped) parts.push('stopped');
  if (f.servfail) parts.push('servfail');
  if (f.dropRate) parts.push(`drop ${+(f.dropRate * 100).toFixed(3)}%`);
  if (f.delayMs) parts.push(`delay ${f.delayMs} ms`);
  if (f.tamperRate) parts.push(`tamper ${+(f.tamperRate * 100).toFixed(3)}%`);
  if (f.silent) parts.push('silent');
  if (f.garbage) parts.push('garbage');
  if (f.dnssec) parts.push(f.dnssec);
  for (const [name, addr] of Object.entries(f.hijack ?? {})) if (addr) parts.push(`hijack ${name} → ${addr}`);
  for (const [child, ns] of Object.entries(f.delegate ?? {})) if (ns) parts.push(`delegate ${child} → ${ns.join(', ')}`);
  return parts.length ? parts.join(', ') : 'none';
}
