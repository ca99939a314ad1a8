// Texts of actions on names (contracts "Acting on names"): the case page's actions and deletion with
// two-person approval, a name's state and history, and DGA lists blocked in batches. Spread into the
// table of i18n.ts so that t() knows them.

export const NAMES_T = {
  namesNav: ['域名处置', 'Names'],
  nameActions: ['对域名采取措施', 'Act on the names'],
  nameAction: ['措施', 'Action'],
  actionReason: ['理由（记录在域名历史和案件时间线上）', 'Reason (kept on the name history and the case timeline)'],
  evidenceLines: ['证据（每行一条，可选）', 'Evidence (one per line, optional)'],
  approver: ['批准人（可选）', 'Approver (optional)'],
  apply: ['执行', 'Apply'],
  resultsPerName: ['各域名结果', 'Result per name'],
  outcome: ['结果', 'Outcome'],
  nameState: ['域名状态', 'Name state'],
  nameHistory: ['处置历史', 'History'],
  noStoredState: ['dnswarden 未对该域名采取过措施', 'dnswarden has not acted on this name'],
  lookUpName: ['查询域名', 'Look up a name'],
  lockedWord: ['已锁定', 'locked'],
  untilWord: ['截止', 'until'],
  deleteName: ['删除域名（需两人批准）', 'Delete a name (two-person approval)'],
  deleteChecklist: ['尽职调查清单（全部完成才能申请）', 'Due-diligence checklist (all done before asking)'],
  requestDelete: ['申请删除', 'Ask to delete'],
  approveDelete: ['批准删除', 'Approve deletion'],
  approvalsWord: ['批准', 'approvals'],
  dgaTitle: ['DGA 域名列表：批量禁止注册', 'DGA lists: block names in bulk'],
  dgaIntro: ['粘贴或上传域名列表（每行一个）。每次请求发送 500 个域名，逐批显示进度。', 'Paste or upload a list of names (one per line). They are sent 500 names per request; progress is counted batch by batch.'],
  dgaFile: ['上传文件', 'Upload a file'],
  dgaNames: ['域名（每行一个）', 'Names (one per line)'],
  withSinkhole: ['同时指向污水池', 'Also delegate them to the sinkhole'],
  untilField: ['禁止期限（如 90d 或 2027-03-01，可选）', 'Agreed period (e.g. 90d or 2027-03-01, optional)'],
  caseOptional: ['关联案件（可选）', 'Case (optional)'],
  blockNames: ['禁止注册', 'Block'],
  progressDone: ['已处理', 'done'],
  namesCounted: ['个域名', 'names'],
  changedAt: ['变更时间', 'Changed'],
  measuresNow: ['已对域名采取的措施', 'Measures in force on the names'],
  sinceWord: ['起始于', 'since'],
  exportSinkholeLog: ['导出污水池查询记录（CSV，含受害者地址，读取将被审计）', "Export the sinkhole log (CSV, victims' addresses; the read is audited)"],
} as const satisfies Record<string, readonly [string, string]>;

const WORDS: Record<string, [string, string]> = {
  hold: ['暂停解析（serverHold）', 'hold (serverHold)'], unhold: ['恢复解析', 'unhold'], lock: ['锁定', 'lock'], unlock: ['解除锁定', 'unlock'],
  sinkhole: ['指向污水池', 'sinkhole'], unsinkhole: ['撤出污水池', 'unsinkhole'], refer: ['转交注册服务机构', 'refer to registrar'],
  'no-action': ['不采取行动', 'no action'], block: ['禁止注册', 'block'], unblock: ['解除禁止', 'unblock'], delete: ['删除', 'delete'],
  'delete-request': ['申请删除', 'deletion asked'], 'delete-approve': ['批准删除', 'deletion approved'],
  applied: ['已执行', 'applied'], already: ['已是该状态', 'already so'], refused: ['被拒绝', 'refused'], failed: ['失败', 'failed'],
  active: ['正常', 'active'], held: ['已暂停解析', 'on hold'], sinkholed: ['已指向污水池', 'sinkholed'], reserved: ['已禁止注册', 'blocked'],
  'reserved-sinkholed': ['已禁止注册并指向污水池', 'blocked at the sinkhole'], absent: ['未注册', 'not registered'],
  'evidence-verified': ['证据已核实', 'evidence verified'], 'registrar-contacted': ['已联系注册服务机构', 'registrar contacted'],
  'registrant-notified-or-unreachable': ['已通知注册人或无法联系', 'registrant notified or unreachable'],
  'no-legitimate-use': ['无合法用途', 'no legitimate use'], 'legal-review': ['已法务审核', 'legal review done'],
};

/** A names term (action, outcome, status, checklist item) in the language. */
export function nameWord(v: string | null | undefined, lang: 'zh' | 'en'): string {
  if (!v) return '—';
  return WORDS[v]?.[lang === 'zh' ? 0 : 1] ?? v;
}

export const CASE_NAME_ACTIONS = ['hold', 'unhold', 'lock', 'unlock', 'sinkhole', 'unsinkhole', 'refer', 'no-action'] as const;
export const DELETE_CHECKS = ['evidence-verified', 'registrar-contacted', 'registrant-notified-or-unreachable', 'no-legitimate-use', 'legal-review'] as const;
