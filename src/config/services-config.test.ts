import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigText } from './load-config.ts';

const ORGS = `organizations:\n  - { id: reg, role: registry, licensedBy: national }\n`;
const tld = (services: string) => `${ORGS}systems:
  - id: t
    org: reg
    kind: tld
    zone: t.
    nodes: [{ id: a, address: 127.0.0.1 }]
    services:
${services}`;
const errors = (text: string) => loadConfigText(text, '/nonexistent/cfg.yaml').errors.map((e) => `${e.path}: ${e.message}`);

test('old service blocks (address/port, url) stay valid', () => {
  assert.deepEqual(errors(tld(`      registration: { epp: { address: 127.0.11.1, port: 700 } }
      whois: { address: 127.0.11.1, port: 43 }
      rdap: { url: "http://127.0.11.1:8080/rdap/" }
`)), []);
});

test('the new keys: TLS files resolved from the config folder, login, known names, limits', () => {
  const loaded = loadConfigText(tld(`      registration:
        epp: { address: 127.0.11.1, tls: { insecure: true, serverName: localhost }, clientId: dnswarden, password: probe-pw1, degradedAbove: 3s }
      whois: { address: 127.0.11.1, knownName: nic.t, degradedAbove: 1500ms }
      rdap: { url: "http://127.0.11.1:8080/rdap/", knownName: nic.t }
`), '/nonexistent/cfg.yaml');
  assert.deepEqual(loaded.errors, []);
  assert.equal(loaded.config?.systems[0].services?.registration?.epp.clientId, 'dnswarden');
  assert.equal(loaded.config?.systems[0].services?.whois?.knownName, 'nic.t');
});

test('per-field errors: addresses, pairs, files, names, limits, unknown keys', () => {
  assert.deepEqual(errors(tld(`      registration:
        epp: { address: epp.example, clientId: dnswarden, tls: { cert: ./c.pem, ca: ./ca.pem }, degradedAbove: 2m, user: x }
      whois: { address: 127.0.0.1, knownName: "bad name", degradedAbove: soon }
      rdap: { url: "ftp://x/", knownName: nic.t }
`)).sort(), [
    "systems[0].services.registration.epp.address: 'epp.example' is not an IPv4 or IPv6 address",
    "systems[0].services.registration.epp.degradedAbove: must be between 1ms and 60s (got 2m)",
    "systems[0].services.registration.epp.password: 'clientId' and 'password' go together: the probe logs in with both or not at all",
    "systems[0].services.registration.epp.tls.ca: file not found: /nonexistent/ca.pem",
    "systems[0].services.registration.epp.tls.cert: file not found: /nonexistent/c.pem",
    "systems[0].services.registration.epp.tls.key: a client certificate needs both 'cert' and 'key'",
    "systems[0].services.registration.epp.user: unknown key 'user'",
    "systems[0].services.rdap.url: must be an http:// or https:// URL (got 'ftp://x/')",
    "systems[0].services.whois.degradedAbove: must be a duration such as 2s or 1500ms (got 'soon')",
    "systems[0].services.whois.knownName: must be a domain name (got 'bad name')",
  ].sort());
});
