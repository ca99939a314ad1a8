// The vocabulary of registry threat response (SPEC §6, ICANN framework for registry operators to
// respond to security threats): source classes, threat types, priorities, responsible parties, the
// states of a case and the intended actions told to the reporter. Pure types and name lists.

/** Who sent the report: the reporter organisation's configured class, or nobody known. */
export const SOURCE_CLASSES = ['law-enforcement', 'recognised', 'other', 'anonymous'] as const;
export type SourceClass = (typeof SOURCE_CLASSES)[number];

export const THREAT_TYPES = ['phishing', 'malware', 'botnet-cc', 'pharming', 'spam', 'other'] as const;
export type ThreatType = (typeof THREAT_TYPES)[number];

/** What makes a report high priority (framework: "Significance"). */
export const HARMS = ['human-life', 'critical-infrastructure', 'child-exploitation', 'dns-operation'] as const;
export type Harm = (typeof HARMS)[number];

export type Priority = 'high' | 'normal' | 'low';
export type CredibilityLevel = 'high' | 'medium' | 'low';

/** Who is best placed to remove the threat (framework: "Responsible parties"). */
export type ResponsibleParty = 'registrar' | 'registrant-host' | 'registry';

/** acknowledged (received, timer running) → assessed (the reporter told) → closed; mitigatedAt marks the threat gone. */
export const CASE_STATES = ['acknowledged', 'assessed', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** What the registry intends to do, told to the reporter with a time frame (or why nothing). */
export const INTENDED_ACTIONS = [
  'refer-to-registrar', 'server-hold', 'lock', 'sinkhole', 'transfer', 'delete', 'block', 'no-action',
] as const;
export type IntendedAction = (typeof INTENDED_ACTIONS)[number];

export type EvidenceKind = 'url' | 'text' | 'hash';
export interface Evidence { kind: EvidenceKind; value: string }

export type Lang = 'zh' | 'en';

export interface Credibility { level: CredibilityLevel; score: number; reasons: string[] }

/** The engine's first view of a report; staff confirm or change it when they assess. */
export interface Triage {
  credibility: Credibility;
  priority: Priority;
  harms: Harm[];
  responsible: ResponsibleParty;
}

/** Kinds of case timeline entries. 'action' is written by the actions-on-names service (src/threats README). */
export const TIMELINE_KINDS = [
  'received', 'report-linked', 'acknowledged', 'assessed', 'referred', 'referral-answered', 'referral-overdue',
  'reply', 'reminder', 'overdue', 'escalated', 'action', 'mitigated', 'closed', 'note', 'personal-data-pruned',
] as const;
export type CaseTimelineKind = (typeof TIMELINE_KINDS)[number];
