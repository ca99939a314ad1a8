// Chinese and English texts. The grade terms stay in Chinese in both languages ("II 重大"), as the
// plan names them; the language choice is kept in localStorage.
import { createContext, useContext } from 'react';
import { FINDINGS_T } from './i18n-findings.ts';
import { DELEGATIONS_T } from './i18n-delegations.ts';
import { DNSSEC_T } from './i18n-dnssec.ts';
import { NEWCOMER_T } from './i18n-newcomer.ts';
import { THREATS_T } from './i18n-threats.ts';
import { NAMES_T } from './i18n-names.ts';

export type Lang = 'zh' | 'en';
export type Grade = 'I' | 'II' | 'III' | 'IV';
export const GRADES: Grade[] = ['I', 'II', 'III', 'IV'];

export const GRADE_ZH: Record<Grade, string> = { I: '特别重大', II: '重大', III: '较大', IV: '一般' };
export const GRADE_EN: Record<Grade, string> = { I: 'extraordinarily serious', II: 'serious', III: 'relatively serious', IV: 'general' };
export const gradeLabel = (g: Grade) => `${g} ${GRADE_ZH[g]}`;

const T = {
  ...FINDINGS_T,
  ...DELEGATIONS_T,
  ...DNSSEC_T,
  ...NEWCOMER_T,
  ...THREATS_T,
  ...NAMES_T,
  appName: ['域名安全监测', 'DNS security monitoring'],
  overview: ['总览', 'Overview'],
  incidents: ['事件', 'Incidents'],
  warnings: ['预警', 'Warnings'],
  contacts: ['应急联系人', 'Contacts'],
  drills: ['应急演练', 'Drills'],
  audit: ['审计日志', 'Audit log'],
  logout: ['退出', 'Sign out'],
  wall: ['大屏', 'Wall'],
  login: ['登录', 'Sign in'],
  username: ['用户名', 'Username'],
  password: ['密码', 'Password'],
  machineToken: ['机器令牌', 'Machine token'],
  machineTokenHint: ['粘贴配置中的 http.token 或 API 令牌（仅保存在本标签页）', "Paste the config's http.token or an API token (kept in this tab only)"],
  useToken: ['使用令牌', 'Use token'],
  badLogin: ['用户名或密码错误', 'Wrong username or password'],
  sessionEnded: ['会话已过期或已被撤销，请重新登录', 'Your session has ended (expired or revoked): sign in again'],
  nextStep: ['下一步', 'Next step'],
  keyDomains: ['重点域名（劫持检测）', 'Key domains (hijack check)'],
  domainName: ['域名', 'Name'],
  answerVsExpected: ['应答 / 预期', 'Answer / expected'],
  orgKind: ['类型', 'Kind'],
  loginMissing: ['此服务器尚未提供登录，请使用机器令牌', 'This server has no login yet: use a machine token'],
  badToken: ['令牌无效', 'The token was refused'],
  notAvailable: ['尚未提供', 'Not available yet'],
  notAvailableHint: ['此服务器尚未提供该接口', 'This server does not offer this yet'],
  loading: ['加载中…', 'Loading…'],
  error: ['出错', 'Error'],
  live: ['实时', 'Live'],
  offline: ['连接中断', 'Reconnecting'],
  lastCycle: ['最近一轮', 'Last cycle'],
  systems: ['系统', 'Systems'],
  successRate: ['解析成功率', 'Success rate'],
  latencyP50: ['响应时间中位数', 'Median latency'],
  latency: ['响应时间', 'Latency'],
  dataErrors: ['数据错误', 'Data errors'],
  nodes: ['节点', 'Nodes'],
  noData: ['暂无数据', 'No data yet'],
  openIncidents: ['未结束事件', 'Open incidents'],
  deadlines: ['即将到期的书面报告', 'Written reports due'],
  activeWarnings: ['生效中的预警', 'Active warnings'],
  none: ['无', 'None'],
  overdue: ['已超时', 'overdue'],
  stopped: ['已停止解析', 'stopped resolving'],
  stoppedMinutes: ['停止时长（分钟）', 'Stopped (minutes)'],
  range: ['时间范围', 'Range'],
  outages: ['中断记录', 'Outage history'],
  findings: ['本系统的事件', 'Incidents of this system'],
  node: ['节点', 'Node'],
  service: ['服务', 'Service'],
  started: ['开始', 'Started'],
  ended: ['结束', 'Ended'],
  ongoing: ['持续中', 'ongoing'],
  system: ['系统', 'System'],
  org: ['单位', 'Organisation'],
  province: ['省份', 'Province'],
  grade: ['级别', 'Grade'],
  proposedGrade: ['建议级别', 'Proposed grade'],
  phase: ['阶段', 'Phase'],
  commander: ['指挥', 'Commander'],
  opened: ['发生时间', 'Opened'],
  resolved: ['恢复时间', 'Resolved'],
  drill: ['演练', 'Drill'],
  real: ['真实', 'Real'],
  all: ['全部', 'All'],
  open: ['未结束', 'Open'],
  title: ['标题', 'Title'],
  reportDue: ['书面报告截止', 'Written report due'],
  needsConfirmation: ['待确认级别', 'Grade to confirm'],
  confirmGrade: ['确认级别', 'Confirm grade'],
  confirm: ['确认', 'Confirm'],
  reject: ['驳回', 'Reject'],
  reason: ['理由', 'Reason'],
  submit: ['提交', 'Submit'],
  saved: ['已保存', 'Saved'],
  timeline: ['时间线', 'Timeline'],
  measures: ['处置措施', 'Measures'],
  measure: ['措施', 'Measure'],
  execute: ['立即执行', 'Execute now'],
  plan: ['计划', 'Plan'],
  directives: ['指令', 'Directives'],
  issueDirective: ['下达指令', 'Issue directive'],
  text: ['内容', 'Text'],
  infoReport: ['信息报告', 'Information report'],
  startedAt: ['开始时间', 'Began at'],
  scope: ['初步影响范围', 'Preliminary scope'],
  harm: ['危害', 'Harm'],
  measuresTaken: ['已采取措施', 'Measures taken'],
  recommendations: ['建议', 'Recommendations'],
  closingReport: ['总结报告', 'Closing report'],
  summary: ['概述', 'Summary'],
  cause: ['原因', 'Cause'],
  lessons: ['经验教训', 'Lessons'],
  downloads: ['下载', 'Downloads'],
  reassign: ['指定省级管理局处置', 'Reassign to a province'],
  nextPhase: ['进入下一阶段', 'Move to phase'],
  filter: ['筛选', 'Filter'],
  level: ['级别', 'Level'],
  issueWarning: ['发布预警', 'Issue warning'],
  warningScope: ['预警范围', 'Scope'],
  nationwide: ['全国', 'Nationwide'],
  provincesHint: ['省份（两字母代码，逗号分隔）', 'Provinces (two-letter codes, comma separated)'],
  description: ['说明', 'Description'],
  adjust: ['调整', 'Adjust'],
  lift: ['解除', 'Lift'],
  state: ['状态', 'State'],
  name: ['名称', 'Name'],
  phone: ['电话', 'Phone'],
  email: ['邮箱', 'Email'],
  changes: ['变更记录', 'Changes'],
  contactDrill: ['联系人演练', 'Contact drill'],
  newDrill: ['新建演练', 'New drill'],
  report: ['报告', 'Report'],
  verify: ['校验哈希链', 'Verify chain'],
  more: ['更多', 'More'],
  actor: ['操作者', 'Actor'],
  action: ['操作', 'Action'],
  time: ['时间', 'Time'],
  seq: ['序号', 'Seq'],
  refused: ['被拒绝', 'Refused'],
  back: ['返回', 'Back'],
  healthy: ['正常', 'healthy'],
  degraded: ['降级', 'degraded'],
  failing: ['故障', 'failing'],
  // users, my account, contact editing
  users: ['用户管理', 'Users'],
  account: ['我的账户', 'My account'],
  roles: ['角色', 'Roles'],
  roleAdmin: ['管理员', 'admin'],
  roleDutyOfficer: ['值班员', 'duty officer'],
  roleViewer: ['只读', 'viewer'],
  displayName: ['显示名称', 'Display name'],
  createUser: ['新建用户', 'Create user'],
  create: ['创建', 'Create'],
  passwordOptional: ['密码（留空则自动生成）', 'Password (empty: generated)'],
  enabled: ['启用中', 'enabled'],
  disabled: ['已停用', 'disabled'],
  disable: ['停用', 'Disable'],
  enable: ['启用', 'Enable'],
  confirmDisable: ['确认停用（会话和 API 令牌立即失效）', 'Confirm: disable (sessions and API tokens stop at once)'],
  resetPassword: ['重置密码', 'Reset password'],
  confirmReset: ['确认重置密码', 'Confirm: reset password'],
  saveRoles: ['保存角色', 'Save roles'],
  cancel: ['取消', 'Cancel'],
  close: ['关闭', 'Close'],
  copy: ['复制', 'Copy'],
  copied: ['已复制', 'Copied'],
  shownOnce: ['仅显示这一次：请立即复制并妥善保存。', 'Shown only this once: copy it now and keep it safe.'],
  newPasswordOf: ['新密码：', 'New password of '],
  you: ['（本人）', ' (you)'],
  changePassword: ['修改密码', 'Change password'],
  currentPassword: ['当前密码', 'Current password'],
  newPassword: ['新密码', 'New password'],
  repeatPassword: ['再次输入新密码', 'Repeat the new password'],
  passwordMismatch: ['两次输入的新密码不一致', 'The two new passwords differ'],
  passwordChanged: ['密码已修改，其他会话已退出', 'Password changed; your other sessions were signed out'],
  passwordRule: ['至少 12 个字符、至少 5 个不同字符、不得包含用户名', 'At least 12 characters, 5 different ones, not containing your username'],
  wrongCurrent: ['当前密码错误', 'The current password is wrong'],
  apiTokens: ['API 令牌', 'API tokens'],
  newToken: ['新建令牌', 'New token'],
  tokenName: ['令牌名称', 'Token name'],
  expiresOptional: ['过期时间（可选）', 'Expires (optional)'],
  expires: ['过期', 'Expires'],
  lastUsed: ['最近使用', 'Last used'],
  created: ['创建时间', 'Created'],
  revoke: ['吊销', 'Revoke'],
  revoked: ['已吊销', 'revoked'],
  active: ['有效', 'active'],
  inactive: ['已失效', 'expired'],
  newTokenValue: ['新令牌：', 'New token: '],
  machineNoAccount: ['机器令牌没有账户', 'The machine token has no account'],
  editContacts: ['编辑应急联系人', 'Edit emergency contacts'],
  contactRole: ['类型', 'Kind'],
  primaryContact: ['主联系人（24 小时）', 'Primary (24 h)'],
  backupContact: ['备用联系人', 'Backup'],
  webhook: ['Webhook', 'Webhook'],
  addContact: ['添加联系人', 'Add contact'],
  remove: ['删除', 'Remove'],
  save: ['保存', 'Save'],
  notSaved: ['未保存', 'Not saved'],
  staleContacts: ['联系人已被他人修改，请重新加载后再编辑。', 'Someone changed the contacts meanwhile: reload, then edit again.'],
  reload: ['重新加载', 'Reload'],
  changeSaved: ['变更已保存（版本 ', 'Change saved (version '],
  reportBy: ['须报互联网应急办，截止：', 'Report it to the national emergency office by '],
  markReported: ['记录为已报告', 'Record as reported'],
  reportedAt: ['已报告', 'Reported'],
  notReported: ['未报告', 'not reported'],
  late: ['逾期', 'late'],
  lateReports: ['逾期报告的联系人变更', 'Late contact-change reports'],
  listProblems: ['当前联系人列表的问题', 'Problems of the current list'],
  personalDataHidden: ['个人信息已隐藏', 'Personal data hidden'],
  reachabilityDrill: ['通讯测试', 'Reachability drill'],
  startDrill: ['开始通讯测试', 'Start reachability drill'],
  withinMinutes: ['确认时限（分钟）', 'Acknowledge within (minutes)'],
  acknowledged: ['已确认', 'Acknowledged'],
  notAcknowledged: ['未确认', 'not acknowledged'],
  due: ['截止', 'Due'],
  messagesQueued: ['条消息已排队发送', 'messages queued'],
  version: ['版本', 'Version'],
} as const satisfies Record<string, readonly [string, string]>;

