import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReportView } from './report-model.ts';
import { renderInformationReport, renderClosingReport } from './render-report.ts';
import { sampleInput, type SampleOptions } from './testing/sample-incident.ts';
import type { ReportLang } from './report-i18n.ts';

const info = (lang: ReportLang, o: SampleOptions = {}) => renderInformationReport(buildReportView(sampleInput(o)), { lang });

/** Unescaped pipes per line: every row of one Markdown table must have the same count. */
function tableShapes(md: string): number[][] {
  const tables: number[][] = [];
  let cur: number[] | null = null;
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) { cur ??= []; cur.push((line.match(/(?<!\\)\|/g) ?? []).length); } else if (cur) { tables.push(cur); cur = null; }
  }
  if (cur) tables.push(cur);
  return tables;
}

test('information report in Chinese: the four parts of plan §5.2 and the grading terms', () => {
  const { markdown, html } = info('zh');
  for (const s of ['域名安全事件信息报告', '事件开始时间', '影响范围及危害', '已采取的措施', '下一步建议', '事件时间线', '报送时限', '签署']) {
    assert.ok(markdown.includes(s), `markdown has ${s}`);
    assert.ok(html.includes(s), `html has ${s}`);
  }
  assert.match(markdown, /II 重大/);
  assert.match(markdown, /橙色预警/);
  assert.match(markdown, /互联网应急办/);
  assert.match(markdown, /2026-11-23 15:53 \(UTC\+8\)/, 'began, in Beijing time');
  assert.ok(!markdown.includes('When it began'), 'no English in a Chinese report');
});

test('English keeps the Chinese grade names; bilingual shows Chinese before English per section', () => {
  const en = info('en').markdown;
  assert.match(en, /II 重大 \(serious\)/);
  assert.match(en, /橙色预警 \(orange\)/);
  assert.match(en, /## 2\. When it began/);
  const both = info('both').markdown;
  assert.match(both, /## 三、影响范围及危害 \/ Scope and harm/);
  const zh = both.indexOf('4 个节点中有 2 个异常'), enLine = both.indexOf('2 of 4 nodes failing');
  assert.ok(zh > 0 && enLine > zh, 'the Chinese sentence precedes the English one');
});

test('scope and harm carry the measured figures per node', () => {
  const md = info('en').markdown;
  assert.match(md, /\| ns-c \| 198\.51\.100\.13 \| 0\.0 % \| — \| 0 \/ 1000 \(0\.0 %\) \| timeout 600 \| stopped resolving \|/);
  assert.match(md, /\| ns-d \| 198\.51\.100\.14 \| 31\.0 % \| 4\.12 s \|/);
  assert.match(md, /2 of 4 nodes failing; system success rate 57\.6 %/);
  assert.match(md, /tld-half-nodes-degraded: 2 of 4 nodes/);
});

test('measures show the directive and who gave it', () => {
  const md = info('both').markdown;
  assert.match(md, /全国清除递归缓存 \/ flush resolver caches nationally \| 已执行 \/ executed \| 李明 \(Li Ming\) \|.*\| D-2026-017 \|/);
  assert.ok(md.includes('| 值班人员已接报，电话报告互联网应急办 |'), 'text that is the same in both languages appears once');
  assert.match(md, /\| D-2026-017 \| .* \| 互联网应急办 \/ National Emergency Office \| 2026-11-23 18:00 \(UTC\+8\) \| 请各电信运营企业/);
});

test('Markdown tables keep their shape: pipes in user text are escaped', () => {
  const md = info('both').markdown;
  assert.match(md, /上游过滤随机子域名查询 \\\| upstream filter/);
  for (const shape of tableShapes(md)) assert.equal(new Set(shape).size, 1, `rows of a table differ: ${shape}`);
});

test('user-entered <script> comes out escaped in HTML and Markdown', () => {
  const evil = '<script>alert("x")</script> & a|b\n# not a heading';
  const { markdown, html } = info('zh', { scope: evil });
  assert.ok(!html.includes('<script'), 'no raw script tag in HTML');
  assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; a|b'));
  assert.ok(html.includes(`default-src 'none'`), 'a CSP forbids scripts besides');
  assert.ok(!/(?<!\\)<script/.test(markdown), 'no unescaped < in Markdown');
  assert.ok(markdown.includes('\\<script\\>alert("x")\\</script\\> \\& a\\|b'));
  assert.ok(markdown.includes('> \\# not a heading'), 'a # at a line start cannot become a heading');
});

test('drill banner only on drills, in both languages', () => {
  for (const lang of ['zh', 'en', 'both'] as const) {
    const drill = info(lang, { drill: true });
    assert.ok(drill.markdown.includes('演练 DRILL — not a real incident'), lang);
    assert.match(drill.html, /<div class="banner drill" role="note">演练 DRILL — not a real incident<\/div>/);
    const real = info(lang);
    assert.ok(!real.markdown.includes('DRILL') && !real.html.includes('banner drill'), lang);
  }
});

test('deadline: in time, late, and a draft when not filed', () => {
  assert.match(info('both').markdown, /✔ 按时报送 \/ filed in time/);
  const late = info('both', { filedAtMin: 1440 + 125 });
  assert.match(late.markdown, /⚠ 逾期报送，超出 2小时5分钟 \/ filed late, 2 h 5 min after the deadline/);
  assert.match(late.html, /<td class="tone-bad">逾期报送/);
  const draft = info('en', { filedAtMin: null });
  assert.match(draft.markdown, /DRAFT — not yet filed/);
  assert.match(draft.markdown, /⚠ not yet filed, 17 h 20 min left/);
  assert.match(draft.markdown, /\(not provided\)/);
  assert.ok(!info('en').markdown.includes('DRAFT'));
});

test('closing report adds cause, recovery times and lessons', () => {
  const { markdown, html } = renderClosingReport(buildReportView(sampleInput({ closed: true })), { lang: 'both' });
  for (const s of ['域名安全事件总结报告', '事件原因 / Cause', '恢复情况 / Recovery', '经验教训 / Lessons', '事件总结 / Summary']) {
    assert.ok(markdown.includes(s), s);
  }
  assert.match(markdown, /接报确认用时 \/ Time to acknowledge \| 6分钟 \/ 6 min \|/);
  assert.match(markdown, /书面报告用时 \/ Time to written report \| 6小时30分钟 \/ 6 h 30 min \|/);
  assert.match(markdown, /恢复用时 \/ Time to recover \| 3小时0分钟 \/ 3 h 0 min \|/);
  assert.match(markdown, /随机子域名（水刑）攻击/);
  assert.match(html, /增加任播实例/);
  assert.ok(!markdown.includes('DRAFT'));
});

test('HTML is a standalone, print-ready A4 document', () => {
  const { html } = info('both');
  assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">'));
  assert.match(html, /<meta charset="utf-8">/);
  assert.match(html, /@page \{ size: A4;/);
  assert.ok(!/\s(src|href)=/.test(html), 'loads nothing from outside');
  assert.match(html, /<p lang="en"[^>]*>2 of 4 nodes failing/);
  assert.ok(html.trimEnd().endsWith('</html>'));
});
