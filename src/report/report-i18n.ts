// The reports' fixed wording in Chinese and English. Terms of the plan (grades, warning levels,
// phases, organisation kinds) keep their Chinese names in every language. Pure data.
import { GRADE_NAMES, type Grade } from '../core/grades.ts';
import { PHASE_NAMES, type Phase } from '../core/incidents/incident-process.ts';

export interface Localized { zh: string; en: string }
export type ReportLang = 'zh' | 'en' | 'both';

/** "II 重大" in Chinese; "II 重大 (serious)" in English and bilingual text. */
export function gradeLabel(grade: Grade | null, lang: ReportLang): string {
  if (!grade) return lang === 'zh' ? '未定级' : lang === 'en' ? 'not graded (未定级)' : '未定级 not graded';
  const n = GRADE_NAMES[grade];
  return lang === 'zh' ? `${grade} ${n.zh}` : `${grade} ${n.zh} (${n.en})`;
}

const WARNING_NAMES: Record<'red' | 'orange' | 'yellow' | 'blue', Localized> = {
  red: { zh: '红色预警', en: 'red' },
  orange: { zh: '橙色预警', en: 'orange' },
  yellow: { zh: '黄色预警', en: 'yellow' },
  blue: { zh: '蓝色预警', en: 'blue' },
};

export function warningLabel(level: keyof typeof WARNING_NAMES | null, lang: ReportLang): string {
  if (!level) return pick(lang, { zh: '无', en: 'none' });
  const n = WARNING_NAMES[level];
  return lang === 'zh' ? n.zh : `${n.zh} (${n.en})`;
}

export function phaseLabel(phase: Phase, lang: ReportLang): string {
  const n = PHASE_NAMES[phase] ?? { zh: phase, en: phase };
  return lang === 'zh' ? n.zh : `${n.zh} (${n.en})`;
}

export const OBJECT_NAMES: Record<string, Localized> = {
  tld: { zh: '顶级域名系统', en: 'TLD system' },
  authoritative: { zh: '权威域名系统', en: 'authoritative DNS system' },
  registration: { zh: '域名注册系统', en: 'registration system' },
  recursive: { zh: '递归域名系统', en: 'recursive DNS system' },
  'website-dns': { zh: '网站域名系统', en: "website's authoritative DNS" },
};

export const ORG_ROLE_NAMES: Record<string, Localized> = {
  'emergency-office': { zh: '互联网应急办', en: 'national emergency office' },
  'provincial-authority': { zh: '省通信管理局', en: 'provincial telecom authority' },
  cert: { zh: 'CNCERT', en: 'national CERT' },
  registry: { zh: '域名注册管理机构', en: 'TLD registry' },
  'dns-provider': { zh: '域名服务机构', en: 'DNS service provider' },
  registrar: { zh: '域名注册服务机构', en: 'registrar' },
  telecom: { zh: '电信运营企业', en: 'telecom operator' },
  website: { zh: '互联网站', en: 'website' },
};

export const MEASURE_STATE_NAMES: Record<string, Localized> = {
  planned: { zh: '计划', en: 'planned' },
  executed: { zh: '已执行', en: 'executed' },
  refused: { zh: '已拒绝', en: 'refused' },
};

