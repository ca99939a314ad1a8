// The `services` block of a system: the registration service (EPP over TLS, RFC 5734), WHOIS (port 43)
// and RDAP (RFC 9083), what the service probe measures (src/probe/service). Old configurations (EPP and
// WHOIS as address/port only, RDAP as url only) stay valid: EPP is then checked by greeting over TLS
// with the system's trust store and no login; WHOIS and RDAP without `knownName` keep the weak check
// (any answer; RDAP 200/404 JSON) — set `knownName` to a registered name for the real one.
import { Type } from '@sinclair/typebox';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import type { ConfigIssue, ConfigPath } from './config-errors.ts';
import { formatDuration, tryParseDuration } from './duration.ts';

const strict = { additionalProperties: false } as const;
const Address = Type.String({ minLength: 1, description: 'IPv4 or IPv6 address' });
const Port = Type.Integer({ minimum: 1, maximum: 65535 });
const DegradedAbove = Type.String({ description: 'round-trip time above which the service is degraded, e.g. 4s (EPP default), 2s (WHOIS/RDAP default); 1ms–60s' });
const KnownName = Type.String({ minLength: 1, description: 'a registered domain name the service must answer for (e.g. nic.lab)' });

const EppTls = Type.Object({
  ca: Type.Optional(Type.String({ minLength: 1, description: "PEM file of the CA that signs the EPP server's certificate (default: the system trust store)" })),
  cert: Type.Optional(Type.String({ minLength: 1, description: 'PEM client certificate file (with key)' })),
  key: Type.Optional(Type.String({ minLength: 1, description: 'PEM client key file (with cert)' })),
  insecure: Type.Optional(Type.Boolean({ description: "accept any server certificate (labs only; default false)" })),
  serverName: Type.Optional(Type.String({ minLength: 1, description: "the name checked against the server's certificate (default: the address)" })),
}, strict);

export const Services = Type.Object({
  registration: Type.Optional(Type.Object({
    epp: Type.Object({
      address: Address,
      port: Type.Optional(Port),
      tls: Type.Optional(EppTls),
      clientId: Type.Optional(Type.String({ minLength: 3, maxLength: 16, description: 'EPP <login> client id (with password): the probe logs in and out' })),
      password: Type.Optional(Type.String({ minLength: 6, maxLength: 16, description: 'EPP <login> password (with clientId)' })),
      degradedAbove: Type.Optional(DegradedAbove),
    }, strict),
  }, strict)),
  whois: Type.Optional(Type.Object({ address: Address, port: Type.Optional(Port), knownName: Type.Optional(KnownName), degradedAbove: Type.Optional(DegradedAbove) }, strict)),
  rdap: Type.Optional(Type.Object({ url: Type.String({ pattern: '^https?://' }), knownName: Type.Optional(KnownName), degradedAbove: Type.Optional(DegradedAbove) }, strict)),
}, strict);

/** ICANN registry agreement SLA limits (Specification 10): EPP session/transform commands 4,000 ms, RDDS 2,000 ms. */
export const DEFAULT_DEGRADED_ABOVE_MS = { registration: 4000, whois: 2000, rdap: 2000 } as const;

type ServicesInput = typeof Services.static;
type Add = (path: ConfigPath, message: string, at?: ConfigIssue['at']) => void;

const NAME = /^(?=.{1,253}\.?$)([A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*\.?$/;

/** Meaning checks: IP addresses, credential and certificate pairs, files that exist, names, limits. */
export function checkServicesConfig(s: ServicesInput | undefined, at: ConfigPath, baseDir: string, fileExists: (p: string) => boolean, add: Add): void {
  if (!s) return;
  const ip = (value: string, path: ConfigPath) => { if (isIP(value) === 0) add(path, `'${value}' is not an IPv4 or IPv6 address`); };
  const limit = (value: string | undefined, path: ConfigPath) => {
    if (value === undefined) return;
    const ms = tryParseDuration(value);
    if (ms === undefined) add(path, `must be a duration such as 2s or 1500ms (got '${value}')`);
    else if (ms < 1 || ms > 60_000) add(path, `must be between 1ms and 60s (got ${formatDuration(ms)})`);
  };
  const name = (value: string | undefined, path: ConfigPath) => { if (value !== undefined && !NAME.test(value)) add(path, `must be a domain name (got '${value}')`); };
  const epp = s.registration?.epp;
  if (epp) {
    const p: ConfigPath = [...at, 'registration', 'epp'];
    ip(epp.address, [...p, 'address']);
    if ((epp.clientId === undefined) !== (epp.password === undefined)) {
      add([...p, epp.clientId === undefined ? 'clientId' : 'password'], "'clientId' and 'password' go together: the probe logs in with both or not at all", 'parent');
    }
    const t = epp.tls;
    if (t && (t.cert === undefined) !== (t.key === undefined)) add([...p, 'tls', t.cert === undefined ? 'cert' : 'key'], "a client certificate needs both 'cert' and 'key'", 'parent');
    for (const f of ['ca', 'cert', 'key'] as const) {
      const file = t?.[f];
      if (file !== undefined && !fileExists(resolve(baseDir, file))) add([...p, 'tls', f], `file not found: ${resolve(baseDir, file)}`);
    }
    limit(epp.degradedAbove, [...p, 'degradedAbove']);
  }
  if (s.whois) {
    ip(s.whois.address, [...at, 'whois', 'address']);
    name(s.whois.knownName, [...at, 'whois', 'knownName']);
    limit(s.whois.degradedAbove, [...at, 'whois', 'degradedAbove']);
  }
  if (s.rdap) {
    name(s.rdap.knownName, [...at, 'rdap', 'knownName']);
    limit(s.rdap.degradedAbove, [...at, 'rdap', 'degradedAbove']);
  }
}

/** The block with the EPP TLS files as absolute paths (relative ones are taken from the config's folder). */
export function resolveServicesConfig(s: ServicesInput, baseDir: string): ServicesInput {
  const epp = s.registration?.epp;
  if (!epp?.tls) return s;
  const tls = { ...epp.tls };
  for (const f of ['ca', 'cert', 'key'] as const) if (tls[f] !== undefined) tls[f] = resolve(baseDir, tls[f]!);
  return { ...s, registration: { epp: { ...epp, tls } } };
}
