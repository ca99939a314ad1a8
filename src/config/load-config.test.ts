import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitListen } from './check-config.ts';
import { loadConfigText, normalizeZone, type LoadOptions } from './load-config.ts';
import type { ConfigError } from './config-errors.ts';

const FILE = '/cfg/dnswarden.yaml';
const allExist: LoadOptions = { fileExists: () => true };

// A small valid configuration; tests append to it or replace lines. Line numbers are 1-based.
const ORGS = `organizations:
  - id: reg
    role: registry
  - id: telco
    role: telecom
`;
const SYSTEMS = `systems:
  - id: tld
    org: reg
    kind: tld
    zone: Lab
    nodes:
      - { id: a, address: 127.0.10.1 }
      - { id: b, address: "::1", port: 5353 }
`;

function errorsOf(text: string, options: LoadOptions = allExist): ConfigError[] {
  const result = loadConfigText(text, FILE, options);
  if (result.errors.length === 0) assert.ok(result.config, 'no errors but no config either');
  else assert.equal(result.config, undefined);
  return result.errors;
}

/** Asserts exactly one error and returns it as [line, column, path, message]. */
function onlyError(text: string, options?: LoadOptions): [number, number, string, string] {
  const errors = errorsOf(text, options);
  assert.equal(errors.length, 1, `expected one error, got:\n${JSON.stringify(errors, null, 1)}`);
  const [e] = errors;
  assert.equal(e.file, FILE);
  return [e.line, e.column, e.path, e.message];
}

test('a valid configuration resolves with defaults filled in', () => {
  const { config, errors } = loadConfigText(ORGS + SYSTEMS, FILE, allExist);
  assert.deepEqual(errors, []);
  assert.ok(config);
  assert.equal(config.file, FILE);
  assert.deepEqual(config.probing, { intervalMs: 10_000, timeoutMs: 10_000, transports: ['udp'], inFlight: 256, stoppedBelow: 0.05 });
  assert.deepEqual(config.rules, { ruleset: 'miit-domain-security-2011', latencyStatistic: 'p50', openAfterCycles: 2, resolveAfterCycles: 3, evidenceWindowMs: 900_000, evidenceConfidence: 0.95 });
  assert.deepEqual(config.http, { listen: '127.0.0.1:8053', host: '127.0.0.1', port: 8053, sessionTtlMs: 12 * 3600_000,
    limits: { maxConnections: 512, requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, idleTimeoutMs: 60_000, streamsPerUser: 4 }, trustProxy: false });
  assert.deepEqual(config.database, { url: null, retentionMs: 400 * 86_400_000 });
  assert.deepEqual(config.keyDomains, []);
  const [tld] = config.systems;
  assert.deepEqual(tld.zones, ['lab.']);
  assert.equal(tld.zone, 'lab.');
  assert.deepEqual(tld.nodes, [{ id: 'a', address: '127.0.10.1', port: 53 }, { id: 'b', address: '::1', port: 5353 }]);
  assert.equal(tld.sample, 2000);
  assert.equal(tld.nxdomainCheck, true);
});

test('given values win over defaults; relative zone files become absolute', () => {
  const text = ORGS + SYSTEMS + `    truth: { zonefile: zones/lab.zone }
    check: { sample: all, nxdomain: false }
probing: { interval: 1m, timeout: 5500ms, transports: [tcp], inFlight: 8, stoppedBelow: 0.1 }
rules: { ruleset: ./rules/mine.yaml, latencyStatistic: p95, openAfterCycles: 1, resolveAfterCycles: 5 }
database: { url: "postgres://u@127.0.0.1/dw" }
http: { listen: "[::1]:0", token: "0123456789abcdef" }
`;
  const seen: string[] = [];
  const { config, errors } = loadConfigText(text, FILE, { fileExists: (p) => { seen.push(p); return true; } });
  assert.deepEqual(errors, []);
  assert.ok(config);
  assert.deepEqual(seen.sort(), ['/cfg/rules/mine.yaml', '/cfg/zones/lab.zone']);
  assert.deepEqual(config.systems[0].truth, { zonefile: '/cfg/zones/lab.zone' });
  assert.equal(config.systems[0].sample, 'all');
  assert.equal(config.systems[0].nxdomainCheck, false);
  assert.deepEqual(config.probing, { intervalMs: 60_000, timeoutMs: 5500, transports: ['tcp'], inFlight: 8, stoppedBelow: 0.1 });
  assert.equal(config.rules.ruleset, '/cfg/rules/mine.yaml');
  assert.equal(config.rules.latencyStatistic, 'p95');
  assert.deepEqual(config.database, { url: 'postgres://u@127.0.0.1/dw', retentionMs: 400 * 86_400_000 });
  assert.deepEqual(config.http, { listen: '[::1]:0', host: '::1', port: 0, token: '0123456789abcdef', sessionTtlMs: 43_200_000,
    limits: { maxConnections: 512, requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, idleTimeoutMs: 60_000, streamsPerUser: 4 }, trustProxy: false });
});

