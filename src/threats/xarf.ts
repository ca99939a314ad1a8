// X-ARF v4 (https://github.com/abusix/xarf) JSON reports mapped onto a threat report: the names from
// source_identifier / url / domain, the threat type from category and type, the reporter from
// reporter{org, contact}, the evidence items as hashes (their payloads are not kept: only the
// SHA-256 of each, so a report cannot smuggle a large or harmful file into the store). Pure.
import { createHash } from 'node:crypto';
import type { Evidence, ThreatType } from '../core/threats/threat-types.ts';
import type { ReportBody } from './intake-parse.ts';

export function isXarf(body: unknown): boolean {
  return typeof body === 'object' && body !== null && typeof (body as { xarf_version?: unknown }).xarf_version === 'string';
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** A host name from a URL, an email address or a bare name; undefined for an IP address or nothing. */
export function hostOf(value: string): string | undefined {
  let v = value.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) {
    try { v = new URL(v).hostname; } catch { return undefined; }
  } else if (v.includes('@')) v = v.slice(v.lastIndexOf('@') + 1);
  v = v.replace(/^\[|\]$/g, '');
  if (/^[0-9.]+$/.test(v) || v.includes(':')) return undefined;
  return v || undefined;
}

export function xarfThreatType(category: string | undefined, type: string | undefined): ThreatType {
  const t = `${category ?? ''} ${type ?? ''}`.toLowerCase();
  if (t.includes('phish')) return 'phishing';
  if (t.includes('pharm')) return 'pharming';
  if (/botnet|c2|command/.test(t)) return 'botnet-cc';
  if (t.includes('malware') || t.includes('virus')) return 'malware';
  if (t.includes('spam')) return 'spam';
  return 'other';
}

/** The report in the contract's shape (then validated like any other). */
export function fromXarf(x: Record<string, unknown>): ReportBody {
  const reporter = (typeof x.reporter === 'object' && x.reporter !== null ? x.reporter : {}) as Record<string, unknown>;
  const names = [str(x.source_identifier), str(x.url), str(x.domain), str(x.destination_identifier)]
    .map((v) => (v ? hostOf(v) : undefined)).filter((v): v is string => v !== undefined);
  const evidence: Evidence[] = [];
  const url = str(x.url) ?? (str(x.source_identifier)?.includes('://') ? str(x.source_identifier) : undefined);
  if (url) evidence.push({ kind: 'url', value: url.slice(0, 2048) });
  for (const e of Array.isArray(x.evidence) ? x.evidence.slice(0, 20) : []) {
    const item = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
    const hashes = Array.isArray(item.hashes) ? item.hashes.filter((h): h is string => typeof h === 'string') : [];
    const payload = str(item.payload);
    const hash = hashes[0] ?? (payload ? `sha256:${createHash('sha256').update(Buffer.from(payload, 'base64')).digest('hex')}` : undefined);
    if (hash) evidence.push({ kind: 'hash', value: hash.slice(0, 2048) });
    const what = [str(item.content_type), str(item.description)].filter(Boolean).join(': ');
    if (what) evidence.push({ kind: 'text', value: what.slice(0, 2048) });
  }
  const category = str(x.category);
  const type = str(x.type);
  const org = str(reporter.org);
  const contact = str(reporter.contact);
  return {
    names: [...new Set(names)],
    threatType: xarfThreatType(category, type),
    description: (str(x.description) ?? `X-ARF ${category ?? '?'}/${type ?? '?'} report ${str(x.report_id) ?? ''}`.trim()).slice(0, 8000),
    evidence: evidence.slice(0, 20),
    ...(org || contact ? { reporter: { ...(org ? { organisation: org.slice(0, 200) } : {}), ...(contact && contact.includes('@') ? { email: contact.slice(0, 254) } : {}) } } : {}),
  };
}
