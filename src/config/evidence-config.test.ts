import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigText } from './load-config.ts';

const BASE = `organizations:
  - { id: reg, role: registry }
systems:
  - { id: tld, org: reg, kind: tld, zone: lab, nodes: [ { id: a, address: 127.0.10.1 } ] }
`;
const load = (rules = '') => loadConfigText(BASE + rules, '/cfg/c.yaml', { fileExists: () => true });
const lines = (rules: string) => load(rules).errors.map((e) => `${e.line}:${e.path}: ${e.message}`);

test('defaults: a 15-minute window at 95 % confidence', () => {
  const r = load();
  assert.deepEqual(r.errors, []);
  assert.equal(r.config?.rules.evidenceWindowMs, 15 * 60_000);
  assert.equal(r.config?.rules.evidenceConfidence, 0.95);
});

test('rules.evidenceWindow and rules.evidenceConfidence are read', () => {
  const r = load('rules: { evidenceWindow: 30m, evidenceConfidence: 0.99 }\n');
  assert.deepEqual(r.errors, []);
  assert.equal(r.config?.rules.evidenceWindowMs, 30 * 60_000);
  assert.equal(r.config?.rules.evidenceConfidence, 0.99);
});

test('each field has its own error', () => {
  const window = lines('rules: { evidenceWindow: 10s }\n');
  assert.equal(window.length, 1);
  assert.match(window[0], /^5:rules\.evidenceWindow: must be between 1m and 24h \(got 10s\)/);
  assert.match(lines('rules: { evidenceWindow: soon }\n')[0], /rules\.evidenceWindow: 'soon' is not a duration such as 15m/);
  assert.match(lines('rules: { evidenceWindow: 2d }\n')[0], /rules\.evidenceWindow: must be between 1m and 24h/);
  const conf = lines('rules: { evidenceConfidence: 1 }\n');
  assert.equal(conf.length, 1);
  assert.match(conf[0], /^5:rules\.evidenceConfidence: /);
  assert.match(lines('rules: { evidenceConfidence: 0.5 }\n')[0], /rules\.evidenceConfidence/);
});
