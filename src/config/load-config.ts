// Loads a configuration file: YAML → schema check → meaning checks → defaults. Every problem becomes a
// ConfigError with the line and column of the YAML node it concerns (see README.md in this folder).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { Value } from '@sinclair/typebox/value';
import { Config, type ConfigInput } from './config-schema.ts';
import type { ResolvedConfig, ResolvedSystem } from './config-types.ts';
import {
  formatConfigError, formatPath, locateIssue, schemaIssues, type ConfigError, type ConfigIssue, type ConfigPath,
} from './config-errors.ts';
import { parseDuration } from './duration.ts';
import { DEFAULT_EVIDENCE_WINDOW } from './evidence-config.ts';
import { meaningDespiteSchema } from './meaning-despite-schema.ts';
import { resolveAudit, resolveHttpSecurity } from './security-config.ts';
import { resolveRegistry, type RegistryInput } from './registry-config.ts';
import { resolveServicesConfig } from './services-config.ts';
import { checkConfig, isRulesetPath, splitListen, type CheckContext } from './check-config.ts';
import { fqdn } from '../core/dns-names.ts';

export type { ConfigError } from './config-errors.ts';

export interface LoadOptions {
  /** Whether a file exists (for truth.zonefile and rule-set paths); defaults to fs.existsSync. */
  fileExists?: (absolutePath: string) => boolean;
}

export interface LoadResult { config?: ResolvedConfig; errors: ConfigError[] }

/** Thrown by loadConfig; `errors` holds every problem, `message` their printed lines. */
class ConfigLoadError extends Error {
  readonly errors: ConfigError[];
  constructor(errors: ConfigError[]) {
    super(errors.map(formatConfigError).join('\n'));
    this.name = 'ConfigLoadError';
    this.errors = errors;
  }
}

/** Reads, checks and resolves a configuration file; throws ConfigLoadError when it has problems. */
export async function loadConfig(file: string, options: LoadOptions = {}): Promise<ResolvedConfig> {
  const result = await checkConfigFile(file, options);
  if (!result.config) throw new ConfigLoadError(result.errors);
  return result.config;
}

/** Like loadConfig but returns the problems instead of throwing. An unreadable file is one error at line 0. */
export async function checkConfigFile(file: string, options: LoadOptions = {}): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : (err as Error).message;
    return { errors: [{ file, line: 0, column: 0, path: '', message: `cannot read the configuration: ${why}` }] };
  }
  return loadConfigText(text, file, options);
}

/** Checks configuration text; `file` names it in errors and anchors relative paths (its folder). */
export function loadConfigText(text: string, file: string, options: LoadOptions = {}): LoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((err): ConfigError => ({
      file,
      line: err.linePos?.[0].line ?? 1,
      column: err.linePos?.[0].col ?? 1,
      path: '(yaml)',
      message: err.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').split('\n')[0],
    }));
    return { errors: sortErrors(errors) };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    return { errors: [{ file, line: 1, column: 1, path: '(yaml)', message: (err as Error).message }] };
  }
  const toErrors = (issues: ConfigIssue[]): ConfigError[] =>
    sortErrors(issues.map((issue) => ({ file, ...locateIssue(doc, lines, issue), path: formatPath(issue.path), message: issue.message })));

  const structural = schemaIssues(Value.Errors(Config, data), data);
  const context: CheckContext = {
    baseDir: file === '<inline>' ? process.cwd() : dirname(resolve(file)),
    fileExists: options.fileExists ?? existsSync,
  };
  // Every problem at once: the meaning checks also run on what is structurally sound.
  if (structural.length > 0) return { errors: toErrors([...structural, ...meaningDespiteSchema<ConfigInput>(Config, data, structural, (i) => checkConfig(i, context))]) };

  const input = data as ConfigInput;
  const meaning = checkConfig(input, context);
  if (meaning.length > 0) return { errors: toErrors(meaning) };
  return { config: resolveConfig(input, file === '<inline>' ? file : resolve(file), context), errors: [] };
}

function sortErrors(errors: ConfigError[]): ConfigError[] {
  return errors.map((e, i) => [e, i] as const)
    .sort(([a, i], [b, j]) => a.line - b.line || a.column - b.column || i - j)
    .map(([e]) => e);
}

/** "Example.LAB" → "example.lab."; "." stays ".". */
export function normalizeZone(name: string): string {
  return fqdn(name);
}

