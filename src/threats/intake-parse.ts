// A threat report's body, checked and normalised: names lower-case, without the trailing dot, in
// A-label form (IDNs converted), each a valid host name of at least two labels, de-duplicated; at
// most MAX_NAMES names and MAX_EVIDENCE pieces of evidence (the rest is refused, not silently cut);
// the public intake's size limits.
import { domainToASCII } from 'node:url';
import { THREAT_TYPES, type Evidence, type EvidenceKind, type Lang, type ThreatType } from '../core/threats/threat-types.ts';
import type { ReporterDetails } from '../store/store.ts';

/** A report's body (bytes); Fastify answers 413 above it, before parsing. */
export const BODY_LIMIT = 64 * 1024;
export const MAX_NAMES = 100;
export const MAX_EVIDENCE = 20;
export const MAX_EVIDENCE_VALUE = 2048;
export const MAX_DESCRIPTION = 8000;
const EVIDENCE_KINDS: readonly EvidenceKind[] = ['url', 'text', 'hash'];
const THREAT_TYPE_LIST: readonly ThreatType[] = THREAT_TYPES;

export interface ReportBody {
  names: string[];
  threatType: ThreatType;
  description: string;
  evidence?: Evidence[];
  reporter?: ReporterDetails;
}

export interface ParsedReport { names: string[]; threatType: ThreatType; description: string; evidence: Evidence[]; reporter: ReporterDetails | null; lang: Lang }

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export function normaliseName(raw: string): string | null {
  const trimmed = raw.trim().replace(/\.$/, '');
  if (trimmed === '' || trimmed.length > 253) return null;
  const ascii = domainToASCII(trimmed.toLowerCase());
  if (!ascii || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  return ascii;
}

/** The report, or the problems (each names the field). */
export function parseReport(body: ReportBody): { report: ParsedReport } | { problems: string[] } {
  const problems: string[] = [];
  const names: string[] = [];
  for (const [i, n] of (body.names ?? []).entries()) {
    const v = normaliseName(n);
    if (v === null) problems.push(`names.${i}: not a domain name`);
    else if (!names.includes(v)) names.push(v);
  }
  if (names.length === 0 && problems.length === 0) problems.push('names: at least one domain name');
  if (names.length > MAX_NAMES) problems.push(`names: at most ${MAX_NAMES}`);
  if (!THREAT_TYPE_LIST.includes(body.threatType)) problems.push('threatType: unknown');
  const evidence = (body.evidence ?? []).filter((e) => EVIDENCE_KINDS.includes(e.kind) && e.value.trim() !== '').map((e) => ({ kind: e.kind, value: e.value.trim() }));
  if (evidence.length > MAX_EVIDENCE) problems.push(`evidence: at most ${MAX_EVIDENCE} items`);
  if (problems.length > 0) return { problems };
  const r = body.reporter ?? {};
  const clean: ReporterDetails = {};
  if (r.name?.trim()) clean.name = r.name.trim();
  if (r.email?.trim()) clean.email = r.email.trim();
  if (r.organisation?.trim()) clean.organisation = r.organisation.trim();
  const lang: Lang = r.lang === 'en' ? 'en' : 'zh';
  if (r.lang) clean.lang = lang;
  const identified = clean.name !== undefined || clean.email !== undefined || clean.organisation !== undefined;
  return { report: { names, threatType: body.threatType, description: body.description.trim(), evidence, reporter: identified ? clean : null, lang } };
}
