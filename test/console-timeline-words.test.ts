// The incident timeline in words (web/src/pages/timeline-words.ts): every kind the platform writes
// reads as a sentence in both languages, never as JSON; an unknown kind still shows its fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timelineWords } from '../web/src/pages/timeline-words.ts';

const commander = { role: 'emergency-office' };
const ENTRIES: Array<[string, Record<string, unknown>, RegExp, RegExp]> = [
  ['opened', { grade: 'II', proposedGrade: null, commander, matched: [{ rule: 'tld-half-nodes-degraded', grade: 'II', detail: '2 of 4 nodes' }], cause: 'grading' },
    /等级 II 重大；指挥：互联网应急办；规则：tld-half-nodes-degraded \(2 of 4 nodes\)/, /grade II 重大; commander: national emergency office; rules: tld-half-nodes-degraded/],
  ['opened', { manual: true, grade: null, proposedGrade: 'I', commander: { role: 'self', org: 'news' }, title: 't', description: 'by hand' },
    /人工开启；建议等级 I 特别重大（待确认）/, /opened by hand; proposed grade I 特别重大 \(to be confirmed\); commander: news \(itself\); by hand/],
  ['regraded', { from: 'III', to: 'II', proposedGrade: null, commander }, /III 较大 → II 重大/, /III 较大 → II 重大; commander: national emergency office/],
  ['relapsed', { from: null, to: 'II', commander }, /恢复后再次恶化：未定级 → II 重大/, /degraded again after recovery: ungraded → II 重大/],
  ['measurements-clean', { cleanCycles: 3, resolvedAt: '2026-01-01T00:00:00Z' }, /连续 3 个周期正常/, /3 clean cycles in a row: resolved/],
  ['grade-confirmed', { decision: 'confirmed', proposedGrade: 'I', previousGrade: 'II', grade: 'I', reason: 'national news' }, /确认 I 特别重大（原 II 重大）：national news/, /confirmed I 特别重大 \(was II 重大\): national news/],
  ['grade-rejected', { decision: 'rejected', proposedGrade: 'I', previousGrade: 'II', grade: 'II', reason: 'local only' }, /驳回建议等级 I 特别重大，保持 II 重大/, /rejected the proposed I 特别重大, stays II 重大: local only/],
  ['phase-changed', { from: 'initial-response', to: 'emergency-handling' }, /→/, /→/],
  ['information-report-filed', { timeliness: 'late', due: '2026-01-02T00:00:00Z', filedAt: '2026-01-02T01:00:00Z' }, /逾期提交/, /filed late/],
  ['closing-report-filed', { summary: 'all fine', cause: 'power', lessons: 'ups' }, /all fine；原因：power/, /all fine; cause: power/],
  ['closed', { from: 'recovery', closedAt: '2026-01-03T00:00:00Z' }, /关闭/, /closed from/],
  ['deadline-reminder', { key: 'remind:60', due: '2026-01-02T00:00:00Z', minutesBefore: 60 }, /提前 60 分钟提醒/, /reminder 60 min before/],
  ['deadline-overdue', { key: 'overdue', due: '2026-01-02T00:00:00Z' }, /已逾期/, /overdue/],
  ['directive-recorded', { id: 'd1', measureId: 'm-hold', province: 'BJ', text: 'hold the name', issuedAt: 'x' }, /停止解析 \(BJ\): hold the name/, /Hold \(BJ\): hold the name/],
  ['reassigned', { from: commander, province: 'GD', reason: 'local' }, /移交 GD 省级：local/, /to province GD: local/],
  ['measure-planned', { id: 'm1', measureId: 'm-hold', state: 'planned', note: 'tonight' }, /停止解析 — tonight/, /Hold — tonight/],
  ['measure-executed', { id: 'm1', measureId: 'm-hold', state: 'executed' }, /停止解析/, /Hold/],
  ['measure-refused', { id: 'm2', measureId: 'm-hold', directiveProblem: 'no directive' }, /停止解析: no directive/, /Hold: no directive/],
  ['nobody-to-notify', { org: 'news', as: 'affected', event: 'incident-opened', reason: 'no contacts' }, /news 没有可通知的联系人/, /nobody to notify at news/],
];

test('every timeline kind reads as words in both languages, without JSON', () => {
  const names = (id: string) => (id === 'm-hold' ? 'Hold' : id);
  const namesZh = (id: string) => (id === 'm-hold' ? '停止解析' : id);
  for (const [kind, payload, zh, en] of ENTRIES) {
    const z = timelineWords(kind, payload, 'zh', namesZh);
    const e = timelineWords(kind, payload, 'en', names);
    assert.match(z, zh, `${kind} zh: ${z}`);
    assert.match(e, en, `${kind} en: ${e}`);
    for (const text of [z, e]) assert.ok(!/[{}"]/.test(text), `${kind}: no JSON in "${text}"`);
  }
});

test('an unknown kind still shows its fields; a bad payload does not throw', () => {
  assert.equal(timelineWords('something-new', { a: 1, b: 'two', at: 'hidden' }, 'en'), 'a: 1 · b: two');
  assert.equal(timelineWords('opened', null, 'en'), '');
  assert.equal(timelineWords('regraded', 'text', 'zh'), 'text');
});
