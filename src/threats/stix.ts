// A threat case's indicators as a STIX 2.1 bundle: the registry as identity (created_by_ref), a TLP
// marking, per name a domain-name SCO and an indicator with a STIX pattern on it, and a
// "based-on" relationship between them. Ids are deterministic per case (UUIDv5-like from SHA-1), so
// exporting twice gives the same objects. Checked in tests against a JSON Schema of the spec's
// required properties (test/support/stix21-schema.ts). Never carries reporters' details.
import { createHash } from 'node:crypto';
import type { ThreatCase } from '../store/store.ts';
import type { Tlp } from './iodef.ts';
import { detailOf } from './threat-views.ts';

/** The TLP v1 marking definitions of STIX 2.1 §7.2.1.4 (fixed ids). */
export const TLP_MARKINGS: Record<Tlp, string> = {
  white: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
};

/** A version-5-shaped UUID from a name (RFC 4122 §4.3 layout, SHA-1). */
export function uuidFrom(name: string): string {
  const h = createHash('sha1').update(`dnswarden:${name}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

const INDICATOR_TYPES: Record<string, string[]> = {
  phishing: ['malicious-activity'], malware: ['malicious-activity'], 'botnet-cc': ['malicious-activity'], pharming: ['malicious-activity'],
  spam: ['anomalous-activity'], other: ['unknown'],
};

export function caseToStix(c: ThreatCase, opts: { generatedAt: string; registryName: string; tlp?: Tlp }) {
  const marking = TLP_MARKINGS[opts.tlp ?? 'amber'];
  const identity = `identity--${uuidFrom(`identity:${opts.registryName}`)}`;
  const ts = (t: string) => new Date(Date.parse(t)).toISOString();
  const created = ts(c.receivedAt);
  const modified = ts(opts.generatedAt) < created ? created : ts(opts.generatedAt);
  const d = detailOf(c);
  const objects: Array<Record<string, unknown>> = [{
    type: 'identity', spec_version: '2.1', id: identity, created, modified: created, name: opts.registryName, identity_class: 'organization',
  }];
  for (const name of c.names) {
    const sco = `domain-name--${uuidFrom(`domain-name:${name}`)}`;
    const ind = `indicator--${uuidFrom(`indicator:${c.id}:${name}`)}`;
    objects.push({ type: 'domain-name', spec_version: '2.1', id: sco, value: name, object_marking_refs: [marking] });
    objects.push({
      type: 'indicator', spec_version: '2.1', id: ind, created, modified, created_by_ref: identity, name: `${c.threatType}: ${name}`,
      description: `Threat case ${c.id}; priority ${c.priority}; responsible party ${d.responsible}${d.assessment ? `; intended action ${d.assessment.intendedAction}` : ''}`,
      indicator_types: INDICATOR_TYPES[c.threatType] ?? ['unknown'], pattern: `[domain-name:value = '${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`,
      pattern_type: 'stix', valid_from: created, ...(c.closedAt && ts(c.closedAt) > created ? { valid_until: ts(c.closedAt) } : {}),
      confidence: c.credibilityScore, external_references: [{ source_name: 'dnswarden', external_id: c.id }], object_marking_refs: [marking],
    });
    objects.push({
      type: 'relationship', spec_version: '2.1', id: `relationship--${uuidFrom(`rel:${c.id}:${name}`)}`, created, modified,
      relationship_type: 'based-on', source_ref: ind, target_ref: sco, created_by_ref: identity, object_marking_refs: [marking],
    });
  }
  return { type: 'bundle', id: `bundle--${uuidFrom(`bundle:${c.id}:${c.version}`)}`, objects };
}