export type TextKey = keyof typeof T;

export const PHASES = ['initial-response', 'information-report', 'emergency-handling', 'recovery', 'closed'] as const;
export type Phase = (typeof PHASES)[number];
const PHASE_T: Record<Phase, [string, string]> = {
  'initial-response': ['先期处置', 'initial response'],
  'information-report': ['信息报告', 'information report'],
  'emergency-handling': ['应急处置', 'emergency handling'],
  recovery: ['后期恢复', 'recovery'],
  closed: ['结束', 'closed'],
};

export const WARNING_LEVELS = ['red', 'orange', 'yellow', 'blue'] as const;
const WARNING_T: Record<string, [string, string]> = {
  red: ['红色', 'red'], orange: ['橙色', 'orange'], yellow: ['黄色', 'yellow'], blue: ['蓝色', 'blue'],
};

export interface I18n {
  lang: Lang;
  t: (key: TextKey) => string;
  phase: (p: string) => string;
  warning: (level: string) => string;
}

export function makeI18n(lang: Lang): I18n {
  const i = lang === 'zh' ? 0 : 1;
  return {
    lang,
    t: (key) => T[key][i],
    phase: (p) => (PHASE_T[p as Phase]?.[i] ?? p),
    warning: (level) => (WARNING_T[level]?.[i] ?? level),
  };
}

export function storedLang(): Lang {
  const v = localStorage.getItem('dw.lang');
  if (v === 'zh' || v === 'en') return v;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export const I18nContext = createContext<I18n>(makeI18n('zh'));
export const useI18n = () => useContext(I18nContext);
