// Faults the lab can inject, and the parsing of `dnswarden lab fault <node> <kind> [value]`. Pure.
import { tryParseDuration } from '../config/duration.ts';

/** The fault settings of one built-in server node (what the auth server's setFaults takes). */
export interface NodeFaults {
  stopped?: boolean;
  dropRate?: number;
  delayMs?: number;
  servfail?: boolean;
  tamperRate?: number;
  tamperSeed?: number;
}

export const NO_FAULTS: Readonly<Required<Omit<NodeFaults, 'tamperSeed'>>> = {
  stopped: false, dropRate: 0, delayMs: 0, servfail: false, tamperRate: 0,
};

export const FAULT_KINDS = ['stop', 'start', 'drop', 'delay', 'servfail', 'tamper', 'clear'] as const;
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

/** Parses `<kind> [value]`; `seed` makes tampering reproducible (default: random per command). */
export function parseFault(kind: string, value: string | undefined, seed = Math.floor(Math.random() * 2 ** 31)): FaultChange {
  const k = kind.toLowerCase();
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

/** A one-line human description: "drop 30%, delay 6000 ms" or "none". */
export function describeFaults(f: NodeFaults): string {
  const parts: string[] = [];
  if (f.stopped) parts.push('stopped');
  if (f.servfail) parts.push('servfail');
  if (f.dropRate) parts.push(`drop ${+(f.dropRate * 100).toFixed(3)}%`);
  if (f.delayMs) parts.push(`delay ${f.delayMs} ms`);
  if (f.tamperRate) parts.push(`tamper ${+(f.tamperRate * 100).toFixed(3)}%`);
  return parts.length ? parts.join(', ') : 'none';
}
