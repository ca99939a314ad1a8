// The configuration after validation and defaults: what the rest of the program sees.
import type { ConfigInput, OrganizationConfig, SystemConfig, KeyDomainConfig } from './config-schema.ts';
import type { AuditSettings, HttpSecurity } from './security-config.ts';
import type { RegistrySettings } from './registry-config.ts';

export interface ResolvedNode { id: string; address: string; port: number }

export interface ResolvedSystem extends Omit<SystemConfig, 'nodes' | 'zones' | 'truth'> {
  nodes: ResolvedNode[];
  /** Zones this system serves, absolute and lower-case ("lab."); for tld systems [zone]. */
  zones: string[];
  /** truth.zonefile resolved to an absolute path (relative paths are taken from the config file's folder). */
  truth?: { zonefile?: string; axfr?: { address: string; port: number; zone?: string } };
  sample: number | 'all';
  nxdomainCheck: boolean;
  /** check.serialLagTolerance in ms: a lag longer than this makes differences data errors (load-config fills 15 min; absent = 15 min). */
  serialLagToleranceMs?: number;
  /** check.dnssec: validate signatures and denial as data (src/probe/dnssec); check.dnssecExpiryHorizon in ms (default 7 d). */
  dnssec?: boolean;
  dnssecExpiryHorizonMs?: number;
}

export interface ResolvedConfig {
  /** Absolute path of the file the config came from (or '<inline>'). */
  file: string;
  organizations: OrganizationConfig[];
  systems: ResolvedSystem[];
  keyDomains: KeyDomainConfig[];
  probing: {
    intervalMs: number;
    timeoutMs: number;
    transports: Array<'udp' | 'tcp'>;
    inFlight: number;
    stoppedBelow: number;
    /** Delegations at the parent: every this many cycles (absent: 1); parents that are not watched systems. */
    delegationEvery?: number;
    delegationParents?: Array<{ zone: string; servers: Array<{ address: string; port: number }> }>;
  };
  /** evidenceWindowMs / evidenceConfidence: the data-error evidence rule (docs/evidence.md); load-config always fills them. */
  rules: {
    ruleset: string; latencyStatistic: 'p50' | 'mean' | 'p95'; openAfterCycles: number; resolveAfterCycles: number;
    evidenceWindowMs?: number; evidenceConfidence?: number;
    /** Findings' hysteresis (src/core/findings); absent: 2 and 3. */
    findingOpenAfterCycles?: number; findingCloseAfterCycles?: number;
  };
  notifications: NonNullable<ConfigInput['notifications']>;
  /** retentionMs: per-cycle measurements older than this are pruned by `serve` (default 400 days). */
  database: { url: string | null; retentionMs: number };
  /** lab.mailbox resolved to an absolute path (only in configurations that watch the bundled lab). */
  lab?: { mailbox?: string };
  /** tls, trustProxy, metricsToken, limits: src/config/security-config.ts. */
  http: { listen: string; host: string; port: number; token?: string; sessionTtlMs: number } & Partial<HttpSecurity>;
  /** Registry threat response (src/config/threats-config.ts; defaults: src/threats/threat-settings.ts). */
  threats?: NonNullable<ConfigInput['threats']>;
  /** The audit chain's key and anchoring (src/config/security-config.ts). */
  audit?: AuditSettings;
  /** Acting on names: zones, connector, sinkhole (src/config/registry-config.ts); absent without `registry`. */
  registry?: RegistrySettings;
}
