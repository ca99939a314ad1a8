// What a single transport attempt reports back to the client, and the counters the transports keep.
import type { AnswerSections, IgnoreReason } from './response-match.ts';

export type TransportResult =
  | { outcome: 'answer'; latencyMs: number; sections: AnswerSections }
  | { outcome: 'timeout' | 'network-error' | 'malformed'; latencyMs: null; error?: string };

/** Why a received message was not taken as the answer (all but 'unsolicited' look like spoofing). */
export type IgnoredKind = IgnoreReason | 'wrong-source' | 'unsolicited';

export interface DnsClientStats {
  sent: { udp: number; tcp: number };
  outcomes: { answer: number; timeout: number; 'network-error': number; malformed: number };
  tcpFallbacks: number;
  ignored: Record<IgnoredKind, number>;
  socketsOpened: number;
}

export function newStats(): DnsClientStats {
  return {
    sent: { udp: 0, tcp: 0 },
    outcomes: { answer: 0, timeout: 0, 'network-error': 0, malformed: 0 },
    tcpFallbacks: 0,
    ignored: { short: 0, 'id-mismatch': 0, 'not-response': 0, 'opcode-mismatch': 0, 'question-mismatch': 0, 'wrong-source': 0, unsolicited: 0 },
    socketsOpened: 0,
  };
}

export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
