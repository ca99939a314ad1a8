// Texts of the DNSSEC page (issue 10 item 3: the DNSSEC overview), spread into the table of i18n.ts
// like the findings' texts.
export const DNSSEC_T = {
  dnssecNav: ['DNSSEC', 'DNSSEC'],
  dnssecTitle: ['被监测区与重点域名的 DNSSEC 状态（最近一轮）', 'DNSSEC of the watched zones and key domains (latest cycle)'],
  dnssecHint: ['每个被监测区与重点域名：是否签名、算法、上级区的 DS、信任链状态与最早的签名过期时间。签名错误计入数据错误；即将过期、DS 不匹配、密钥轮转与算法降级是“发现”。',
    'Each watched zone and key domain: signed or not, algorithms, the DS at the parent, the chain status and the earliest signature expiry. Bad signatures count as data errors; expiring signatures, a DS mismatch, a key rollover and an algorithm downgrade are findings.'],
  dnssecZone: ['区 / 重点域名', 'Zone / key domain'],
  dnssecChain: ['信任链', 'Chain'],
  dnssecSigned: ['已签名', 'Signed'],
  dnssecAlgorithms: ['算法', 'Algorithms'],
  dnssecDsAtParent: ['上级区 DS', 'DS at the parent'],
  dnssecExpiry: ['最早签名过期', 'Earliest signature expiry'],
  dnssecNotChecked: ['未启用 DNSSEC 检查', 'DNSSEC not checked'],
  dnssecUnknown: ['未知', 'unknown'],
  chain_secure: ['安全', 'secure'],
  chain_insecure: ['不安全（未签名或无 DS）', 'insecure'],
  chain_bogus: ['验证失败', 'bogus'],
  chain_indeterminate: ['不确定', 'indeterminate'],
} as const satisfies Record<string, readonly [string, string]>;
