// The pure core of threat response: credibility, priority, responsible party, timers, figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { credibility, detectHarms, priority, responsibleParty, triage } from './assess.ts';
import { DEFAULT_TIMERS, HOUR, addMs, assessmentDue, dueTimerEvents, parseDurationMs, type CaseClock } from './timers.ts';
import { figuresBy } from './figures.ts';
import { commandError, publicStep } from './lifecycle.ts';

const url = (v: string) => ({ kind: 'url' as const, value: v });

test('credibility: law enforcement highest; anonymous on its evidence alone, never below zero or discarded', () => {
  const ev = [url('http://a.example/login'), { kind: 'hash' as const, value: 'ab'.repeat(32) }];
  assert.equal(credibility('law-enforcement', []).level, 'high');
  assert.ok(credibility('law-enforcement', ev).score > credibility('recognised', ev).score);
  assert.ok(credibility('recognised', ev).score > credibility('other', ev).score);
  assert.ok(credibility('other', ev).score > credibility('anonymous', ev).score);
  assert.deepEqual(credibility('anonymous', []), { level: 'low', score: 0, reasons: ['anonymous: judged on its evidence alone', 'evidence 0/50'] });
  assert.equal(credibility('anonymous', ev).score, 30, 'two pieces of hard evidence');
  assert.equal(credibility('anonymous', [...ev, ...ev]).score, 30, 'duplicates count once');
  assert.equal(credibility('anonymous', [url('a'), url('b'), url('c'), url('d')]).level, 'medium', 'capped at 50');
});

test('priority: high for life, critical infrastructure, children, DNS operation, in English and Chinese', () => {
  assert.deepEqual(detectHarms('this site sells child abuse material'), ['child-exploitation']);
  assert.deepEqual(detectHarms('针对医院的勒索软件'), ['critical-infrastructure']);
  assert.deepEqual(detectHarms('bomb threat, threat to life'), ['human-life']);
  assert.deepEqual(detectHarms('cache poisoning against the resolver'), ['dns-operation']);
  assert.deepEqual(detectHarms('a fake bank login page'), []);
  const low = credibility('anonymous', []);
  assert.equal(priority(['human-life'], 'anonymous', low, 'other'), 'high', 'anonymous and no evidence: still high when lives are at stake');
  assert.equal(priority([], 'law-enforcement', credibility('law-enforcement', []), 'spam'), 'normal');
  assert.equal(priority([], 'anonymous', low, 'phishing'), 'low');
  assert.equal(priority([], 'anonymous', credibility('anonymous', [url('x'), url('y')]), 'phishing'), 'normal');
});

test('responsible party: registrar, registrant or host, registry for many names or registrars', () => {
  assert.equal(responsibleParty({ names: 1 }), 'registrar');
  assert.equal(responsibleParty({ names: 1, compromised: true }), 'registrant-host');
  assert.equal(responsibleParty({ names: 11 }), 'registry');
  assert.equal(responsibleParty({ names: 2, registrars: 2, compromised: true }), 'registry');
  assert.equal(triage({ source: 'other', evidence: [], names: ['a.lab'], threatType: 'malware', description: 'the site was hacked and injected' }).responsible, 'registrant-host');
});

test('timers: reminder 4 h before, escalation at 24 h, referral silence, action time frame; each once', () => {
  const ack = '2026-11-23T08:00:00.000Z';
  const c: CaseClock = { state: 'acknowledged', assessmentDueAt: assessmentDue(ack), assessedAt: null, referral: null, actionDueAt: null, mitigatedAt: null };
  assert.equal(c.assessmentDueAt, '2026-11-24T08:00:00.000Z');
  assert.deepEqual(dueTimerEvents(c, addMs(ack, 19 * HOUR), new Set()), []);
  assert.deepEqual(dueTimerEvents(c, addMs(ack, 20 * HOUR), new Set()).map((e) => e.key), ['assess-reminder']);
  assert.deepEqual(dueTimerEvents(c, addMs(ack, 20 * HOUR), new Set(['assess-reminder'])), []);
  assert.deepEqual(dueTimerEvents(c, addMs(ack, 30 * HOUR), new Set()).map((e) => e.key), ['assess-overdue'], 'late: only the escalation');
  const assessed: CaseClock = { ...c, state: 'assessed', assessedAt: addMs(ack, HOUR), actionDueAt: addMs(ack, 5 * HOUR),
    referral: { registrar: 'reg-a', dueAt: addMs(ack, 49 * HOUR), answeredAt: null } };
  assert.deepEqual(dueTimerEvents(assessed, addMs(ack, 50 * HOUR), new Set()).map((e) => e.key), ['referral-overdue:reg-a', 'action-overdue']);
  assert.deepEqual(dueTimerEvents({ ...assessed, mitigatedAt: addMs(ack, 2 * HOUR), referral: { ...assessed.referral!, answeredAt: ack } }, addMs(ack, 50 * HOUR), new Set()), []);
  assert.deepEqual(dueTimerEvents({ ...assessed, state: 'closed' }, addMs(ack, 90 * HOUR), new Set()), []);
  assert.equal(parseDurationMs('24h'), DEFAULT_TIMERS.assessWithinMs);
  assert.equal(parseDurationMs('2x'), null);
});

test('figures per source class and registrar (medians in minutes, late assessments)', () => {
  const base = { receivedAt: '2026-11-23T08:00:00.000Z', acknowledgedAt: '2026-11-23T08:00:00.000Z', assessmentDueAt: '2026-11-24T08:00:00.000Z' };
  const f = figuresBy([
    { ...base, sourceClass: 'anonymous', registrar: 'reg-a', assessedAt: '2026-11-23T09:00:00.000Z', mitigatedAt: '2026-11-23T10:00:00.000Z' },
    { ...base, sourceClass: 'anonymous', registrar: null, assessedAt: '2026-11-23T11:00:00.000Z', mitigatedAt: null },
    { ...base, sourceClass: 'law-enforcement', registrar: 'reg-a', assessedAt: null, mitigatedAt: null },
  ], '2026-11-25T00:00:00.000Z');
  assert.deepEqual(f.bySource.anonymous, { cases: 2, acknowledgeMin: 0, assessMin: 120, mitigateMin: 120, assessed: 2, assessedLate: 0, mitigated: 1 });
  assert.equal(f.bySource['law-enforcement'].assessedLate, 1);
  assert.equal(f.byRegistrar['reg-a'].cases, 2);
  assert.equal(f.all.cases, 3);
});

test('lifecycle: closed cases refuse commands; closing needs an assessment; reporters see only public steps', () => {
  assert.match(commandError('closed', 'assess', true)!, /closed/);
  assert.match(commandError('acknowledged', 'close', false)!, /assess/);
  assert.equal(commandError('assessed', 'close', true), null);
  assert.equal(publicStep('report-linked'), 'received');
  assert.equal(publicStep('referral-overdue'), null);
  assert.equal(publicStep('note'), null);
});
