// Assessment of a threat report (SPEC §6, ICANN framework "Reports of security threats" and
// "Registry response"): credibility from the source class and the evidence, priority from the harm,
// and the party best placed to act. Pure; staff confirm or override every part when they assess.
import type { Credibility, Evidence, Harm, Priority, ResponsibleParty, SourceClass, ThreatType, Triage } from './threat-types.ts';

/** What the source class alone is worth (law enforcement highest); anonymous starts from nothing. */
const SOURCE_BASE: Record<SourceClass, number> = { 'law-enforcement': 70, recognised: 50, other: 20, anonymous: 0 };

/** Points for evidence: each distinct piece counts, URLs and hashes more than free text, at most 50. */
export function evidenceScore(evidence: readonly Evidence[]): number {
  const seen = new Set<string>();
  let score = 0;
  for (const e of evidence) {
    const key = `${e.kind}:${e.value.trim().toLowerCase()}`;
    if (e.value.trim().length === 0 || seen.has(key)) continue;
    seen.add(key);
    score += e.kind === 'text' ? (e.value.trim().length >= 40 ? 10 : 5) : 15;
  }
  return Math.min(50, score);
}

/**
 * Credibility: the source class's base plus the evidence (anonymous: the evidence alone). A report is
 * never discarded: 'low' only orders the queue.
 */
export function credibility(source: SourceClass, evidence: readonly Evidence[]): Credibility {
  const ev = evidenceScore(evidence);
  const score = Math.min(100, SOURCE_BASE[source] + ev);
  const reasons = [source === 'anonymous' ? 'anonymous: judged on its evidence alone' : `source class ${source}`, `evidence ${ev}/50`];
  const level = score >= 60 ? 'high' : score >= 30 ? 'medium' : 'low';
  return { level, score, reasons };
}

/** Words in a report that point at a high-priority harm (English and Chinese); staff confirm. */
const HARM_WORDS: Record<Harm, RegExp> = {
  'human-life': /\b(threat to (human )?life|kill|suicide|bomb|terror)|生命|人身安全|恐怖/i,
  'critical-infrastructure': /critical infrastructure|power grid|hospital|water supply|关键(信息)?基础设施|电网|医院/i,
  'child-exploitation': /child (sexual )?(abuse|exploitation)|\bcsam\b|儿童|未成年/i,
  'dns-operation': /dns (operation|infrastructure|hijack)|registry compromise|cache poisoning|解析系统|劫持|缓存投毒/i,
};

export function detectHarms(text: string): Harm[] {
  return (Object.keys(HARM_WORDS) as Harm[]).filter((h) => HARM_WORDS[h].test(text));
}

/** High for threats to life, critical infrastructure, children or DNS operation; law enforcement never low. */
export function priority(harms: readonly Harm[], source: SourceClass, cred: Credibility, type: ThreatType): Priority {
  if (harms.length > 0) return 'high';
  if (source === 'law-enforcement') return 'normal';
  if (cred.level === 'low' && (type === 'spam' || type === 'other')) return 'low';
  return cred.level === 'low' ? 'low' : 'normal';
}

/** Beyond this many names (or more than one registrar) a threat is the registry's to handle. */
export const MANY_NAMES = 10;

/**
 * The responsible party: the registry for threats spanning many names or registrars; the registrant
 * or their host for a compromised site; otherwise the registrar (a malicious registration).
 */
export function responsibleParty(input: { names: number; registrars?: number; compromised?: boolean }): ResponsibleParty {
  if (input.names > MANY_NAMES || (input.registrars ?? 1) > 1) return 'registry';
  if (input.compromised) return 'registrant-host';
  return 'registrar';
}

const COMPROMISED_WORDS = /compromised|hacked|defaced|injected|被(黑|入侵|篡改)|挂马/i;

/** The engine's first view of a new report. */
export function triage(input: { source: SourceClass; evidence: readonly Evidence[]; names: readonly string[]; threatType: ThreatType; description: string }): Triage {
  const text = `${input.description}\n${input.evidence.filter((e) => e.kind === 'text').map((e) => e.value).join('\n')}`;
  const cred = credibility(input.source, input.evidence);
  const harms = detectHarms(text);
  return {
    credibility: cred, harms, priority: priority(harms, input.source, cred, input.threatType),
    responsible: responsibleParty({ names: input.names.length, compromised: COMPROMISED_WORDS.test(text) }),
  };
}

/** Queue order: priority, then credibility, then the oldest due first. */
export function queueRank(c: { priority: Priority; credibilityScore: number; assessmentDueAt: string }): [number, number, string] {
  return [{ high: 0, normal: 1, low: 2 }[c.priority], -c.credibilityScore, c.assessmentDueAt];
}
