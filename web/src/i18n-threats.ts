// Texts of registry threat response (SPEC §6): the public report form and status page, the threat
// queue and the case page. Spread into the table of i18n.ts so that t() knows them.

export const THREATS_T = {
  threatsNav: ['威胁举报', 'Threat reports'],
  reportTitle: ['举报域名安全威胁', 'Report a domain name security threat'],
  reportIntro: ['无需账号，可匿名举报。我们会立即确认收到，并在 24 小时内告知评估结果和拟采取的措施。', 'No account needed; anonymous reports are accepted. We acknowledge at once and tell you our assessment and intended action within 24 hours.'],
  reportNames: ['涉及的域名（每行一个）', 'Domain names (one per line)'],
  threatType: ['威胁类型', 'Threat type'],
  evidenceUrls: ['证据网址（可选，每行一个）', 'Evidence URLs (optional, one per line)'],
  reporterOptional: ['您的联系方式（可选，用于接收答复）', 'Your contact details (optional, to receive our replies)'],
  yourName: ['姓名', 'Name'],
  yourEmail: ['电子邮箱', 'Email'],
  yourOrg: ['单位', 'Organisation'],
  replyLang: ['答复语言', 'Reply language'],
  submitReport: ['提交举报', 'Submit report'],
  reportAccepted: ['举报已收到', 'Report received'],
  trackingId: ['跟踪编号', 'Tracking id'],
  statusToken: ['查询凭证', 'Status token'],
  keepToken: ['请保存跟踪编号和查询凭证：凭证只显示这一次，用于查看处理进展。', 'Keep the tracking id and the status token: the token is shown only once and lets you follow your report.'],
  viewStatus: ['查看处理进展', 'Follow your report'],
  statusTitle: ['举报处理进展', 'Status of your report'],
  lookUp: ['查询', 'Look up'],
  notFoundReport: ['未找到：请检查跟踪编号和查询凭证', 'Not found: check the tracking id and the status token'],
  assessmentDue: ['评估答复时限', 'Assessment due'],
  intendedAction: ['拟采取的措施', 'Intended action'],
  timeFrame: ['预计时限', 'Time frame'],
  withinHours: ['小时内', 'hours'],
  steps: ['处理步骤', 'Steps'],
  tooMany: ['提交过于频繁，请稍后再试', 'Too many reports from your address: try again later'],
  threatQueue: ['威胁举报队列', 'Threat queue'],
  priority: ['优先级', 'Priority'],
  sourceClass: ['来源类别', 'Source class'],
  credibility: ['可信度', 'Credibility'],
  responsibleParty: ['责任方', 'Responsible party'],
  reportsCount: ['举报数', 'Reports'],
  referredTo: ['已转交', 'Referred to'],
  threatFigures: ['处置时效', 'Response times'],
  toAcknowledge: ['确认（中位数，分钟）', 'To acknowledge (median, min)'],
  toAssess: ['评估（中位数，分钟）', 'To assess (median, min)'],
  toMitigate: ['处置（中位数，分钟）', 'To mitigate (median, min)'],
  assessedLate: ['超时评估', 'Assessed late'],
  bySource: ['按来源类别', 'By source class'],
  byRegistrar: ['按注册服务机构', 'By registrar'],
  caseTitle: ['威胁案件', 'Threat case'],
  assess: ['评估并答复举报人', 'Assess and tell the reporter'],
  reasonForReporter: ['说明（发送给举报人）', 'Reason (sent to the reporter)'],
  timeFrameHours: ['时限（小时）', 'Time frame (hours)'],
  refer: ['转交注册服务机构', 'Refer to a registrar'],
  registrar: ['注册服务机构', 'Registrar'],
  replyToReporter: ['答复举报人', 'Reply to the reporter'],
  send: ['发送', 'Send'],
  mitigate: ['标记为已处置', 'Mark mitigated'],
  closeCase: ['结案', 'Close case'],
  referralAnswer: ['答复转交', 'Answer the referral'],
  reporterCol: ['举报人', 'Reporter'],
  exportIodef: ['导出 IODEF', 'Export IODEF'],
  exportStix: ['导出 STIX', 'Export STIX'],
  personalRedacted: ['个人信息已隐藏（无权限）', 'Personal data redacted (no right to read it)'],
  assessmentOverdue: ['评估超时', 'assessment overdue'],
  registryMayAct: ['注册服务机构逾期未答复，注册管理机构可自行处置', 'The registrar did not answer in time: the registry may act on its own'],
} as const satisfies Record<string, readonly [string, string]>;

const WORDS: Record<string, [string, string]> = {
  'law-enforcement': ['执法机关', 'law enforcement'], recognised: ['认可的机构', 'recognised'], other: ['其他', 'other'], anonymous: ['匿名', 'anonymous'],
  high: ['高', 'high'], normal: ['普通', 'normal'], low: ['低', 'low'], medium: ['中', 'medium'],
  registrar: ['注册服务机构', 'registrar'], 'registrant-host': ['注册人/主机', 'registrant or host'], registry: ['注册管理机构', 'registry'],
  acknowledged: ['已确认收到', 'acknowledged'], assessed: ['已评估', 'assessed'], closed: ['已结案', 'closed'],
  received: ['已收到', 'received'], referred: ['已转交注册服务机构', 'referred to the registrar'], reply: ['答复', 'reply'], action: ['已采取措施', 'action taken'],
  mitigated: ['已处置', 'mitigated'], 'report-linked': ['关联的新举报', 'report linked'], 'referral-answered': ['注册服务机构已答复', 'registrar answered'],
  'referral-overdue': ['转交逾期', 'referral overdue'], reminder: ['提醒', 'reminder'], escalated: ['已升级', 'escalated'], overdue: ['已逾期', 'overdue'],
  phishing: ['网络钓鱼', 'phishing'], malware: ['恶意软件', 'malware'], 'botnet-cc': ['僵尸网络控制', 'botnet C&C'], pharming: ['域名欺骗', 'pharming'],
  spam: ['垃圾邮件', 'spam'], 'human-life': ['危及生命', 'threat to life'], 'critical-infrastructure': ['关键基础设施', 'critical infrastructure'],
  'child-exploitation': ['儿童剥削', 'child exploitation'], 'dns-operation': ['DNS 运行', 'DNS operation'],
  acted: ['已处置', 'acted'], declined: ['拒绝', 'declined'], investigating: ['调查中', 'investigating'],
  'refer-to-registrar': ['转交注册服务机构', 'refer to registrar'], 'server-hold': ['暂停解析', 'serverHold'], lock: ['锁定', 'lock'],
  sinkhole: ['指向污水池', 'sinkhole'], transfer: ['转移', 'transfer'], delete: ['删除', 'delete'], block: ['禁止注册', 'block'], 'no-action': ['不采取行动', 'no action'],
};

/** A threat-response term (source class, priority, state, step, type, action) in the language. */
export function threatWord(v: string | null | undefined, lang: 'zh' | 'en'): string {
  if (!v) return '—';
  return WORDS[v]?.[lang === 'zh' ? 0 : 1] ?? v;
}

export const THREAT_TYPES = ['phishing', 'malware', 'botnet-cc', 'pharming', 'spam', 'other'] as const;
export const INTENDED_ACTIONS = ['refer-to-registrar', 'server-hold', 'lock', 'sinkhole', 'transfer', 'delete', 'block', 'no-action'] as const;
