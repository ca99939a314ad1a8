import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigText } from './load-config.ts';
import { formatConfigError } from './config-errors.ts';

const BASE = `organizations:
  - { id: reg, role: registry }
systems:
  - { id: t, org: reg, kind: tld, zone: lab., nodes: [{ id: a, address: 127.0.0.1 }] }
`;
const SECRET = Buffer.alloc(32, 1).toString('base64');
const load = (extra: string, files: string[] = []) => loadConfigText(BASE + extra, '/etc/dw/c.yaml', { fileExists: (p) => files.includes(p) });
const lines = (extra: string, files: string[] = []) => load(extra, files).errors.map(formatConfigError);

test('registry with a dns-update connector resolves: zones absolute, port 53, key name absolute, sinkhole log defaults', () => {
  const { config, errors } = load(`registry:
  zones: [LAB]
  connector:
    kind: dns-update
    primary: { address: 127.0.10.9 }
    tsig: { name: dnswarden-key, algorithm: hmac-sha256, secret: "${SECRET}" }
  sinkhole: { nameservers: [ns1.sinkhole.lab.], addresses: [127.0.10.66] }
`);
  assert.deepEqual(errors, []);
  assert.deepEqual(config!.registry, {
    zones: ['lab.'],
    connector: { kind: 'dns-update', primary: { address: '127.0.10.9', port: 53 }, tsig: { name: 'dnswarden-key.', algorithm: 'hmac-sha256', secret: SECRET },
      maxMessageBytes: 60_000, timeoutMs: 10_000 },
    sinkhole: { nameservers: ['ns1.sinkhole.lab.'], addresses: ['127.0.10.66'], listen: null, log: { maxBytes: 10 * 1024 * 1024, files: 5 } },
  });
  assert.equal(load('').config!.registry, undefined);
});

test('an epp connector resolves its TLS files from the config folder and port 700', () => {
  const { config, errors } = load(`registry:
  zones: [lab.]
  connector: { kind: epp, server: { address: 127.0.0.5 }, tls: { ca: ca.pem, cert: c.pem, key: k.pem }, clientId: dnswarden, password: secret-pw }
`, ['/etc/dw/ca.pem', '/etc/dw/c.pem', '/etc/dw/k.pem']);
  assert.deepEqual(errors, []);
  assert.deepEqual(config!.registry!.connector, { kind: 'epp', server: { address: '127.0.0.5', port: 700 }, clientId: 'dnswarden', password: 'secret-pw',
    timeoutMs: 10_000, tls: { ca: '/etc/dw/ca.pem', cert: '/etc/dw/c.pem', key: '/etc/dw/k.pem' } });
  assert.equal(config!.registry!.sinkhole, null);
});

test('every wrong field is its own error with its place', () => {
  const errs = lines(`registry:
  zones: []
  connector:
    kind: dns-update
    primary: { address: primary.lab }
    tsig: { name: k, algorithm: hmac-sha3, secret: "${SECRET}" }
  sinkhole: { nameservers: [lab.], addresses: [nowhere] }
`);
  assert.ok(errs.some((e) => /registry\.zones: .*(at least|fewer than) 1/.test(e)), errs.join('\n'));
  assert.ok(errs.some((e) => /registry\.connector.*tsig\.algorithm|registry\.connector/.test(e)), errs.join('\n'));
  const meaning = lines(`registry:
  zones: [lab.]
  connector:
    kind: dns-update
    primary: { address: primary.lab }
    tsig: { name: k, algorithm: hmac-sha256, secret: "${SECRET}" }
  sinkhole: { nameservers: [lab.], addresses: [nowhere] }
`);
  assert.deepEqual(meaning, [
    "/etc/dw/c.yaml:9:25: registry.connector.primary.address: 'primary.lab' is not an IP address",
    '/etc/dw/c.yaml:11:29: registry.sinkhole.nameservers[0]: a sinkhole nameserver cannot be a registry zone itself',
    "/etc/dw/c.yaml:11:48: registry.sinkhole.addresses[0]: 'nowhere' is not an IP address",
  ]);
  const epp = lines(`registry:
  zones: [lab.]
  connector: { kind: epp, server: { address: 127.0.0.5 }, tls: { ca: ca.pem, cert: c.pem, key: k.pem }, clientId: dnswarden, password: pw }
`, ['/etc/dw/ca.pem']);
  assert.ok(epp.some((e) => /registry\.connector/.test(e)), epp.join('\n'));
});