test('zones are lower-case and absolute; authoritative systems merge zone and zones; axfr port defaults to 53', () => {
  const text = ORGS + SYSTEMS + `  - id: auth
    org: reg
    kind: authoritative
    zone: Example.LAB.
    zones: [example.lab, Other.Lab]
    nodes: []
    truth: { axfr: { address: 127.0.20.9 } }
`;
  const { config, errors } = loadConfigText(text, FILE, allExist);
  assert.deepEqual(errors, []);
  assert.deepEqual(config?.systems[1].zones, ['example.lab.', 'other.lab.']);
  assert.deepEqual(config?.systems[1].truth, { axfr: { address: '127.0.20.9', port: 53 } });
});

test('YAML syntax errors carry their line and column', () => {
  const [line, column, path, message] = onlyError('organizations:\n  - id: reg\n    role: [registry\nsystems: []\n');
  assert.equal(path, '(yaml)');
  assert.equal(line, 4);
  assert.equal(column, 1);
  assert.match(message, /flow sequence|\]/i);
});

test('a repeated key is a YAML error at the second occurrence', () => {
  assert.deepEqual(onlyError(ORGS + SYSTEMS + 'systems: []\n'), [14, 1, '(yaml)', 'Map keys must be unique']);
});

test('an empty document is reported at the root', () => {
  const [line, column, path, message] = onlyError('');
  assert.deepEqual([line, column, path], [1, 1, '(root)']);
  assert.match(message, /^must be a mapping/);
});

test('unknown keys point at the key', () => {
  assert.deepEqual(onlyError(ORGS + SYSTEMS + 'probing:\n  interval: 10s\n  colour: red\n'),
    [16, 3, 'probing.colour', "unknown key 'colour'"]);
  assert.deepEqual(onlyError(ORGS.replace('    role: telecom', '    role: telecom\n    phone: 110') + SYSTEMS),
    [6, 5, 'organizations[1].phone', "unknown key 'phone'"]);
});

test('a missing required key points at the mapping that lacks it', () => {
  assert.deepEqual(onlyError(ORGS + SYSTEMS.replace('    org: reg\n', '')),
    [7, 5, 'systems[0].org', "required key 'org' is missing"]);
  assert.deepEqual(onlyError(ORGS), [1, 1, 'systems', "required key 'systems' is missing"]);
  assert.deepEqual(onlyError(ORGS + SYSTEMS.replace('{ id: a, address: 127.0.10.1 }', '{ id: a }')),
    [12, 9, 'systems[0].nodes[0].address', "required key 'address' is missing"]);
});

test('database.retention: a duration from 1d to 3650d, default 400d', () => {
  assert.equal(loadConfigText(ORGS + SYSTEMS, FILE, allExist).config?.database.retentionMs, 400 * 86_400_000);
  const ok = loadConfigText(ORGS + SYSTEMS + 'database: { retention: 90d }\n', FILE, allExist);
  assert.deepEqual(ok.config?.database, { url: null, retentionMs: 90 * 86_400_000 });
  assert.equal(loadConfigText(ORGS + SYSTEMS + 'database: { retention: 3650d }\n', FILE, allExist).config?.database.retentionMs, 3650 * 86_400_000);
  assert.deepEqual(onlyError(ORGS + SYSTEMS + 'database: { retention: 12h }\n'), [14, 24, 'database.retention', 'must be between 1d and 3650d (got 12h)']);
  assert.deepEqual(onlyError(ORGS + SYSTEMS + 'database:\n  retention: 3651d\n'), [15, 14, 'database.retention', 'must be between 1d and 3650d (got 3651d)']);
  assert.deepEqual(onlyError(ORGS + SYSTEMS + 'database: { retention: forever }\n'), [14, 24, 'database.retention', "'forever' is not a duration such as 400d"]);
});