/** Fills defaults into an input that passed the schema and checkConfig. */
function resolveConfig(input: ConfigInput, file: string, context: CheckContext): ResolvedConfig {
  const cfg = structuredClone(input);
  const probing = cfg.probing ?? {};
  const rules = cfg.rules ?? {};
  const listen = cfg.http?.listen ?? '127.0.0.1:8053';
  const ruleset = rules.ruleset ?? 'miit-domain-security-2011';
  return {
    file,
    organizations: cfg.organizations,
    systems: cfg.systems.map((system) => resolveSystem(system, context)),
    keyDomains: cfg.keyDomains ?? [],
    probing: {
      intervalMs: parseDuration(probing.interval ?? '10s'),
      timeoutMs: parseDuration(probing.timeout ?? '10s'),
      transports: probing.transports ?? ['udp'],
      inFlight: probing.inFlight ?? 256,
      stoppedBelow: probing.stoppedBelow ?? 0.05,
      ...(probing.delegationEvery !== undefined ? { delegationEvery: probing.delegationEvery } : {}),
      ...(probing.delegationParents ? { delegationParents: probing.delegationParents.map((p) => ({
        zone: p.zone, servers: p.servers.map((s) => ({ address: s.address, port: s.port ?? 53 })) })) } : {}),
    },
    rules: {
      ruleset: isRulesetPath(ruleset) ? resolve(context.baseDir, ruleset) : ruleset,
      latencyStatistic: rules.latencyStatistic ?? 'p50',
      openAfterCycles: rules.openAfterCycles ?? 2,
      resolveAfterCycles: rules.resolveAfterCycles ?? 3,
      evidenceWindowMs: parseDuration(rules.evidenceWindow ?? DEFAULT_EVIDENCE_WINDOW), evidenceConfidence: rules.evidenceConfidence ?? 0.95,
      ...(rules.findingOpenAfterCycles !== undefined ? { findingOpenAfterCycles: rules.findingOpenAfterCycles } : {}),
      ...(rules.findingCloseAfterCycles !== undefined ? { findingCloseAfterCycles: rules.findingCloseAfterCycles } : {}),
    },
    notifications: cfg.notifications ?? {},
    database: { url: cfg.database?.url ?? null, retentionMs: parseDuration(cfg.database?.retention ?? '400d') },
    ...(cfg.threats ? { threats: cfg.threats } : {}),
    ...(cfg.lab ? { lab: { ...(cfg.lab.mailbox !== undefined ? { mailbox: resolve(context.baseDir, cfg.lab.mailbox) } : {}) } } : {}),
    http: { listen, ...splitListen(listen), ...(cfg.http?.token !== undefined ? { token: cfg.http.token } : {}),
      sessionTtlMs: parseDuration(cfg.http?.sessionTtl ?? '12h'), ...resolveHttpSecurity(cfg.http, context.baseDir) },
    audit: resolveAudit(cfg.audit, context.baseDir),
    ...(cfg.registry ? { registry: resolveRegistry(cfg.registry as RegistryInput, context.baseDir) } : {}),
  };
}

function resolveSystem(system: ConfigInput['systems'][number], context: CheckContext): ResolvedSystem {
  const { nodes, zones, truth, ...rest } = system;
  const zoneList = system.kind === 'tld' ? [system.zone!] : [...(system.zone ? [system.zone] : []), ...(zones ?? [])];
  const resolved: ResolvedSystem = {
    ...rest,
    nodes: (nodes ?? []).map((node) => ({ id: node.id, address: node.address, port: node.port ?? 53 })),
    zones: [...new Set(zoneList.map(normalizeZone))],
    sample: system.check?.sample ?? 2000,
    nxdomainCheck: system.check?.nxdomain ?? true,
    serialLagToleranceMs: parseDuration(system.check?.serialLagTolerance ?? '15m'),
    ...(system.check?.dnssec ? { dnssec: true, dnssecExpiryHorizonMs: parseDuration(system.check.dnssecExpiryHorizon ?? '7d') } : {}),
  };
  if (rest.zone !== undefined) resolved.zone = normalizeZone(rest.zone);
  if (truth?.zonefile !== undefined) resolved.truth = { zonefile: resolve(context.baseDir, truth.zonefile) };
  if (truth?.axfr !== undefined) resolved.truth = { axfr: { ...truth.axfr, port: truth.axfr.port ?? 53 } };
  if (system.services) resolved.services = resolveServicesConfig(system.services, context.baseDir);
  return resolved;
}