/** Timeline entry kinds the incident service writes; unknown kinds are shown as they are. */
export const TIMELINE_KIND_NAMES: Record<string, Localized> = {
  opened: { zh: '事件开启', en: 'opened' },
  open: { zh: '事件开启', en: 'opened' },
  regrade: { zh: '级别调整', en: 'grade changed' },
  regraded: { zh: '级别调整', en: 'grade changed' },
  'grade-confirmed': { zh: '级别确认', en: 'grade confirmed' },
  'grade-rejected': { zh: '级别驳回', en: 'grade rejected' },
  confirmation: { zh: '级别确认', en: 'grade confirmation' },
  acknowledged: { zh: '已确认接报', en: 'acknowledged' },
  acknowledge: { zh: '已确认接报', en: 'acknowledged' },
  phase: { zh: '阶段变更', en: 'phase change' },
  'phase-changed': { zh: '阶段变更', en: 'phase change' },
  'measure-requested': { zh: '请求措施', en: 'measure requested' },
  'measure-planned': { zh: '计划措施', en: 'measure planned' },
  'measure-executed': { zh: '措施已执行', en: 'measure executed' },
  'measure-refused': { zh: '措施被拒绝', en: 'measure refused' },
  directive: { zh: '下达指令', en: 'directive issued' },
  'directive-issued': { zh: '下达指令', en: 'directive issued' },
  'information-report': { zh: '报送信息报告', en: 'information report filed' },
  'information-report-filed': { zh: '报送信息报告', en: 'information report filed' },
  'closing-report': { zh: '报送总结报告', en: 'closing report filed' },
  'closing-report-filed': { zh: '报送总结报告', en: 'closing report filed' },
  reassigned: { zh: '移交省局', en: 'reassigned to a province' },
  'deadline-reminder': { zh: '报送时限提醒', en: 'deadline reminder' },
  'deadline-overdue': { zh: '报送逾期', en: 'report overdue' },
  notified: { zh: '已通知', en: 'notified' },
  note: { zh: '备注', en: 'note' },
  resolved: { zh: '测量恢复正常', en: 'measurements back to normal' },
  resolve: { zh: '测量恢复正常', en: 'measurements back to normal' },
  closed: { zh: '事件结束', en: 'closed' },
};

/** A term of the plan (an organisation kind): Chinese always, the English added in English text. */
export function term(lang: ReportLang, s: Localized): string {
  return lang === 'zh' ? s.zh : `${s.zh} (${s.en})`;
}

/** One language's string, or both joined ("事件开始时间 / When it began"); once when they are equal. */
export function pick(lang: ReportLang, s: Localized, sep = ' / '): string {
  return lang === 'zh' ? s.zh : lang === 'en' || s.zh === s.en ? s.en : `${s.zh}${sep}${s.en}`;
}