test('http.sessionTtl: a duration from 10s to 30d', () => {
  const ok = loadConfigText(ORGS + SYSTEMS + 'http: { sessionTtl: 30m }\n', FILE, allExist);
  assert.equal(ok.config?.http.sessionTtlMs, 1_800_000);
  assert.deepEqual(onlyError(ORGS + SYSTEMS + 'http: { sessionTtl: 5s }\n'), [14, 21, 'http.sessionTtl', 'must be between 10s and 30d (got 5s)']);
  assert.deepEqual(onlyError(ORGS + SYSTEMS + 'http: { sessionTtl: forever }\n'), [14, 21, 'http.sessionTtl', "'forever' is not a duration such as 12h"]);
});

test('wrong types and out-of-range values point at the value', () => {
  assert.deepEqual(onlyError(ORGS + SYSTEMS.replace('port: 5353', 'port: 70000')),
    [13, 40, 'systems[0].nodes[1].port', 'must be at most 65535 (got 70000)']);
  assert.deepEqual(onlyError(ORGS + SYSTEMS + 'probing: { inFlight: many }\n'),
    [14, 22, 'probing.inFlight', "must be an integer from 1 to 10000 (got 'many')"]);
  assert.deepEqual(onlyError(ORGS + SYSTEMS.replace('    nodes:\n      - { id: a, address: 127.0.10.1 }\n      - { id: b, address: "::1", port: 5353 }\n', '    nodes: 3\n')),
    [11, 12, 'systems[0].nodes', 'must be a list of mappings (got 3)']);
  const ids = errorsOf(ORGS.replace('id: reg', 'id: Reg') + SYSTEMS.replace('org: reg', 'org: Reg'));
  const idRule = "must be a lower-case id of up to 63 letters, digits, '.', '_' or '-' (got 'Reg')";
  assert.deepEqual(ids.map((e) => [e.line, e.column, e.path, e.message]),
    [[2, 9, 'organizations[0].id', idRule], [8, 10, 'systems[0].org', idRule]]);
});

test('a failed union is one readable message', () => {
  assert.deepEqual(onlyError(ORGS.replace('role: telecom', 'role: phone-company') + SYSTEMS),
    [5, 11, 'organizations[1].role', "must be one of 'emergency-office', 'provincial-authority', 'cert', 'registry', 'dns-provider', 'registrar', 'telecom', 'website' (got 'phone-company')"]);
  assert.deepEqual(onlyError(ORGS.replace('role: registry', 'role: registry\n    licensedBy: bj') + SYSTEMS),
    [4, 17, 'organizations[0].licensedBy', "must be 'national' or a two-letter province code such as BJ (got 'bj')"]);
  assert.deepEqual(onlyError(ORGS + SYSTEMS + '    check: { sample: -1 }\n'),
    [14, 22, 'systems[0].check.sample', 'must be at least 0 (got -1)']);
  assert.deepEqual(onlyError(ORGS + SYSTEMS + 'keyDomains:\n  - { name: www.gov.lab, expect: [1.2.3.4, 5] }\n'),
    [15, 44, 'keyDomains[0].expect[1]', 'must be a string (got 5)']);
});

test('pattern mismatches say what is expected', () => {
  assert.deepEqual(onlyError(ORGS + SYSTEMS + 'probing: { timeout: 10 seconds }\n'),
    [14, 21, 'probing.timeout', "must be a duration such as 500ms, 10s, 5m, 4h or 1d (got '10 seconds')"]);
  assert.deepEqual(onlyError(ORGS + SYSTEMS + 'http: { listen: localhost }\n'),
    [14, 17, 'http.listen', "must be host:port or [ipv6]:port, e.g. 127.0.0.1:8053 (got 'localhost')"]);
});

test('every problem is reported, in file order', () => {
  const errors = errorsOf(ORGS.replace('role: telecom', 'role: x') + SYSTEMS.replace('kind: tld', 'kind: y') + 'extra: 1\n');
  assert.deepEqual(errors.map((e) => `${e.line}:${e.column}:${e.path}`),
    ['5:11:organizations[1].role', '9:11:systems[0].kind', '14:1:extra']);
});

