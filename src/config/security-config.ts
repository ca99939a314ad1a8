// The security settings of the configuration (security review, issue 9): the HTTP server's TLS,
// proxy trust, metrics token and connection limits (under `http`), and the audit chain's key and
// anchoring (`audit`). Schema pieces, defaults and checks live here; config-schema.ts and
// load-config.ts plug them in.
import { resolve } from 'node:path';
import { Type } from '@sinclair/typebox';
import { DURATION_PATTERN, parseDuration, tryParseDuration } from './duration.ts';

const strict = { additionalProperties: false } as const;
const Dur = Type.String({ pattern: DURATION_PATTERN });

/** Extra fields of `http`. */
export const HttpSecurityFields = {
  tls: Type.Optional(Type.Object({
    cert: Type.String({ minLength: 1, description: 'PEM certificate (chain) file, relative to the config file' }),
    key: Type.String({ minLength: 1, description: 'PEM private key file, relative to the config file' }),
  }, { ...strict, description: 'serve HTTPS with this certificate; session cookies are then Secure' })),
  trustProxy: Type.Optional(Type.Boolean({ description: 'behind a TLS-terminating reverse proxy: trust X-Forwarded-For/-Proto/-Host; cookies are Secure' })),
  metricsToken: Type.Optional(Type.String({ minLength: 16, description: 'GET /metrics then needs Authorization: Bearer <metricsToken>' })),
  limits: Type.Optional(Type.Object({
    maxConnections: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, description: 'open connections at most (default 512)' })),
    requestTimeout: Type.Optional(Dur), // whole request received within (default 30s)
    headersTimeout: Type.Optional(Dur), // request headers received within (default 10s)
    idleTimeout: Type.Optional(Dur), // an idle connection is closed after (default 60s; > the 15 s live-stream ping)
    streamsPerUser: Type.Optional(Type.Integer({ minimum: 1, maximum: 64, description: 'live streams (GET /events) per user at once (default 4)' })),
  }, strict)),
};

export const Audit = Type.Object({
  key: Type.Optional(Type.String({ minLength: 32, description: 'secret of the keyed (HMAC-SHA-256) audit chain; keep it out of the database' })),
  keyFile: Type.Optional(Type.String({ minLength: 1, description: 'file holding the audit key (at least 32 characters), relative to the config file' })),
  anchor: Type.Optional(Type.Object({
    file: Type.Optional(Type.String({ minLength: 1, description: 'where `serve` writes the audit head {seq, hash, at} (relative to the config file)' })),
    webhook: Type.Optional(Type.String({ pattern: '^https?://', description: 'URL the head is POSTed to as JSON' })),
    interval: Type.Optional(Dur),
  }, strict)),
}, strict);

export interface HttpSecurity {
  /** Absolute paths. */
  tls?: { cert: string; key: string };
  trustProxy: boolean;
  metricsToken?: string;
  limits: { maxConnections: number; requestTimeoutMs: number; headersTimeoutMs: number; idleTimeoutMs: number; streamsPerUser: number };
}

export interface AuditSettings {
  key?: string;
  /** Absolute path. */
  keyFile?: string;
  anchor?: { file?: string; webhook?: string; intervalMs: number };
}

type HttpInput = { tls?: { cert: string; key: string }; trustProxy?: boolean; metricsToken?: string;
  limits?: { maxConnections?: number; requestTimeout?: string; headersTimeout?: string; idleTimeout?: string; streamsPerUser?: number } } | undefined;
type AuditInput = { key?: string; keyFile?: string; anchor?: { file?: string; webhook?: string; interval?: string } } | undefined;

export function resolveHttpSecurity(http: HttpInput, baseDir: string): HttpSecurity {
  const l = http?.limits ?? {};
  return {
    ...(http?.tls ? { tls: { cert: resolve(baseDir, http.tls.cert), key: resolve(baseDir, http.tls.key) } } : {}),
    trustProxy: http?.trustProxy ?? false,
    ...(http?.metricsToken !== undefined ? { metricsToken: http.metricsToken } : {}),
    limits: {
      maxConnections: l.maxConnections ?? 512,
      requestTimeoutMs: parseDuration(l.requestTimeout ?? '30s'),
      headersTimeoutMs: parseDuration(l.headersTimeout ?? '10s'),
      idleTimeoutMs: parseDuration(l.idleTimeout ?? '60s'),
      streamsPerUser: l.streamsPerUser ?? 4,
    },
  };
}

export function resolveAudit(audit: AuditInput, baseDir: string): AuditSettings {
  const a = audit ?? {};
  return {
    ...(a.key !== undefined ? { key: a.key } : {}),
    ...(a.keyFile !== undefined ? { keyFile: resolve(baseDir, a.keyFile) } : {}),
    ...(a.anchor ? { anchor: {
      ...(a.anchor.file !== undefined ? { file: resolve(baseDir, a.anchor.file) } : {}),
      ...(a.anchor.webhook !== undefined ? { webhook: a.anchor.webhook } : {}),
      intervalMs: parseDuration(a.anchor.interval ?? '1h'),
    } } : {}),
  };
}

type Add = (path: Array<string | number>, message: string) => void;

/** What the schema cannot say: files that must exist, one key source, sane durations. */
export function checkSecurity(http: HttpInput, audit: AuditInput, baseDir: string, fileExists: (p: string) => boolean, add: Add): void {
  for (const part of ['cert', 'key'] as const) {
    const f = http?.tls?.[part];
    if (f !== undefined && !fileExists(resolve(baseDir, f))) add(['http', 'tls', part], `file not found: ${resolve(baseDir, f)}`);
  }
  const limits = http?.limits ?? {};
  for (const name of ['requestTimeout', 'headersTimeout', 'idleTimeout'] as const) {
    const text = limits[name];
    if (text === undefined) continue;
    const ms = tryParseDuration(text);
    if (ms === undefined || ms < 1000 || ms > 3_600_000) add(['http', 'limits', name], `must be a duration between 1s and 1h (got ${text})`);
  }
  const idle = tryParseDuration(limits.idleTimeout ?? '60s');
  if (idle !== undefined && idle <= 15_000) add(['http', 'limits', 'idleTimeout'], 'must be longer than 15s (the live stream pings every 15 s)');
  if (audit?.key !== undefined && audit.keyFile !== undefined) add(['audit', 'keyFile'], "give either 'key' or 'keyFile', not both");
  if (audit?.keyFile !== undefined && !fileExists(resolve(baseDir, audit.keyFile))) add(['audit', 'keyFile'], `file not found: ${resolve(baseDir, audit.keyFile)}`);
  const interval = audit?.anchor?.interval;
  if (interval !== undefined) {
    const ms = tryParseDuration(interval);
    if (ms === undefined || ms < 60_000) add(['audit', 'anchor', 'interval'], `must be a duration of at least 1m (got ${interval})`);
  }
  if (audit?.anchor && audit.anchor.file === undefined && audit.anchor.webhook === undefined) add(['audit', 'anchor'], "needs 'file' or 'webhook'");
}
