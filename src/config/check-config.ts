// The meaning checks of a configuration: everything the schema cannot say (references, duplicates,
// per-kind requirements, files, addresses, durations). Pure, on an input that already matches the
// schema; load-config.ts turns the issues into ConfigErrors with their line and column.
import { checkRegistry, type RegistryInput } from './registry-config.ts';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import type { ConfigInput } from './config-schema.ts';
import { formatPath, type ConfigIssue, type ConfigPath } from './config-errors.ts';
import { formatDuration, tryParseDuration } from './duration.ts';
import { evidenceWindowProblem } from './evidence-config.ts';
import { checkSecurity } from './security-config.ts';
import { checkServicesConfig } from './services-config.ts';

export interface CheckContext {
  /** Folder that relative paths in the configuration are taken from. */
  baseDir: string;
  fileExists: (absolutePath: string) => boolean;
}

const MIN_TIMEOUT_MS = 5000;
const DAY_MS = 86_400_000;

/** Everything the schema cannot say: references, duplicates, per-kind requirements, files, addresses. */
export function checkConfig(cfg: ConfigInput, context: CheckContext): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (path: ConfigPath, message: string, at?: ConfigIssue['at']) => issues.push({ path, message, ...(at ? { at } : {}) });
  const needs = (path: ConfigPath, message: string) => add(path, message, 'parent');

  reportDuplicates(cfg.organizations.map((o) => o.id), 'organization id', ['organizations'], add);
  cfg.organizations.forEach((org, i) => {
    const at: ConfigPath = ['organizations', i];
    if (org.role === 'provincial-authority' && org.province === undefined) needs([...at, 'province'], "a provincial-authority needs 'province'");
    if ((org.role === 'dns-provider' || org.role === 'website') && org.grade === undefined) needs([...at, 'grade'], `a ${org.role} needs 'grade' (1 or 2)`);
  });

  const orgIds = new Set(cfg.organizations.map((o) => o.id));
  reportDuplicates(cfg.systems.map((s) => s.id), 'system id', ['systems'], add);
  cfg.systems.forEach((system, i) => {
    const at: ConfigPath = ['systems', i];
    if (!orgIds.has(system.org)) add([...at, 'org'], `no organization has the id '${system.org}'`);
    checkSystemKind(system, at, add, needs);
    reportDuplicates((system.nodes ?? []).map((n) => n.id), 'node id', [...at, 'nodes'], add);
    system.nodes?.forEach((node, j) => checkAddress(node.address, [...at, 'nodes', j, 'address'], add));
    system.keyDomains?.forEach((name, j) => checkDomainName(name, [...at, 'keyDomains', j], add));
    if (system.truth) {
      const { zonefile, axfr } = system.truth;
      if ((zonefile === undefined) === (axfr === undefined)) add([...at, 'truth'], "needs exactly one of 'zonefile' or 'axfr'");
      if (zonefile !== undefined) {
        const absolute = resolve(context.baseDir, zonefile);
        if (!context.fileExists(absolute)) add([...at, 'truth', 'zonefile'], `zone file not found: ${absolute}`);
      }
      if (axfr) checkAddress(axfr.address, [...at, 'truth', 'axfr', 'address'], add);
    }
    checkServicesConfig(system.services, [...at, 'services'], context.baseDir, context.fileExists, add);
  });

  if (cfg.registry) for (const issue of checkRegistry(cfg.registry as RegistryInput, context.fileExists, context.baseDir)) add(issue.path, issue.message, issue.at);

  const kindOf = new Map(cfg.systems.map((s) => [s.id, s.kind] as const));
  cfg.keyDomains?.forEach((domain, i) => {
    checkDomainName(domain.name, ['keyDomains', i, 'name'], add);
    domain.via?.forEach((id, j) => {
      const kind = kindOf.get(id);
      if (kind === undefined) add(['keyDomains', i, 'via', j], `no system has the id '${id}'`);
      else if (kind !== 'recursive') add(['keyDomains', i, 'via', j], `'${id}' is ${withArticle(kind)} system; 'via' names recursive systems`);
    });
  });

  checkProbing(cfg.probing, add);
  const ruleset = cfg.rules?.ruleset;
  if (ruleset !== undefined && isRulesetPath(ruleset) && !context.fileExists(resolve(context.baseDir, ruleset))) {
    add(['rules', 'ruleset'], `rule set file not found: ${resolve(context.baseDir, ruleset)}`);
  }
  const evidenceWindow = cfg.rules?.evidenceWindow;
  const windowProblem = evidenceWindow === undefined ? null : evidenceWindowProblem(evidenceWindow);
  if (windowProblem) add(['rules', 'evidenceWindow'], windowProblem);
  const listen = cfg.http?.listen;
  if (listen !== undefined && splitListen(listen).port > 65535) add(['http', 'listen'], `port must be at most 65535 (got '${listen}')`);
  const ttl = cfg.http?.sessionTtl;
  if (ttl !== undefined) {
    const ms = tryParseDuration(ttl);
    if (ms === undefined) add(['http', 'sessionTtl'], `'${ttl}' is not a duration such as 12h`);
    else if (ms < 10_000 || ms > 30 * 86_400_000) add(['http', 'sessionTtl'], `must be between 10s and 30d (got ${ttl})`);
  }
  checkSecurity(cfg.http, cfg.audit, context.baseDir, context.fileExists, add);
  const retention = cfg.database?.retention;
  if (retention !== undefined) {
    const ms = tryParseDuration(retention);
    if (ms === undefined) add(['database', 'retention'], `'${retention}' is not a duration such as 400d`);
    else if (ms < DAY_MS || ms > 3650 * DAY_MS) add(['database', 'retention'], `must be between 1d and 3650d (got ${retention})`);
  }
  return issues;
}

