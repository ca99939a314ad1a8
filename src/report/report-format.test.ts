import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  escapeHtml, escapeMarkdown, escapeMarkdownCell, formatInstant, formatMinutes, formatPercent, formatMs, minutesBetween,
} from './report-format.ts';

test('escapeHtml covers the five special characters', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
});

test('escapeMarkdown: inline syntax everywhere, block markers only at a line start', () => {
  assert.equal(escapeMarkdown('a *b* _c_ `d` [e](f) <g> h|i ~j~ &amp;'), 'a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) \\<g\\> h\\|i \\~j\\~ \\&amp;');
  assert.equal(escapeMarkdown('# h\n- item\n1. one\n    code'), '\\# h\n\\- item\n1\\. one\ncode');
  assert.equal(escapeMarkdown('a - b 1. c'), 'a - b 1. c');
  assert.equal(escapeMarkdown('back\\slash'), 'back\\\\slash');
});

test('escapeMarkdownCell keeps a cell on one line and never empty', () => {
  assert.equal(escapeMarkdownCell('a|b\nc'), 'a\\|b c');
  assert.equal(escapeMarkdownCell(''), ' ');
});

test('times in Beijing time by default, or another fixed offset', () => {
  assert.equal(formatInstant('2026-11-23T20:30:00Z'), '2026-11-24 04:30 (UTC+8)');
  assert.equal(formatInstant('2026-11-23T20:30:00Z', 0), '2026-11-23 20:30 (UTC)');
  assert.equal(formatInstant('2026-11-23T20:30:00Z', -330), '2026-11-23 15:00 (UTC-5:30)');
  assert.equal(formatInstant(null), '—');
  assert.equal(formatInstant('garbage'), 'garbage');
});

test('durations and figures', () => {
  assert.equal(minutesBetween('2026-01-01T00:00:00Z', '2026-01-01T01:30:00Z'), 90);
  assert.equal(minutesBetween(undefined, '2026-01-01T01:30:00Z'), null);
  assert.equal(formatMinutes(90, 'zh'), '1小时30分钟');
  assert.equal(formatMinutes(1500, 'en'), '1 d 1 h 0 min');
  assert.equal(formatMinutes(5, 'en'), '5 min');
  assert.equal(formatMinutes(null, 'en'), '—');
  assert.equal(formatPercent(0.576), '57.6 %');
  assert.equal(formatPercent(0.001), '0.10 %', 'the 0.1 % threshold stays readable');
  assert.equal(formatPercent(0.00011), '0.011 %', 'the 0.01 % threshold stays readable');
  assert.equal(formatPercent(null), '—');
  assert.equal(formatMs(4120), '4.12 s');
  assert.equal(formatMs(2.06), '2.1 ms');
  assert.equal(formatMs(null), '—');
});
