// Texts of findings, serial lag and data-error evidence (SPEC §3 "Evidence before a grade",
// "Findings"), spread into the table of i18n.ts so that t() knows them like every other label.
// Kept apart only to keep i18n.ts short; the kind and severity names live here as well.

export const FINDINGS_T = {
  findingsNav: ['发现', 'Findings'],
  openFindings: ['未关闭的发现', 'Open findings'],
  systemFindings: ['本系统未关闭的发现', 'Open findings of this system'],
  findingKind: ['类别', 'Kind'],
  severity: ['严重程度', 'Severity'],
  firstSeen: ['首次发现', 'First seen'],
  lastSeen: ['最近发现', 'Last seen'],
  closedAt: ['关闭时间', 'Closed'],
  evidence: ['证据', 'Evidence'],
  expected: ['预期', 'Expected'],
  seen: ['实际', 'Seen'],
  via: ['经由', 'Via'],
  seenAt: ['观测时间', 'Seen at'],
  resolver: ['解析器', 'Resolver'],
  closedState: ['已关闭', 'Closed'],
  incidentCol: ['事件', 'Incident'],
  toIncident: ['转为事件', 'Convert to incident'],
  toIncidentConfirm: ['确认转为事件', 'Confirm: convert to incident'],
  reasonOptional: ['理由（可选）', 'Reason (optional)'],
  convertedTo: ['已转为事件', 'Converted to incident'],
  viewIncident: ['查看事件', 'Open the incident'],
  serial: ['序列号', 'Serial'],
  truthSerial: ['基准序列号', 'Truth serial'],
  lagging: ['滞后', 'lagging'],
  ahead: ['超前', 'ahead'],
  inSync: ['一致', 'in sync'],
  lagErrors: ['滞后差异', 'Lag differences'],
  dataEvidence: ['数据错误证据（按节点）', 'Data-error evidence (per node)'],
  checkedErrors: ['检查 / 错误', 'Checked / errors'],
  evidenceWindow: ['窗口', 'Window'],
  cycles: ['轮', 'cycles'],
  since: ['自', 'since'],
  census: ['全量', 'census'],
  sampled: ['抽样', 'sample'],
  bounds: ['置信区间（单侧 95 %）', 'Bounds (one-sided 95 %)'],
  verdicts: ['阈值判定', 'Threshold verdicts'],
  verdictAbove: ['超过', 'above'],
  verdictNotAbove: ['未超过', 'not above'],
  verdictUndetermined: ['待定', 'undetermined'],
  undeterminedHint: ['证据不足：既不能判定超过，也不能判定未超过；继续检查更多记录。不是事件，也不是正常。',
    'Not enough evidence either way: more records are being checked. Neither an incident nor OK.'],
  noEvidence: ['尚无证据窗口', 'No evidence window yet'],
  noThresholds: ['分级表对此类系统未设数据差错阈值', 'The table sets no data-error threshold for this kind of system'],
  notMeasured: ['未监测', 'not measured'],
  notMeasuredHint: ['阴影区间：平台未在监测（停机或无轮次），不计入中断', 'Shaded: the platform was not measuring (down, or no cycle); not counted as outage'],
  allFindings: ['查看全部发现', 'All findings'],
  yes: ['是', 'yes'],
  no: ['否', 'no'],
} as const satisfies Record<string, readonly [string, string]>;

/** The finding kinds of SPEC §3 in both languages; an unknown kind is shown as it is. */
const KIND_T: Record<string, readonly [string, string]> = {
  'key-domain-mismatch': ['重点域名解析异常（疑似劫持）', 'Key-domain mismatch (possible hijack)'],
  'resolver-data-wrong': ['递归解析数据错误', 'Resolver serving wrong data'],
  'resolver-partial-failure': ['递归解析部分失败', 'Resolver partly failing'],
  'serial-lag': ['序列号滞后', 'Serial lag'],
  'truth-stale': ['基准数据过期', 'Truth stale'],
  'truth-unreadable': ['基准数据不可读', 'Truth unreadable'],
  'ungraded-condition': ['预案未定级情形', 'Ungraded condition'],
  'data-undetermined': ['数据错误待定', 'Data errors undetermined'],
  'delegation-change': ['上级授权变更', 'Delegation changed at the parent'],
  'dnssec-bogus': ['DNSSEC 验证失败', 'DNSSEC bogus'],
  'dnssec-ds-mismatch': ['DS 与 DNSKEY 不匹配', 'DS / DNSKEY mismatch'],
  'dnssec-expiring': ['DNSSEC 签名即将过期', 'DNSSEC signatures expiring'],
  'dnssec-rollover': ['DNSSEC 密钥轮转中', 'DNSSEC key rollover in progress'],
  'dnssec-algorithm-downgrade': ['DNSSEC 算法降级', 'DNSSEC algorithm downgrade'],
};

