// Limits of a threat report (public intake: size-limited, evidence capped) and the name lists.
import { THREAT_TYPES, type EvidenceKind, type ThreatType } from '../core/threats/threat-types.ts';

/** A report's body (bytes); Fastify answers 413 above it, before parsing. */
export const BODY_LIMIT = 64 * 1024;
export const MAX_NAMES = 100;
export const MAX_EVIDENCE = 20;
export const MAX_EVIDENCE_VALUE = 2048;
export const MAX_DESCRIPTION = 8000;
export const EVIDENCE_KINDS: readonly EvidenceKind[] = ['url', 'text', 'hash'];
export const THREAT_TYPE_LIST: readonly ThreatType[] = THREAT_TYPES;
