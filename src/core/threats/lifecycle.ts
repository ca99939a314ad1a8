// What may happen to a threat case in which state, and what the reporter sees of it. Pure.
import type { CaseState, IntendedAction, Lang } from './threat-types.ts';

export type CaseCommand = 'assess' | 'refer' | 'referral-answer' | 'reply' | 'mitigate' | 'close' | 'action';

/** null when allowed; else why not. Assessing again is allowed while open (the reporter is told again). */
export function commandError(state: CaseState, command: CaseCommand, assessed: boolean): string | null {
  if (state === 'closed') return `the case is closed; ${command} is not possible`;
  if ((command === 'mitigate' || command === 'close') && !assessed) return 'assess the case first: the reporter must have been told';
  return null;
}

/** The reporter's words for an intended action. */
export const ACTION_WORDS: Record<IntendedAction, Record<Lang, string>> = {
  'refer-to-registrar': { en: 'refer to the sponsoring registrar', zh: '转交注册服务机构处理' },
  'server-hold': { en: 'suspend resolution of the name (serverHold)', zh: '暂停域名解析（serverHold）' },
  lock: { en: 'lock the name against transfer, update and deletion', zh: '锁定域名（禁止转移、更新、删除）' },
  sinkhole: { en: 'redirect the name to sinkhole name servers', zh: '将域名指向污水池服务器' },
  transfer: { en: 'transfer the name to a suitable registrar', zh: '将域名转移至适当的注册服务机构' },
  delete: { en: 'delete the name', zh: '删除域名' },
  block: { en: 'block registration of the names', zh: '禁止注册相关域名' },
  'no-action': { en: 'no action', zh: '不采取行动' },
};

export interface PublicStep { kind: 'received' | 'acknowledged' | 'assessed' | 'referred' | 'reply' | 'action' | 'mitigated' | 'closed'; at: string; text?: Record<Lang, string> }

/** The timeline kinds a reporter may see, in their public form (nothing about other people). */
export function publicStep(kind: string): PublicStep['kind'] | null {
  switch (kind) {
    case 'received': case 'report-linked': return 'received';
    case 'acknowledged': case 'assessed': case 'referred': case 'reply': case 'action': case 'mitigated': case 'closed': return kind;
    default: return null;
  }
}
