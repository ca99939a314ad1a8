// Security review (issue 9) items about data: personal-data reads of contact drills and contact
// changes are audited, acknowledgement codes are sealed in the outbox (5); one-line fields refuse line breaks naming the field (11); drills show
// other organisations' faults only to the office (12).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { buildWorld, PASSWORD, type World } from './http-access-fixtures.ts';
import { tokenHash } from '../src/auth/tokens.ts';
import { revealText } from '../src/notify/ack-seal.ts';

let world: World;
const tokens: Record<string, string> = {};
const ackKey = randomBytes(32);
before(async () => { world = await buildWorld({ deps: { ackKey } }); });
after(async () => { await world.close(); });

async function call(who: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) {
  tokens[who] ??= (await world.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: who, password: PASSWORD } })).json().token;
  const res = await world.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${tokens[who]}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: res.statusCode, json: res.body ? res.json() : null };
}
const reads = async (target: string) => (await world.store.auditEntries(1, 100_000)).filter((e) => e.action === 'personal-data.read' && e.target === target);

test('5. reading contact-drill addresses and unredacted contact changes is audited; redacted reads are not', async () => {
  const contacts = [{ name: 'Duty desk', role: 'primary', phone: '+86 10 5555 0100', email: 'duty@registry.example' }, { name: 'Backup', role: 'backup', email: 'b@registry.example' }];
  assert.equal((await call('registry', 'PUT', '/orgs/registry/contacts', { contacts, version: 0 })).status, 200);
  const drill = await call('registry', 'POST', '/contact-drills', { org: 'registry' });
  assert.equal(drill.status, 201, JSON.stringify(drill.json));

  assert.equal((await reads('contact-drills')).length, 0);
  const list = await call('registry', 'GET', '/contact-drills');
  assert.ok(list.json.drills[0].contacts.some((c: { address?: string }) => c.address));
  const listed = await reads('contact-drills');
  assert.equal(listed.length, 1);
  assert.deepEqual((listed[0].detail as { orgs: string[] }).orgs, ['registry']);
  await call('registry', 'GET', `/contact-drills/${drill.json.id}`);
  assert.equal((await reads(`contact-drill:${drill.json.id}`)).length, 1);

  const changes = await call('registry', 'GET', '/contact-changes');
  assert.equal(changes.status, 200);
  assert.equal((await reads('contact-changes')).length, 1);
  // The outbox holds no code in clear: only a sealed placeholder, which the worker's key opens to a code whose SHA-256 is the contact's key.
  const keys = new Set((await world.store.getContactDrill(drill.json.id))!.contacts.map((c) => c.key));
  const queued = (await world.store.notifications({ limit: 1000 })).filter((n) => JSON.stringify(n.payload).includes(drill.json.id));
  assert.ok(queued.length >= 2, `${queued.length} messages`);
  for (const n of queued) {
    const text = JSON.stringify(n.payload);
    for (const word of text.match(/[A-Za-z0-9_-]{43}/g) ?? []) assert.ok(!keys.has(tokenHash(word)), 'a plain acknowledgement code in the outbox');
    const code = /Code: ([A-Za-z0-9_-]{43})/.exec(revealText((n.payload as { text: string }).text, ackKey))?.[1];
    assert.ok(code && keys.has(tokenHash(code)), 'the sealed code opens to the real one');
  }
  const other = await call('big-dns', 'GET', '/contact-drills');
  assert.deepEqual(other.json.drills, [], 'outside the scope: nothing shown, nothing audited');
  assert.equal((await reads('contact-drills')).length, 1);
});

test('11. one-line fields refuse line breaks with the field named', async () => {
  const cases: Array<[string, 'POST' | 'PUT' | 'PATCH', string, unknown, string]> = [
    ['office', 'POST', '/incidents', { systemId: 'cn-tld', grade: 'IV', title: 'ok\r\nBcc: attacker@example', description: 'x' }, 'title'],
    ['office', 'POST', '/incidents', { systemId: 'cn-tld', grade: 'IV', title: { zh: '标题', en: 'line\nSubject: forged' }, description: 'x' }, 'title.en'],
    ['office', 'POST', '/drills', { name: 'drill\nforged line', systemId: 'cn-tld' }, 'name'],
    ['registry', 'PUT', '/orgs/registry/contacts', { version: 1, contacts: [{ name: 'A\nB', role: 'primary', email: 'a@x.example' }] }, 'contacts.0.name'],
    ['office-admin', 'PATCH', `/users/${'$REG'}`, { displayName: 'Zoe\r\nX-Injected: 1' }, 'displayName'],
    ['registry', 'POST', `/users/${'$REG'}/tokens`, { name: 'ci\nforged' }, 'name'],
    ['office', 'POST', `/incidents/${'$INC'}/confirm-grade`, { decision: 'confirmed', reason: 'fine\nReason: forged' }, 'reason'],
  ];
  for (const [who, method, url0, body, field] of cases) {
    const url = url0.replace('$REG', world.userIds.registry).replace('$INC', world.incidents.registry.id);
    const res = await call(who, method, url, body);
    assert.equal(res.status, 400, `${url}: ${JSON.stringify(res.json)}`);
    assert.equal(res.json.error, `field '${field}' must be a single line (no line breaks or control characters)`);
  }
  const fine = await call('office', 'POST', '/incidents', { systemId: 'cn-tld', grade: 'IV', title: 'one line 一行', description: 'many\nlines\nare fine here' });
  assert.equal(fine.status, 201, JSON.stringify(fine.json));
});

test("12. a participant of a drill sees only its own organisation's faults; the office sees them all", async () => {
  const started = await call('office', 'POST', '/drills', { name: 'two orgs', faults: [{ systemId: 'cn-tld', kind: 'stopped' }, { systemId: 'big-auth', kind: 'stopped' }] });
  assert.equal(started.status, 201, JSON.stringify(started.json));
  const id = started.json.drill.id;
  const seen = async (who: string) => {
    const d = (await call(who, 'GET', '/drills')).json.drills.find((x: { id: string }) => x.id === id);
    return d ? { faults: d.report.faults.map((f: { systemId: string }) => f.systemId).sort(), orgs: d.scope.orgs } : null;
  };
  assert.deepEqual(await seen('office'), { faults: ['big-auth', 'cn-tld'], orgs: ['big-dns', 'registry'] });
  assert.deepEqual(await seen('registry'), { faults: ['cn-tld'], orgs: ['registry'] });
  assert.deepEqual(await seen('big-dns'), { faults: ['big-auth'], orgs: ['big-dns'] });
  assert.equal(await seen('sh-site'), null, 'not a participant');
});