export const FINDING_KINDS = Object.keys(KIND_T);

export function findingKindLabel(kind: string, lang: 'zh' | 'en'): string {
  const i = lang === 'zh' ? 0 : 1;
  const pair = KIND_T[kind];
  if (pair) return pair[i];
  if (kind.startsWith('dnssec-')) return `${lang === 'zh' ? 'DNSSEC 问题' : 'DNSSEC problem'}: ${kind.slice(7)}`;
  return kind;
}

/** Names of evidence fields beyond expected / seen / via / at; an unknown field is shown as it is. */
const EVIDENCE_KEY_T: Record<string, readonly [string, string]> = {
  checked: ['检查记录数', 'checked'], errors: ['错误数', 'errors'], lagErrors: ['滞后差异', 'lag differences'],
  resolver: ['解析器', 'resolver'], server: ['服务器', 'server'], name: ['域名', 'name'], type: ['类型', 'type'],
  soaSerial: ['节点序列号', 'node serial'], servedSerial: ['节点序列号', 'node serial'], truthSerial: ['基准序列号', 'truth serial'],
  since: ['自', 'since'], threshold: ['阈值', 'threshold'], lower: ['下界', 'lower bound'], upper: ['上界', 'upper bound'],
  lagMinutes: ['已滞后（分钟）', 'lagging for (min)'], toleranceMinutes: ['容忍时间（分钟）', 'tolerance (min)'],
  withinTolerance: ['在容忍时间内', 'within tolerance'], dataErrors: ['数据错误', 'data errors'], dataChecked: ['检查记录数', 'checked'],
  samples: ['差异样例', 'differences (first few)'], rule: ['规则', 'rule'], status: ['状态', 'status'],
  rcode: ['响应码', 'RCODE'], error: ['错误', 'error'], detail: ['详情', 'detail'], rules: ['规则', 'rules'],
  zone: ['区', 'zone'], parent: ['上级区', 'parent'], before: ['基线', 'baseline'], after: ['当前所见', 'seen now'],
  differences: ['差异', 'differences'], mismatch: ['上级与子域不一致', 'parent ≠ child'], deviatingNodes: ['与基线不同的上级服务器', 'parent servers differing'],
  dnssecErrors: ['DNSSEC 错误记录集', 'DNSSEC bad RRsets'], dnssecChecked: ['DNSSEC 检查记录集', 'DNSSEC RRsets checked'],
  baselineSource: ['基线来源', 'baseline from'], baselineAt: ['基线时间', 'baseline set'], seenAt: ['观测时间', 'seen at'],
};

/** Words for a few evidence values (a key domain's status); others are shown as they are. */
const STATUS_T: Record<string, readonly [string, string]> = {
  hijacked: ['被劫持', 'hijacked'], missing: ['数据缺失', 'missing'], failed: ['解析失败', 'failed'], ok: ['正常', 'ok'],
};

export function evidenceStatusLabel(value: string, lang: 'zh' | 'en'): string {
  return STATUS_T[value]?.[lang === 'zh' ? 0 : 1] ?? value;
}

export function evidenceKeyLabel(key: string, lang: 'zh' | 'en'): string {
  return EVIDENCE_KEY_T[key]?.[lang === 'zh' ? 0 : 1] ?? key;
}

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
type Severity = (typeof SEVERITIES)[number];
const SEVERITY_T: Record<Severity, readonly [string, string]> = {
  critical: ['严重', 'critical'], warning: ['警告', 'warning'], info: ['提示', 'info'],
};

export function severityLabel(s: string, lang: 'zh' | 'en'): string {
  return SEVERITY_T[s as Severity]?.[lang === 'zh' ? 0 : 1] ?? s;
}
