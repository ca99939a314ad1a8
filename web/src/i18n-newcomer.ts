// Texts of the first-hour fixes (issue 9): the forced first password change, the lab mailbox page,
// the system page's node-down figures and the audit page's platform actor. Spread into the table of
// i18n.ts so that t() knows them like every other label; kept apart only to keep i18n.ts short.

export const NEWCOMER_T = {
  firstPassword: ['请先修改初始密码', 'Change the printed password first'],
  firstPasswordHint: ['首次登录使用的是启动时打印的密码。修改后才能使用控制台；其他会话将退出。', 'This first sign-in used the password printed at start-up. Choose your own to use the console; your other sessions are signed out.'],
  labMail: ['实验室邮件', 'Lab mail'],
  labMailHint: ['实验室邮件接收器（dnswarden lab up）收到的通知邮件；命令行：dnswarden lab mail', "What the lab's mail sink (dnswarden lab up) received; on the command line: dnswarden lab mail"],
  labMailMissing: ['本平台未配置实验室邮箱（lab.mailbox）：只有监测内置实验室时才有', 'No lab mailbox here (lab.mailbox): only a platform watching the bundled lab has one'],
  mailTo: ['收件人', 'To'],
  mailSubject: ['主题', 'Subject'],
  mailFrom: ['发件人', 'From'],
  received: ['接收时间', 'Received'],
  back: ['返回', 'Back'],
  nodesDown: ['节点中断', 'Nodes down'],
  downSince: ['已中断', 'down for'],
  systemStopped: ['系统整体中断（分钟）', 'Whole system stopped (minutes)'],
  dnsResolution: ['域名解析', 'DNS resolution'],
  platformActor: ['平台（自动）', 'platform (automatic)'],
  anonymousActor: ['匿名', 'anonymous'],
} as const;