/** Section and field labels. */
export const T = {
  infoTitle: { zh: '域名安全事件信息报告', en: 'Domain name security incident — information report' },
  closingTitle: { zh: '域名安全事件总结报告', en: 'Domain name security incident — closing report' },
  drillBanner: { zh: '演练', en: 'DRILL — not a real incident' },
  draftBanner: { zh: '草稿：尚未报送', en: 'DRAFT — not yet filed' },
  secIncident: { zh: '事件基本情况', en: 'The incident' },
  secBegan: { zh: '事件开始时间', en: 'When it began' },
  secScope: { zh: '影响范围及危害', en: 'Scope and harm' },
  secMeasures: { zh: '已采取的措施', en: 'Measures taken' },
  secRecommend: { zh: '下一步建议', en: 'Recommendations' },
  secSummary: { zh: '事件总结', en: 'Summary' },
  secCause: { zh: '事件原因', en: 'Cause' },
  secRecovery: { zh: '恢复情况', en: 'Recovery' },
  secLessons: { zh: '经验教训', en: 'Lessons' },
  secTimeline: { zh: '事件时间线', en: 'Timeline' },
  secDeadline: { zh: '报送时限', en: 'Reporting deadline' },
  secSignature: { zh: '签署', en: 'Signature' },
  incidentId: { zh: '事件编号', en: 'Incident' },
  title: { zh: '事件名称', en: 'Title' },
  organization: { zh: '涉事单位', en: 'Organisation' },
  system: { zh: '涉事系统', en: 'System' },
  object: { zh: '事件对象', en: 'Object' },
  grade: { zh: '事件级别', en: 'Grade' },
  proposedGrade: { zh: '建议级别（待确认）', en: 'Proposed grade (to be confirmed)' },
  warning: { zh: '预警级别', en: 'Warning level' },
  commander: { zh: '指挥单位', en: 'Commanded by' },
  phase: { zh: '当前阶段', en: 'Phase' },
  matched: { zh: '定级依据', en: 'Grading basis' },
  began: { zh: '开始时间', en: 'Began' },
  detected: { zh: '平台发现时间', en: 'Detected by the platform' },
  scope: { zh: '影响范围', en: 'Scope' },
  harm: { zh: '危害', en: 'Harm' },
  figuresFirst: { zh: '事件开启时的测量数据', en: 'Measured when the incident opened' },
  figuresLast: { zh: '最近一次测量数据', en: 'Latest measurement' },
  nodesDown: { zh: '故障节点', en: 'Failing nodes' },
  systemSuccess: { zh: '系统解析成功率', en: 'System success rate' },
  systemLatency: { zh: '系统响应时间（中位数）', en: 'System response time (median)' },
  node: { zh: '节点', en: 'Node' },
  address: { zh: '地址', en: 'Address' },
  successRate: { zh: '解析成功率', en: 'Success rate' },
  latency: { zh: '响应时间（中位数）', en: 'Response time (median)' },
  dataErrors: { zh: '解析数据缺失或出错', en: 'Data missing or erroneous' },
  failures: { zh: '失败原因', en: 'Failures' },
  status: { zh: '状态', en: 'Status' },
  measureCol: { zh: '措施', en: 'Measure' },
  stateCol: { zh: '状态', en: 'State' },
  requestedBy: { zh: '请求人', en: 'Requested by' },
  executedAt: { zh: '执行时间', en: 'Executed' },
  directiveCol: { zh: '依据指令', en: 'Under directive' },
  directives: { zh: '主管部门指令', en: 'Directives' },
  issuedBy: { zh: '下达单位', en: 'Issued by' },
  issuedAt: { zh: '下达时间', en: 'Issued' },
  text: { zh: '内容', en: 'Text' },
  time: { zh: '时间', en: 'Time' },
  event: { zh: '事项', en: 'Event' },
  actor: { zh: '操作人', en: 'By' },
  details: { zh: '说明', en: 'Details' },
  due: { zh: '书面报告应于', en: 'Written report due' },
  filedAt: { zh: '报送时间', en: 'Filed at' },
  filedBy: { zh: '填报人', en: 'Filed by' },
  deadlineStatus: { zh: '时限情况', en: 'Deadline' },
  reportingOrg: { zh: '填报单位', en: 'Reporting organisation' },
  signature: { zh: '签字', en: 'Signature' },
  seal: { zh: '单位盖章', en: 'Seal' },
  date: { zh: '日期', en: 'Date' },
  summary: { zh: '事件总结', en: 'Summary' },
  resolvedAt: { zh: '测量恢复正常时间', en: 'Measurements back to normal' },
  closedAt: { zh: '事件结束时间', en: 'Closed' },
  toAck: { zh: '接报确认用时', en: 'Time to acknowledge' },
  toReport: { zh: '书面报告用时', en: 'Time to written report' },
  toRecover: { zh: '恢复用时', en: 'Time to recover' },
  notProvided: { zh: '（未填写）', en: '(not provided)' },
  noMeasures: { zh: '尚未记录处置措施。', en: 'No measures recorded yet.' },
  noFigures: { zh: '无平台测量数据（人工登记的事件）。', en: 'No platform measurements (a manually recorded incident).' },
  none: { zh: '无', en: 'none' },
  ok: { zh: '正常', en: 'ok' },
  stopped: { zh: '停止解析', en: 'stopped resolving' },
  failing: { zh: '解析异常', en: 'failing' },
  slow: { zh: '响应超时', en: 'slow' },
  dataWrong: { zh: '数据出错', en: 'data errors' },
  selfHandled: { zh: '涉事单位自行处置', en: 'the organisation itself' },
  provisional: { zh: '（临时）', en: ' (provisional)' },
} satisfies Record<string, Localized>;
