// A threat case as an IODEF v2 document (RFC 7970): one Incident (purpose mitigation, TLP from the
// restriction given), its IncidentID and GenerationTime, the case's times, the registry as creator
// contact, the source as reporter contact by class only (never a person's details), the assessment,
// one EventData per name (System/Node/DomainData, fraudulent or innocent-hacked by the responsible
// party), the intended action as an Expectation and the timeline as History. Validated in tests with
// xmllint against test/fixtures/iodef/iodef-2.0-subset.xsd.
import type { StoredThreatReport, ThreatCase, ThreatTimelineEntry } from '../store/store.ts';
import type { IntendedAction } from '../core/threats/threat-types.ts';
import { detailOf } from './threat-views.ts';

export type Tlp = 'white' | 'green' | 'amber' | 'red';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  // XML 1.0 forbids most control characters.
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** RFC 7970 §3.13 / §3.4 action values closest to each intended action. */
const EXPECTATION: Record<IntendedAction, string> = {
  'refer-to-registrar': 'contact-source-site', 'server-hold': 'block-host', lock: 'defined-by-security-policy', sinkhole: 'redirect-traffic',
  transfer: 'defined-by-security-policy', delete: 'block-host', block: 'block-host', 'no-action': 'nothing',
};

const HISTORY_ACTION: Record<string, string> = {
  received: 'status-new-info', 'report-linked': 'status-new-info', acknowledged: 'status-triage', assessed: 'status-triage',
  referred: 'contact-source-site', action: 'remediate-other', mitigated: 'remediate-other', closed: 'other', reply: 'other',
};

const TYPE_IMPACT: Record<string, string> = {
  phishing: 'breach-credential', malware: 'integrity-data', 'botnet-cc': 'takeover-system', pharming: 'traffic-redirection', spam: 'policy', other: 'unknown',
};

export function caseToIodef(c: ThreatCase, reports: StoredThreatReport[], timeline: ThreatTimelineEntry[], opts: { generatedAt: string; registryName: string; tlp?: Tlp }): string {
  const d = detailOf(c);
  const tlp = opts.tlp ?? 'amber';
  const status = c.state === 'closed' ? 'resolved' : 'in-progress';
  const severity = c.priority === 'high' ? 'high' : c.priority === 'normal' ? 'medium' : 'low';
  const systemStatus = d.responsible === 'registrant-host' ? 'innocent-hacked' : 'fraudulent';
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<IODEF-Document version="2.00" xml:lang="en" xmlns="urn:ietf:params:xml:ns:iodef-2.0">',
    `  <Incident purpose="mitigation" status="${status}" restriction="${tlp}">`,
    `    <IncidentID name="${esc(opts.registryName)}">${esc(c.id)}</IncidentID>`,
    ...(reports.length > 0 ? ['    <AlternativeID>', ...reports.map((r) => `      <IncidentID name="${esc(opts.registryName)}" instance="report">${esc(r.trackingId)}</IncidentID>`), '    </AlternativeID>'] : []),
    `    <DetectTime>${c.receivedAt}</DetectTime>`,
    ...(c.mitigatedAt ? [`    <RecoveryTime>${c.mitigatedAt}</RecoveryTime>`] : []),
    `    <ReportTime>${c.receivedAt}</ReportTime>`,
    `    <GenerationTime>${opts.generatedAt}</GenerationTime>`,
    `    <Description>${esc(`${c.threatType} threat against ${c.names.join(', ')}; priority ${c.priority}, credibility ${c.credibilityScore}/100, responsible party ${d.responsible}`)}</Description>`,
    ...reports.map((r) => `    <Description>${esc(r.description)}</Description>`),
    `    <Assessment occurrence="actual">`,
    `      <SystemImpact severity="${severity}" type="${TYPE_IMPACT[c.threatType] ?? 'unknown'}"><Description>${esc(c.threatType)}</Description></SystemImpact>`,
    `      <Confidence rating="${c.credibilityScore >= 60 ? 'high' : c.credibilityScore >= 30 ? 'medium' : 'low'}"/>`,
    `    </Assessment>`,
    `    <Contact role="creator" type="organization"><ContactName>${esc(opts.registryName)}</ContactName></Contact>`,
    `    <Contact role="reporter" type="organization"><ContactName>${esc(`source class: ${c.sourceClass}`)}</ContactName></Contact>`,
    ...(c.referredTo ? [`    <Contact role="admin" type="organization"><ContactName>${esc(c.referredTo)}</ContactName><Description>sponsoring registrar (referral)</Description></Contact>`] : []),
  ];
  for (const name of c.names) {
    lines.push('    <EventData>', `      <Description>${esc(name)}</Description>`, '      <System category="target">',
      `        <Node><DomainData system-status="${systemStatus}" domain-status="${c.mitigatedAt ? 'assignedAndOnHold' : 'assignedAndActive'}"><Name>${esc(name)}</Name></DomainData></Node>`,
      '      </System>');
    if (d.assessment) {
      lines.push(`      <Expectation action="${EXPECTATION[d.assessment.intendedAction]}"><Description>${esc(`${d.assessment.intendedAction}: ${d.assessment.reason}`)}</Description>`
        + `${d.assessment.actionDueAt ? `<EndTime>${d.assessment.actionDueAt}</EndTime>` : ''}</Expectation>`);
    }
    lines.push('    </EventData>');
  }
  const history = timeline.filter((e) => HISTORY_ACTION[e.kind]);
  if (history.length > 0) {
    lines.push('    <History>');
    for (const e of history) {
      lines.push(`      <HistoryItem action="${HISTORY_ACTION[e.kind]}"><DateTime>${e.at}</DateTime><Description>${esc(e.kind)}</Description></HistoryItem>`);
    }
    lines.push('    </History>');
  }
  lines.push('  </Incident>', '</IODEF-Document>', '');
  return lines.join('\n');
}