test('duplicate ids are reported at the second one', () => {
  assert.deepEqual(onlyError(ORGS.replace('id: telco', 'id: reg') + SYSTEMS),
    [4, 9, 'organizations[1].id', "duplicate organization id 'reg' (first used at organizations[0])"]);
  assert.deepEqual(onlyError(ORGS + SYSTEMS.replace('{ id: b,', '{ id: a,')),
    [13, 15, 'systems[0].nodes[1].id', "duplicate node id 'a' (first used at systems[0].nodes[0])"]);
  assert.deepEqual(onlyError(ORGS + SYSTEMS + '  - { id: tld, org: reg, kind: recursive, scope: local-network, nodes: [] }\n'),
    [14, 11, 'systems[1].id', "duplicate system id 'tld' (first used at systems[0])"]);
});

test('a system must belong to a known organization', () => {
  assert.deepEqual(onlyError(ORGS + SYSTEMS.replace('org: reg', 'org: nobody')),
    [8, 10, 'systems[0].org', "no organization has the id 'nobody'"]);
});

test('per-kind requirements of systems', () => {
  const add = (line: string) => ORGS + SYSTEMS + line;
  assert.deepEqual(onlyError(ORGS + SYSTEMS.replace('    zone: Lab\n', '')),
    [7, 5, 'systems[0].zone', "a tld system needs 'zone'"]);
  assert.deepEqual(onlyError(add('  - { id: auth, org: reg, kind: authoritative, nodes: [] }\n')),
    [14, 5, 'systems[1].zones', "an authoritative system needs 'zones' (or 'zone')"]);
  assert.deepEqual(onlyError(add('  - { id: site, org: reg, kind: website-dns, zones: [], nodes: [] }\n')),
    [14, 5, 'systems[1].zones', "a website-dns system needs 'zones' (or 'zone')"]);
  assert.deepEqual(onlyError(add('  - { id: r, org: telco, kind: recursive, nodes: [] }\n')),
    [14, 5, 'systems[1].scope', "a recursive system needs 'scope' (multi-province, province or local-network)"]);
  assert.deepEqual(onlyError(add('  - { id: r, org: telco, kind: recursive, scope: province, nodes: [] }\n')),
    [14, 5, 'systems[1].provinces', "scope 'province' needs 'provinces'"]);
  assert.deepEqual(onlyError(add('  - { id: r, org: telco, kind: recursive, scope: multi-province, provinces: [], nodes: [] }\n')),
    [14, 5, 'systems[1].provinces', "scope 'multi-province' needs 'provinces'"]);
  assert.deepEqual(onlyError(add('  - { id: r, org: telco, kind: recursive, scope: province, provinces: [BJ, SH], nodes: [] }\n')),
    [14, 71, 'systems[1].provinces', "scope 'province' takes exactly one province (got 2)"]);
  assert.deepEqual(errorsOf(add('  - { id: r, org: telco, kind: recursive, scope: local-network, nodes: [] }\n')), []);
  assert.deepEqual(onlyError(ORGS + SYSTEMS.replace('    zone: Lab\n', '    zone: Lab\n    zones: [lab]\n')),
    [11, 5, 'systems[0].zones', "a tld system has one 'zone', not 'zones'"]);
});

test('organization roles that need a province or a grade', () => {
  assert.deepEqual(onlyError(ORGS + '  - { id: bj, role: provincial-authority }\n' + SYSTEMS),
    [6, 5, 'organizations[2].province', "a provincial-authority needs 'province'"]);
  assert.deepEqual(onlyError(ORGS + '  - id: dns\n    role: dns-provider\n' + SYSTEMS),
    [6, 5, 'organizations[2].grade', "a dns-provider needs 'grade' (1 or 2)"]);
  assert.deepEqual(onlyError(ORGS + '  - { id: news, role: website, licensedBy: BJ }\n' + SYSTEMS),
    [6, 5, 'organizations[2].grade', "a website needs 'grade' (1 or 2)"]);
});

