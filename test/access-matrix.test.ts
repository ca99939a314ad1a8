// The access matrix over a real socket: every principal × every resource × read/write against the
// real app, store and incident service. The expected statuses are written out below, derived from
// SPEC §1 (who sees what) and §4 (who commands), not from the implementation:
//  - the office and the CERT see everything; a provincial authority sees itself, what its province
//    licensed and the resolvers serving its province; every other organisation sees only itself;
//  - outside the scope → 404, inside but not allowed → 403;
//  - the office (actors) and the commanding provincial authority issue directives; the CERT commands nothing;
//  - the affected organisation (actors, not viewers) executes measures and edits its own contacts;
//  - warnings: the office anywhere, a provincial authority only for its own province;
//  - audit: actors of the office/CERT read all of it (and verify the chain), other actors their scope;
//  - users: admins, the office's admins for everyone; drills: the office anyone, a province what it sees, an organisation itself.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { buildWorld, loginAll, MACHINE_TOKEN, WHO, type IncidentOrg, type Who, type World } from './http-access-fixtures.ts';

let world: World;
let base: string;
let tokens: Record<Who, string>;

before(async () => {
  world = await buildWorld();
  tokens = await loginAll(world.app);
  await world.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(world.app.server.address() as AddressInfo).port}/api/v1`;
});
after(async () => { await world.close(); });

let seq = 0;
async function call(who: Who, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  world.clock.advance(1000);
  const res = await fetch(`${base}${path}`, {
    method, signal: AbortSignal.timeout(10_000),
    headers: { authorization: `Bearer ${tokens[who]}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

// Column order of every row below.
assert.deepEqual(WHO, ['office', 'office-viewer', 'office-admin', 'bj', 'sh', 'cert', 'registry', 'registry-admin', 'registry-viewer', 'big-dns', 'bj-dns', 'bj-telecom', 'sh-site']);

type Row = [number, number, number, number, number, number, number, number, number, number, number, number, number];
//                                     office offV  offA  bj    sh    cert  reg   regA  regV  big   bjdns tel   site
const INCIDENT_READ: Record<IncidentOrg, Row> = {
  registry: /*  II, office commands */ [200, 200, 200, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404],
  'big-dns': /* III, office        */ [200, 200, 200, 404, 404, 200, 404, 404, 404, 200, 404, 404, 404],
  'bj-dns': /*   IV, itself; BJ lic */ [200, 200, 200, 200, 404, 200, 404, 404, 404, 404, 200, 404, 404],
  'bj-telecom': /* III, BJ         */ [200, 200, 200, 200, 404, 200, 404, 404, 404, 404, 404, 200, 404],
  'sh-site': /*  III, SH           */ [200, 200, 200, 404, 200, 200, 404, 404, 404, 404, 404, 404, 200],
};
const MEASURE_EXECUTE: Record<IncidentOrg, Row> = {
  registry:     [403, 403, 403, 404, 404, 403, 200, 200, 403, 404, 404, 404, 404],
  'big-dns':    [403, 403, 403, 404, 404, 403, 404, 404, 404, 200, 404, 404, 404],
  'bj-dns':     [403, 403, 403, 403, 404, 403, 404, 404, 404, 404, 200, 404, 404],
  'bj-telecom': [403, 403, 403, 403, 404, 403, 404, 404, 404, 404, 404, 200, 404],
  'sh-site':    [403, 403, 403, 404, 403, 403, 404, 404, 404, 404, 404, 404, 200],
};
const DIRECTIVE: Record<IncidentOrg, Row> = {
  registry:     [200, 403, 200, 404, 404, 403, 403, 403, 403, 404, 404, 404, 404],
  'big-dns':    [200, 403, 200, 404, 404, 403, 404, 404, 404, 403, 404, 404, 404],
  'bj-dns':     [200, 403, 200, 403, 404, 403, 404, 404, 404, 404, 403, 404, 404],
  'bj-telecom': [200, 403, 200, 200, 404, 403, 404, 404, 404, 404, 404, 403, 404],
  'sh-site':    [200, 403, 200, 404, 200, 403, 404, 404, 404, 404, 404, 404, 403],
};
const CONTACTS_READ: Record<string, Row> = {
  office:         [200, 200, 200, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404],
  'bj-authority': [200, 200, 200, 200, 404, 200, 404, 404, 404, 404, 404, 404, 404],
  'sh-authority': [200, 200, 200, 404, 200, 200, 404, 404, 404, 404, 404, 404, 404],
  cert:           [200, 200, 200, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404],
  registry:       [200, 200, 200, 404, 404, 200, 200, 200, 200, 404, 404, 404, 404],
  'big-dns':      [200, 200, 200, 404, 404, 200, 404, 404, 404, 200, 404, 404, 404],
  'bj-dns':       [200, 200, 200, 200, 404, 200, 404, 404, 404, 404, 200, 404, 404],
  'bj-telecom':   [200, 200, 200, 200, 404, 200, 404, 404, 404, 404, 404, 200, 404],
  'sh-site':      [200, 200, 200, 404, 200, 200, 404, 404, 404, 404, 404, 404, 200],
};
const CONTACTS_WRITE: Record<string, Row> = {
  office:         [200, 403, 200, 404, 404, 403, 404, 404, 404, 404, 404, 404, 404],
  'bj-authority': [403, 403, 403, 200, 404, 403, 404, 404, 404, 404, 404, 404, 404],
  'sh-authority': [403, 403, 403, 404, 200, 403, 404, 404, 404, 404, 404, 404, 404],
  cert:           [403, 403, 403, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404],
  registry:       [403, 403, 403, 404, 404, 403, 200, 200, 403, 404, 404, 404, 404],
  'big-dns':      [403, 403, 403, 404, 404, 403, 404, 404, 404, 200, 404, 404, 404],
  'bj-dns':       [403, 403, 403, 403, 404, 403, 404, 404, 404, 404, 200, 404, 404],
  'bj-telecom':   [403, 403, 403, 403, 404, 403, 404, 404, 404, 404, 404, 200, 404],
  'sh-site':      [403, 403, 403, 404, 403, 403, 404, 404, 404, 404, 404, 404, 200],
};
/** Full phone/email (personal data) rather than redacted: the organisation's own actors and the office's actors. */
const CONTACTS_FULL: Record<string, Who[]> = {
  registry: ['office', 'office-admin', 'registry', 'registry-admin'],
  'bj-telecom': ['office', 'office-admin', 'bj-telecom'],
};
const OTHER: Record<string, Row> = {
  'GET /warnings':                 [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'POST /warnings national':       [201, 403, 201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  'POST /warnings BJ':             [201, 403, 201, 201, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  'GET /audit':                    [200, 403, 200, 200, 200, 200, 200, 200, 403, 200, 200, 200, 200],
  'GET /audit/verify':             [200, 403, 200, 404, 404, 200, 404, 404, 404, 404, 404, 404, 404],
  'GET /users':                    [403, 403, 200, 403, 403, 403, 403, 200, 403, 403, 403, 403, 403],
  'POST /users own org':           [403, 403, 201, 403, 403, 403, 403, 201, 403, 403, 403, 403, 403],
  'POST /users org=registry':      [403, 403, 201, 404, 404, 403, 403, 201, 403, 404, 404, 404, 404],
  'GET /drills':                   [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'POST /drills cn-tld':           [201, 403, 201, 404, 404, 403, 201, 201, 403, 404, 404, 404, 404],
  'POST /drills bj-resolver':      [201, 403, 201, 201, 404, 403, 404, 404, 404, 404, 404, 201, 404],
};

function runRow(name: string, row: Row, request: (who: Who, i: number) => Promise<{ status: number; json: any }>,
  check?: (who: Who, res: { status: number; json: any }) => void) {
  return async () => {
    const wrong: string[] = [];
    for (const [i, who] of WHO.entries()) {
      const res = await request(who, i);
      if (res.status !== row[i]) wrong.push(`${who}: ${res.status} (expected ${row[i]}) ${JSON.stringify(res.json).slice(0, 160)}`);
      else check?.(who, res);
      if (res.status === 404) assert.doesNotMatch(JSON.stringify(res.json), /detail|timeline|contacts|phone/, `${name}: a 404 carries no data`);
    }
    assert.deepEqual(wrong, [], name);
  };
}

for (const org of Object.keys(INCIDENT_READ) as IncidentOrg[]) {
  test(`incident of ${org}: read`, runRow(`read ${org}`, INCIDENT_READ[org], (who) => call(who, 'GET', `/incidents/${world.incidents[org].id}`),
    (_who, res) => { if (res.status === 200) assert.equal(res.json.incident.org, org); }));
  test(`incident of ${org}: execute a measure`, runRow(`measure ${org}`, MEASURE_EXECUTE[org],
    (who) => call(who, 'POST', `/incidents/${world.incidents[org].id}/measures`, { measureId: 'rate-limit-responses', execute: true })));
  test(`incident of ${org}: record a directive`, runRow(`directive ${org}`, DIRECTIVE[org],
    (who) => call(who, 'POST', `/incidents/${world.incidents[org].id}/directives`, { measureId: 'filter-abnormal-queries', text: `directive by ${who}` })));
}

test('incident list: exactly the incidents each principal may read', async () => {
  for (const [i, who] of WHO.entries()) {
    const res = await call(who, 'GET', '/incidents?limit=100');
    assert.equal(res.status, 200);
    const expected = (Object.keys(INCIDENT_READ) as IncidentOrg[]).filter((org) => INCIDENT_READ[org][i] === 200).map((org) => world.incidents[org].id).sort();
    assert.deepEqual(res.json.incidents.map((x: { id: string }) => x.id).sort(), expected, who);
  }
});

for (const org of Object.keys(CONTACTS_READ)) {
  const contacts = [
    { name: `${org} duty desk`, role: 'primary', phone: '+86 10 5555 0101', email: `duty@${org}.example` },
    { name: `${org} backup`, role: 'backup', email: `backup@${org}.example` },
  ];
  test(`contacts of ${org}: write`, runRow(`write contacts ${org}`, CONTACTS_WRITE[org], async (who) => {
    const { version } = await world.store.getContacts(org);
    return call(who, 'PUT', `/orgs/${org}/contacts`, { contacts }, { 'if-match': `"${version}"` });
  }, (_who, res) => { if (res.status === 200) assert.match(res.json.reminder, /within 3 days/); }));
  test(`contacts of ${org}: read (and redaction)`, runRow(`read contacts ${org}`, CONTACTS_READ[org], (who) => call(who, 'GET', `/orgs/${org}/contacts`),
    (who, res) => {
      const full = CONTACTS_FULL[org];
      if (!full || res.status !== 200) return;
      assert.equal(res.json.redacted, !full.includes(who), `${who} on ${org}`);
      assert.equal(res.json.contacts[0].phone, full.includes(who) ? '+86 10 5555 0101' : '[redacted]', `${who} on ${org}`);
    }));
}

const OTHER_REQUESTS: Record<string, (who: Who, i: number) => Promise<{ status: number; json: any }>> = {
  'GET /warnings': (who) => call(who, 'GET', '/warnings'),
  'POST /warnings national': (who) => call(who, 'POST', '/warnings', { level: 'yellow', scope: { national: true }, text: `national by ${who}` }),
  'POST /warnings BJ': (who) => call(who, 'POST', '/warnings', { level: 'blue', scope: { national: false, provinces: ['BJ'] }, text: `BJ by ${who}` }),
  'GET /audit': (who) => call(who, 'GET', '/audit?limit=50'),
  'GET /audit/verify': (who) => call(who, 'GET', '/audit/verify'),
  'GET /users': (who) => call(who, 'GET', '/users'),
  'POST /users own org': (who) => call(who, 'POST', '/users', { username: `new-${who}-${++seq}`, roles: ['viewer'] }),
  'POST /users org=registry': (who) => call(who, 'POST', '/users', { username: `reg-${who}-${++seq}`, org: 'registry', roles: ['viewer'] }),
  'GET /drills': (who) => call(who, 'GET', '/drills'),
  'POST /drills cn-tld': (who) => call(who, 'POST', '/drills', { name: `tld drill by ${who}`, systemId: 'cn-tld' }),
  'POST /drills bj-resolver': (who) => call(who, 'POST', '/drills', { name: `resolver drill by ${who}`, faults: [{ systemId: 'bj-resolver', kind: 'stopped', minutes: 90 }] }),
};

for (const [name, row] of Object.entries(OTHER)) test(name, runRow(name, row, OTHER_REQUESTS[name]));

test('audit: scoped readers get only entries of organisations they see; the chain verifies', async () => {
  const reg = await call('registry', 'GET', '/audit?limit=1000');
  assert.equal(reg.status, 200);
  assert.ok(reg.json.entries.length > 0);
  assert.ok(reg.json.entries.every((e: { org: string }) => e.org === 'registry'), 'registry sees only its own entries');
  const bj = await call('bj', 'GET', '/audit?limit=1000');
  assert.ok(bj.json.entries.every((e: { org: string }) => ['bj-authority', 'bj-dns', 'bj-telecom'].includes(e.org)));
  const all = await call('office', 'GET', '/audit?limit=1000');
  assert.ok(new Set(all.json.entries.map((e: { org: string | null }) => e.org)).size >= 5);
  const verify = await call('cert', 'GET', '/audit/verify');
  assert.equal(verify.json.valid, true);
  assert.ok(verify.json.checked >= all.json.entries.length);
});

test('the machine token reads everything and changes nothing', async () => {
  const get = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${MACHINE_TOKEN}`, 'content-type': 'application/json' }, signal: AbortSignal.timeout(10_000) });
  const list = await (await get('/incidents')).json() as { incidents: unknown[] };
  assert.equal(list.incidents.length, 5);
  assert.equal((await get(`/incidents/${world.incidents['sh-site'].id}`)).status, 200);
  const me = await (await get('/me')).json() as { org: { id: string }; user: { roles: string[] }; via: string };
  assert.deepEqual([me.org.id, me.user.roles, me.via], ['office', ['viewer'], 'machine-token']);
  assert.equal((await get('/warnings', { method: 'POST', body: JSON.stringify({ level: 'red', scope: { national: true }, text: 'x' }) })).status, 403);
  assert.equal((await get(`/incidents/${world.incidents.registry.id}/directives`, { method: 'POST', body: JSON.stringify({ measureId: 'filter-abnormal-queries', text: 'x' }) })).status, 403);
});
