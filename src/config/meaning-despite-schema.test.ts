// Every problem at once: references and other meaning checks are reported even when the file also
// has structural problems, and a place the schema already reported is not reported twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatConfigError } from './config-errors.ts';
import { loadConfigText } from './load-config.ts';
import { cleanForMeaning, meaningBeyondSchema } from './meaning-despite-schema.ts';
import { Config } from './config-schema.ts';

const lines = (text: string): string[] => loadConfigText(text, 'c.yaml', { fileExists: () => true }).errors.map(formatConfigError);

test('an unknown organisation is reported next to a misspelt key and a bad value', () => {
  assert.deepEqual(lines(`organizations:
  - id: registry
    role: registry
systems:
  - id: lab-tld
    org: nobody
    kind: tld
    zone: lab.
    nodes:
      - { id: a, address: 127.0.10.1, prot: 53 }
      - { id: a, address: not-an-ip }
probing:
  interval: soon
`), [
    "c.yaml:6:10: systems[0].org: no organization has the id 'nobody'",
    "c.yaml:10:39: systems[0].nodes[0].prot: unknown key 'prot'",
    "c.yaml:11:15: systems[0].nodes[1].id: duplicate node id 'a' (first used at systems[0].nodes[0])",
    "c.yaml:11:27: systems[0].nodes[1].address: 'not-an-ip' is not an IPv4 or IPv6 address",
    "c.yaml:13:13: probing.interval: must be a duration such as 500ms, 10s, 5m, 4h or 1d (got 'soon')",
  ]);
});

test('what the schema reported is not reported again by the meaning checks', () => {
  const got = lines(`organizations:
  - id: big
    role: dns-provider
    grade: 3
  - id: Bad_Id
    role: registry
systems:
  - id: s
    org: Bad_Id
    kind: authoritative
    zones: [example.lab.]
    nodes:
      - { id: a }
keyDomains:
  - { name: www.example.lab, via: [nowhere] }
`);
  assert.deepEqual(got, [
    'c.yaml:4:12: organizations[0].grade: must be 1 or 2 (got 3)',
    "c.yaml:5:9: organizations[1].id: must be a lower-case id of up to 63 letters, digits, '.', '_' or '-' (got 'Bad_Id')",
    "c.yaml:9:10: systems[0].org: must be a lower-case id of up to 63 letters, digits, '.', '_' or '-' (got 'Bad_Id')",
    "c.yaml:13:9: systems[0].nodes[0].address: required key 'address' is missing",
    "c.yaml:15:36: keyDomains[0].via[0]: no system has the id 'nowhere'",
  ]);
});

test('a file with only meaning problems and a valid file behave as before', () => {
  assert.deepEqual(lines('organizations: []\nsystems:\n  - { id: s, org: x, kind: tld, zone: lab., nodes: [] }\n'),
    ["c.yaml:3:19: systems[0].org: no organization has the id 'x'"]);
  const ok = loadConfigText('organizations: []\nsystems: []\n', 'c.yaml');
  assert.ok(ok.config);
  assert.deepEqual(ok.errors, []);
});

test('cleaning keeps list positions, drops bad scalars and unknown keys, fills required lists', () => {
  const cleaned = cleanForMeaning(Config, {
    organizations: [{ id: 'a', role: 'registry', extra: 1 }, 'junk'],
    systems: [{ id: 's', org: 'a', kind: 'tld', zone: 'lab.', keyDomains: ['ok', 5] }],
    probing: { interval: 'soon', timeout: '10s' },
  }) as Record<string, any>;
  assert.deepEqual(cleaned.organizations, [{ id: 'a', role: 'registry' }, {}]);
  assert.deepEqual({ ...cleaned.systems[0], nodes: undefined }, { id: 's', org: 'a', kind: 'tld', zone: 'lab.', nodes: undefined });
  assert.deepEqual(cleanForMeaning(Config, { systems: 'none' }), { organizations: [], systems: [] }, 'required lists become empty');
  assert.deepEqual(cleaned.probing, { timeout: '10s' });
  assert.deepEqual(meaningBeyondSchema(
    [{ path: ['systems', 0, 'org'], message: 'x' }, { path: ['systems', 0, 'truth'], message: 'y' }, { path: ['probing'], message: 'z' }],
    [{ path: ['systems', 0, 'truth', 'zonefile'], message: 's' }]).map((i) => i.message), ['x', 'z']);
});