test('key domains are resolved through recursive systems only', () => {
  const text = ORGS + SYSTEMS + `  - { id: r, org: telco, kind: recursive, scope: local-network, nodes: [] }
keyDomains:
  - name: www.gov.lab
    via: [r, tld, ghost]
`;
  const errors = errorsOf(text);
  assert.deepEqual(errors.map((e) => [e.line, e.column, e.path, e.message]), [
    [17, 14, 'keyDomains[0].via[1]', "'tld' is a tld system; 'via' names recursive systems"],
    [17, 19, 'keyDomains[0].via[2]', "no system has the id 'ghost'"],
  ]);
});

test('the probe timeout must be above 5 s', () => {
  assert.deepEqual(onlyError(ORGS + SYSTEMS + 'probing:\n  timeout: 5s\n'),
    [15, 12, 'probing.timeout', 'must be above 5s so that answers slower than 5 s are measured, not lost (got 5s)']);
  assert.deepEqual(onlyError(ORGS + SYSTEMS + 'probing:\n  interval: 0s\n'),
    [15, 13, 'probing.interval', 'must be longer than 0']);
  assert.deepEqual(errorsOf(ORGS + SYSTEMS + 'probing:\n  timeout: 5001ms\n'), []);
});

test('truth: exactly one source, and the zone file must exist', () => {
  assert.deepEqual(onlyError(ORGS + SYSTEMS + '    truth: {}\n'),
    [14, 12, 'systems[0].truth', "needs exactly one of 'zonefile' or 'axfr'"]);
  assert.deepEqual(onlyError(ORGS + SYSTEMS + '    truth: { zonefile: a.zone, axfr: { address: 127.0.0.1 } }\n'),
    [14, 12, 'systems[0].truth', "needs exactly one of 'zonefile' or 'axfr'"]);
  assert.deepEqual(onlyError(ORGS + SYSTEMS + '    truth: { zonefile: ../zones/lab.zone }\n', { fileExists: () => false }),
    [14, 24, 'systems[0].truth.zonefile', 'zone file not found: /zones/lab.zone']);
});

test('addresses must be IP addresses', () => {
  assert.deepEqual(onlyError(ORGS + SYSTEMS.replace('address: 127.0.10.1', 'address: ns1.lab')),
    [12, 27, 'systems[0].nodes[0].address', "'ns1.lab' is not an IPv4 or IPv6 address"]);
  assert.deepEqual(onlyError(ORGS + SYSTEMS + '    truth: { axfr: { address: 300.1.1.1 } }\n'),
    [14, 31, 'systems[0].truth.axfr.address', "'300.1.1.1' is not an IPv4 or IPv6 address"]);
  assert.deepEqual(onlyError(ORGS + SYSTEMS + '    services: { whois: { address: "127.0.0.1:43" } }\n'),
    [14, 35, 'systems[0].services.whois.address', "'127.0.0.1:43' is not an IPv4 or IPv6 address"]);
});

test('zone names must be domain names', () => {
  assert.deepEqual(onlyError(ORGS + SYSTEMS.replace('zone: Lab', 'zone: "bad name.lab"')),
    [10, 11, 'systems[0].zone', "'bad name.lab' is not a valid domain name"]);
  assert.deepEqual(onlyError(ORGS + SYSTEMS.replace('zone: Lab', 'zone: a..lab')),
    [10, 11, 'systems[0].zone', "'a..lab' is not a valid domain name"]);
  assert.deepEqual(errorsOf(ORGS + SYSTEMS.replace('zone: Lab', 'zone: 中国')), []);
});

test('a rule set given as a path must exist', () => {
  assert.deepEqual(onlyError(ORGS + SYSTEMS + 'rules: { ruleset: my-rules.yaml }\n', { fileExists: () => false }),
    [14, 19, 'rules.ruleset', 'rule set file not found: /cfg/my-rules.yaml']);
});

test('splitListen and normalizeZone', () => {
  assert.deepEqual(splitListen('0.0.0.0:80'), { host: '0.0.0.0', port: 80 });
  assert.deepEqual(splitListen('[2001:db8::1]:8053'), { host: '2001:db8::1', port: 8053 });
  assert.deepEqual(splitListen('localhost:1'), { host: 'localhost', port: 1 });
  assert.throws(() => splitListen('::1:80'), /invalid listen address/);
  assert.equal(normalizeZone('CN'), 'cn.');
  assert.equal(normalizeZone('.'), '.');
  assert.equal(normalizeZone('Example.LAB.'), 'example.lab.');
});
