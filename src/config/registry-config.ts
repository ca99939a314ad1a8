// The `registry` block (../shared/contracts "Acting on names"): the registry's zones, the connector
// that changes names (one schema per connector kind, in src/registry/<kind>/), and the sinkhole.
// Schema pieces, the meaning checks and the resolved form live here; config-schema.ts and
// load-config.ts plug them in.
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { schemaIssues } from './config-errors.ts';
import { DnsUpdateConnectorConfig, type DnsUpdateConnectorInput } from '../registry/dns-update/dns-update-config.ts';
import { EppConnectorConfig, type EppConnectorInput } from '../registry/epp/epp-config.ts';
import { fqdn } from '../core/dns-names.ts';
import type { TsigAlgorithm } from '../registry/dns-update/tsig.ts';
import { parseDuration } from './duration.ts';

const strict = { additionalProperties: false } as const;
const DomainName = Type.String({ minLength: 1, pattern: '^([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.)*([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\\.?)?$|^\\.$' });

export const Registry = Type.Object({
  zones: Type.Array(DomainName, { minItems: 1, description: "the registry's zones, e.g. [lab.]" }),
  // Checked field by field against the schema of its kind in checkRegistry (a union would only say "must be one of").
  connector: Type.Object({ kind: Type.Union([Type.Literal('dns-update'), Type.Literal('epp')]) },
    { additionalProperties: true, description: 'kind dns-update (src/registry/dns-update/dns-update-config.ts) or epp (src/registry/epp/epp-config.ts)' }),
  sinkhole: Type.Optional(Type.Object({
    nameservers: Type.Array(DomainName, { minItems: 1 }),
    addresses: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: "the sinkhole servers' addresses" }),
    listen: Type.Optional(Type.String({ minLength: 1, description: "serve runs the built-in sinkhole server on this address:port ([v6]:port), e.g. 192.0.2.53:53" })),
    log: Type.Optional(Type.Object({
      maxBytes: Type.Optional(Type.Integer({ minimum: 4096, description: 'size of one sinkhole log file before it rotates (default 10 MiB)' })),
      files: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'rotated files kept (default 5)' })),
    }, strict)),
  }, strict)),
}, strict);

export type RegistryInput = { zones: string[]; connector: DnsUpdateConnectorInput | EppConnectorInput;
  sinkhole?: { nameservers: string[]; addresses: string[]; listen?: string; log?: { maxBytes?: number; files?: number } } };

export type ResolvedConnector =
  | { kind: 'dns-update'; primary: { address: string; port: number }; tsig: { name: string; algorithm: TsigAlgorithm; secret: string }; maxMessageBytes: number; timeoutMs: number }
  | { kind: 'epp'; server: { address: string; port: number }; tls: { ca: string; cert: string; key: string; serverName?: string }; clientId: string; password: string; timeoutMs: number };

export interface RegistrySettings {
  zones: string[];
  connector: ResolvedConnector;
  sinkhole: { nameservers: string[]; addresses: string[]; listen?: { address: string; port: number } | null; log: { maxBytes: number; files: number } } | null;
}

export interface RegistryIssue { path: Array<string | number>; message: string; at?: 'value' | 'key' | 'parent' }

/** Meaning checks beyond the schema: addresses are IP addresses, the secret decodes, TLS files exist. */
export function checkRegistry(r: RegistryInput, fileExists: (p: string) => boolean, baseDir: string): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const ip = (v: string, path: Array<string | number>) => { if (isIP(v) === 0) issues.push({ path, message: `'${v}' is not an IP address` }); };
  const schema = r.connector.kind === 'dns-update' ? DnsUpdateConnectorConfig : EppConnectorConfig;
  const structural = schemaIssues(Value.Errors(schema, r.connector), r.connector).map((i) => ({ ...i, path: ['registry', 'connector', ...i.path] }));
  issues.push(...structural);
  if (structural.length > 0) { /* field checks below need a sound connector */ } else if (r.connector.kind === 'dns-update') {
    ip(r.connector.primary.address, ['registry', 'connector', 'primary', 'address']);
    if (Buffer.from(r.connector.tsig.secret, 'base64').length < 16) issues.push({ path: ['registry', 'connector', 'tsig', 'secret'], message: 'the secret must decode to at least 16 octets' });
  } else {
    ip(r.connector.server.address, ['registry', 'connector', 'server', 'address']);
    for (const f of ['ca', 'cert', 'key'] as const) {
      if (!fileExists(resolve(baseDir, r.connector.tls[f]))) issues.push({ path: ['registry', 'connector', 'tls', f], message: `no such file: ${r.connector.tls[f]}` });
    }
  }
  r.sinkhole?.addresses.forEach((a, i) => ip(a, ['registry', 'sinkhole', 'addresses', i]));
  if (r.sinkhole?.listen !== undefined) {
    const l = parseListen(r.sinkhole.listen);
    if (!l) issues.push({ path: ['registry', 'sinkhole', 'listen'], message: `'${r.sinkhole.listen}' is not address:port (e.g. 192.0.2.53:53 or [2001:db8::53]:53)` });
    else if (isIP(l.address) === 0) issues.push({ path: ['registry', 'sinkhole', 'listen'], message: `'${l.address}' is not an IP address` });
    else if (l.port > 65535) issues.push({ path: ['registry', 'sinkhole', 'listen'], message: `port ${l.port} is above 65535` });
  }
  const zones = r.zones.map(fqdn);
  r.sinkhole?.nameservers.forEach((n, i) => {
    if (zones.includes(fqdn(n))) issues.push({ path: ['registry', 'sinkhole', 'nameservers', i], message: 'a sinkhole nameserver cannot be a registry zone itself' });
  });
  return issues;
}

/** 'address:port' or '[v6]:port' → its parts (the port not range-checked), or null. */
export function parseListen(v: string): { address: string; port: number } | null {
  const m = /^\[([^\]]+)\]:(\d{1,5})$/.exec(v) ?? /^([^:\[\]]+):(\d{1,5})$/.exec(v);
  return m ? { address: m[1], port: Number(m[2]) } : null;
}

export function resolveRegistry(r: RegistryInput, baseDir: string): RegistrySettings {
  const c = r.connector;
  const timeoutMs = parseDuration(c.timeout ?? '10s');
  const connector: ResolvedConnector = c.kind === 'dns-update'
    ? { kind: 'dns-update', primary: { address: c.primary.address, port: c.primary.port ?? 53 }, tsig: { ...c.tsig, name: fqdn(c.tsig.name) },
      maxMessageBytes: c.maxMessageBytes ?? 60_000, timeoutMs }
    : { kind: 'epp', server: { address: c.server.address, port: c.server.port ?? 700 }, clientId: c.clientId, password: c.password, timeoutMs,
      tls: { ca: resolve(baseDir, c.tls.ca), cert: resolve(baseDir, c.tls.cert), key: resolve(baseDir, c.tls.key), ...(c.tls.serverName ? { serverName: c.tls.serverName } : {}) } };
  return {
    zones: [...new Set(r.zones.map(fqdn))],
    connector,
    sinkhole: r.sinkhole ? { nameservers: r.sinkhole.nameservers.map(fqdn), addresses: r.sinkhole.addresses,
      listen: r.sinkhole.listen !== undefined ? parseListen(r.sinkhole.listen) : null,
      log: { maxBytes: r.sinkhole.log?.maxBytes ?? 10 * 1024 * 1024, files: r.sinkhole.log?.files ?? 5 } } : null,
  };
}
