import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigText } from './load-config.ts';
import { formatConfigError } from './config-errors.ts';

const BASE = `organizations:
  - { id: office, role: emergency-office }
  - { id: reg, role: registry, licensedBy: national }
systems:
  - { id: t, org: reg, kind: tld, zone: t., nodes: [{ id: a, address: 127.0.0.1 }] }
`;
const load = (extra: string, files: string[] = []) =>
  loadConfigText(BASE + extra, '/etc/dw/c.yaml', { fileExists: (p) => files.includes(p) });

test('defaults: no TLS, no proxy trust, open metrics, the documented limits, no audit key', () => {
  const { config } = load('');
  assert.ok(config);
  assert.deepEqual([config.http.tls, config.http.trustProxy, config.http.metricsToken], [undefined, false, undefined]);
  assert.deepEqual(config.http.limits, { maxConnections: 512, requestTimeoutMs: 30_000, headersTimeoutMs: 10_000, idleTimeoutMs: 60_000, streamsPerUser: 4 });
  assert.deepEqual(config.audit, {});
});

test('http.tls, trustProxy, metricsToken, limits and audit resolve (paths from the config folder)', () => {
  const { config, errors } = load(`http:
  tls: { cert: tls/cert.pem, key: /abs/key.pem }
  trustProxy: true
  metricsToken: metrics-0123456789abcdef
  limits: { maxConnections: 100, requestTimeout: 20s, headersTimeout: 5s, idleTimeout: 2m, streamsPerUser: 2 }
audit: { keyFile: audit.key, anchor: { file: anchor.json, interval: 30m } }
`, ['/etc/dw/tls/cert.pem', '/abs/key.pem', '/etc/dw/audit.key']);
  assert.deepEqual(errors, []);
  assert.deepEqual(config?.http.tls, { cert: '/etc/dw/tls/cert.pem', key: '/abs/key.pem' });
  assert.equal(config?.http.limits?.idleTimeoutMs, 120_000);
  assert.deepEqual(config?.audit, { keyFile: '/etc/dw/audit.key', anchor: { file: '/etc/dw/anchor.json', intervalMs: 1_800_000 } });
});

test('mistakes are reported with their place', () => {
  const { errors } = load(`http:
  tls: { cert: missing.pem, key: missing.key }
  metricsToken: short
  limits: { idleTimeout: 10s }
audit: { key: 'k', keyFile: x.key, anchor: { interval: 10s } }
`);
  const text = errors.map((e) => formatConfigError(e)).join('\n');
  for (const want of [/http\.metricsToken/, /audit\.key/]) assert.match(text, want, text);
  const second = load(`http:
  tls: { cert: missing.pem, key: missing.key }
  limits: { idleTimeout: 10s }
audit: { key: '${'k'.repeat(40)}', keyFile: x.key, anchor: { interval: 10s } }
`).errors.map((e) => formatConfigError(e)).join('\n');
  for (const want of [/http\.tls\.cert: file not found/, /http\.tls\.key: file not found/, /idleTimeout: must be longer than 15s/,
    /audit\.keyFile: give either 'key' or 'keyFile'/, /audit\.anchor\.interval/, /audit\.anchor: needs 'file' or 'webhook'/]) assert.match(second, want, second);
});