function withArticle(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

type Add = (path: ConfigPath, message: string, at?: ConfigIssue['at']) => void;

function checkSystemKind(system: ConfigInput['systems'][number], at: ConfigPath, add: Add, needs: (p: ConfigPath, m: string) => void): void {
  // Only a registration system may be measured without DNS nodes (by its services); it needs something to measure.
  if (system.kind === 'registration') {
    const services = system.services ?? {};
    if ((system.nodes ?? []).length === 0 && !services.registration && !services.whois && !services.rdap) {
      needs([...at, 'services'], "a registration system without DNS 'nodes' needs 'services' (registration, whois or rdap)");
    }
  } else if (system.nodes === undefined) {
    needs([...at, 'nodes'], `${withArticle(system.kind)} system needs 'nodes'`);
  }
  switch (system.kind) {
    case 'tld':
      if (system.zone === undefined) needs([...at, 'zone'], "a tld system needs 'zone'");
      if (system.zones !== undefined) add([...at, 'zones'], "a tld system has one 'zone', not 'zones'", 'key');
      break;
    case 'authoritative': case 'website-dns':
      if (system.zone === undefined && (system.zones === undefined || system.zones.length === 0)) {
        needs([...at, 'zones'], `${withArticle(system.kind)} system needs 'zones' (or 'zone')`);
      }
      break;
    case 'recursive': {
      if (system.scope === undefined) { needs([...at, 'scope'], "a recursive system needs 'scope' (multi-province, province or local-network)"); break; }
      const count = system.provinces?.length ?? 0;
      if (system.scope !== 'local-network' && count === 0) needs([...at, 'provinces'], `scope '${system.scope}' needs 'provinces'`);
      if (system.scope === 'province' && count > 1) add([...at, 'provinces'], `scope 'province' takes exactly one province (got ${count})`);
      break;
    }
  }
  if (system.zone !== undefined) checkDomainName(system.zone, [...at, 'zone'], add);
  system.zones?.forEach((zone, k) => checkDomainName(zone, [...at, 'zones', k], add));
}

function checkProbing(probing: ConfigInput['probing'], add: Add): void {
  if (!probing) return;
  for (const key of ['interval', 'timeout'] as const) {
    const text = probing[key];
    if (text === undefined) continue;
    const ms = tryParseDuration(text);
    if (ms === undefined) add(['probing', key], `'${text}' is not a duration such as 10s`);
    else if (key === 'interval' && ms <= 0) add(['probing', key], 'must be longer than 0');
    else if (key === 'timeout' && ms <= MIN_TIMEOUT_MS) {
      add(['probing', key], `must be above ${formatDuration(MIN_TIMEOUT_MS)} so that answers slower than 5 s are measured, not lost (got ${text})`);
    }
  }
}

function reportDuplicates(ids: string[], what: string, listPath: ConfigPath, add: Add): void {
  const first = new Map<string, number>();
  ids.forEach((id, i) => {
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, i);
    else add([...listPath, i, 'id'], `duplicate ${what} '${id}' (first used at ${formatPath([...listPath, earlier])})`);
  });
}

function checkAddress(address: string, path: ConfigPath, add: Add): void {
  if (isIP(address) === 0) add(path, `'${address}' is not an IPv4 or IPv6 address`);
}

// Lenient on purpose: internationalised names (中国) may be written in Unicode; only empty or overlong
// labels and characters that never belong in a name are refused.
const LABEL = /^[^\s.\/\\@:;,"'()]{1,63}$/u;

/** Labels of 1–63 characters, 253 in all, no spaces or punctuation that never occurs in names; "." is the root. */
function checkDomainName(name: string, path: ConfigPath, add: Add): void {
  if (name === '.') return;
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  const ok = bare.length > 0 && bare.length <= 253 && bare.split('.').every((label) => LABEL.test(label));
  if (!ok) add(path, `'${name}' is not a valid domain name`);
}

/** "127.0.0.1:8053" → { host: "127.0.0.1", port: 8053 }; "[::1]:8053" → { host: "::1", port: 8053 }. */
export function splitListen(listen: string): { host: string; port: number } {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:]+)):([0-9]{1,5})$/.exec(listen);
  if (!match) throw new Error(`invalid listen address '${listen}': expected host:port or [ipv6]:port`);
  return { host: match[1] ?? match[2], port: Number(match[3]) };
}

/** A rule set given as a file rather than a built-in id: it has a slash or a YAML extension. */
export function isRulesetPath(ruleset: string): boolean {
  return ruleset.includes('/') || /\.ya?ml$/i.test(ruleset);
}
