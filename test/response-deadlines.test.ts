// The written-report deadline: reminders to the affected organisation, escalation to the commander
// once overdue, each exactly once (also across a restart); nothing once the report is filed.
// Also the version-check retry of commands under a concurrent writer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, HOUR, MINUTE, REPORT, ACTORS, ruleset } from './response-fixtures.ts';
import type { ResponseDetail } from '../src/response/response-types.ts';
import { IncidentService } from '../src/response/incident-service.ts';
import type { Store } from '../src/store/store.ts';

test('reminders at 4 h and 1 h before, escalation after the deadline — each once, also after a restart', async () => {
  const h = await harness();
  try {
    for (let i = 0; i < 2; i++) { await h.service.onSnapshot(h.snapshot([{ systemId: 'cn-tld', kind: 'nodes-down', nodes: 2 }])); if (i === 0) h.clock.advance(MINUTE); }
    const [inc] = await h.store.listIncidents();
    const due = Date.parse((inc.detail as unknown as ResponseDetail).deadlines.writtenReportDue);
    const events = () => h.sent.filter((n) => n.event === 'report-reminder' || n.event === 'report-overdue-escalation');

    assert.deepEqual((await h.service.tickDeadlines()).fired, [], 'nothing 24 h ahead');
    h.clock.t = due - 4 * HOUR;
    assert.deepEqual((await h.service.tickDeadlines()).fired.map((f) => f.key), ['remind:240']);
    assert.deepEqual((await h.service.tickDeadlines()).fired, [], 'the same reminder does not fire twice');
    const [remind] = events();
    assert.equal(remind.event, 'report-reminder');
    assert.deepEqual(remind.to, [{ org: 'cn-registry', as: 'affected' }]);
    assert.equal(remind.context?.minutesBefore, 240);

    h.clock.t = due - 30 * MINUTE;
    assert.deepEqual((await h.service.tickDeadlines()).fired.map((f) => f.key), ['remind:60']);
    h.clock.t = due; // exactly at the deadline it is not yet overdue
    assert.deepEqual((await h.service.tickDeadlines()).fired, []);
    h.clock.t = due + 1000;
    const svc = await h.restart();
    const overdue = await svc.tickDeadlines();
    assert.deepEqual(overdue.fired.map((f) => f.key), ['overdue']);
    const esc = events().at(-1);
    assert.equal(esc?.event, 'report-overdue-escalation');
    assert.ok(esc?.to.some((t) => t.org === 'office' && t.as === 'commander'));
    h.clock.advance(HOUR);
    assert.deepEqual((await svc.tickDeadlines()).fired, []);
    const restarted = await h.restart();
    assert.deepEqual((await restarted.tickDeadlines()).fired, [], 'sent keys survive restarts');
    assert.equal(events().length, 3);
    const stored = await h.store.getIncident(inc.id);
    assert.deepEqual((stored?.detail as unknown as ResponseDetail).deadlines.sent, ['remind:240', 'remind:60', 'overdue']);
    assert.deepEqual((await h.store.timeline(inc.id)).filter((e) => e.kind.startsWith('deadline-')).map((e) => e.kind),
      ['deadline-reminder', 'deadline-reminder', 'deadline-overdue']);
  } finally { await h.close(); }
});

test('a filed report stops the reminders; a failing notify gives the claim back for the next tick', async () => {
  const h = await harness();
  try {
    for (let i = 0; i < 2; i++) await h.service.onSnapshot(h.snapshot([{ systemId: 'cn-tld', kind: 'nodes-down', nodes: 2 }, { systemId: 'gd-resolver', kind: 'stopped' }]));
    const [a, b] = await h.store.listIncidents();
    await h.service.fileInformationReport(a.id, ACTORS.office, REPORT);
    h.clock.advance(21 * HOUR);

    let fail = true;
    const flaky = new IncidentService({
      store: h.store, ruleset, config: h.config, now: h.clock.now, authorize: () => null,
      notify: async (n) => { if (fail) throw new Error('smtp down'); h.sent.push(n); },
    });
    const first = await flaky.tickDeadlines();
    assert.deepEqual(first.fired, []);
    assert.equal(first.errors.length, 1);
    assert.equal(first.errors[0].incidentId, b.id);
    fail = false;
    const second = await flaky.tickDeadlines();
    assert.deepEqual(second.fired.map((f) => [f.incidentId, f.key]), [[b.id, 'remind:240']]);
  } finally { await h.close(); }
});

test('a command re-reads and retries when another writer changed the incident in between', async () => {
  const h = await harness();
  try {
    for (let i = 0; i < 2; i++) await h.service.onSnapshot(h.snapshot([{ systemId: 'cn-tld', kind: 'nodes-down', nodes: 2 }]));
    const [inc] = await h.store.listIncidents();
    let interfere = 1;
    // Before the service's first write, someone else writes (e.g. the daemon regrading).
    const updateIncident: Store['updateIncident'] = async (id, v, patch) => {
      if (interfere-- > 0) {
        const cur = await h.store.getIncident(id);
        await h.store.updateIncident(id, cur!.version, { updatedAt: h.clock.iso(), detail: { ...cur!.detail, lastFigures: 'by the other writer' } });
      }
      return h.store.updateIncident(id, v, patch);
    };
    const racing = new Proxy(h.store, {
      get(target, prop) {
        if (prop === 'updateIncident') return updateIncident;
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const svc = new IncidentService({ store: racing, ruleset, config: h.config, now: h.clock.now, authorize: () => null, notify: async () => {} });
    const done = await svc.fileInformationReport(inc.id, ACTORS.registry, REPORT);
    const d = done.detail as unknown as ResponseDetail;
    assert.ok(d.informationReport, 'the command landed');
    assert.equal(d.lastFigures, 'by the other writer', "and the other writer's change was kept");
    assert.equal(done.version, inc.version + 2);

    interfere = 100;
    await assert.rejects(svc.changePhase(inc.id, ACTORS.registry, 'emergency-handling'), { code: 'CONFLICT' });
  } finally { await h.close(); }
});
