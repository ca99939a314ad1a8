// The `threats` block of the configuration, resolved: timers, retention of personal data, the public
// intake's limits, and which organisation handles a name. Defaults follow the ICANN framework (24 h).
import type { ResolvedConfig } from '../config/config-types.ts';
import type { SourceClass } from '../core/threats/threat-types.ts';
import { DEFAULT_TIMERS, parseDurationMs, type ThreatTimerSettings } from '../core/threats/timers.ts';

/** The configuration's `threats` block as written (src/config/threats-config.ts). */
export interface ThreatsConfigInput {
  assessWithin?: string;
  remindBefore?: string;
  referralWithin?: string;
  /** How long reporter and registrant details of a closed case are kept (default 365d). */
  retention?: string;
  /** The organisation that handles names outside every configured TLD (default: the first registry). */
  handler?: string;
  publicIntake?: { perAddressPerMinute?: number; burst?: number; perMinute?: number };
  /** Link of the public status page in the reporter's mail, e.g. https://dnswarden.example/report/status */
  statusUrl?: string;
}

export interface ThreatSettings {
  timers: ThreatTimerSettings;
  retentionMs: number;
  handler: string | null;
  publicIntake: { perAddressPerMinute: number; burst: number; perMinute: number };
  statusUrl: string | null;
}

const DAY = 86_400_000;

export function threatSettings(config: ResolvedConfig): ThreatSettings {
  const t = ((config as { threats?: ThreatsConfigInput }).threats ?? {}) as ThreatsConfigInput;
  const ms = (v: string | undefined, fallback: number) => (v === undefined ? fallback : parseDurationMs(v) ?? fallback);
  const firstRegistry = config.organizations.find((o) => o.role === 'registry')?.id ?? config.organizations.find((o) => o.role === 'emergency-office')?.id ?? null;
  return {
    timers: {
      assessWithinMs: ms(t.assessWithin, DEFAULT_TIMERS.assessWithinMs), remindBeforeMs: ms(t.remindBefore, DEFAULT_TIMERS.remindBeforeMs),
      referralWithinMs: ms(t.referralWithin, DEFAULT_TIMERS.referralWithinMs),
    },
    retentionMs: ms(t.retention, 365 * DAY),
    handler: t.handler ?? firstRegistry,
    publicIntake: { perAddressPerMinute: t.publicIntake?.perAddressPerMinute ?? 10, burst: t.publicIntake?.burst ?? 20, perMinute: t.publicIntake?.perMinute ?? 600 },
    statusUrl: t.statusUrl ?? null,
  };
}

/** The organisation handling a name: the owner of the TLD system whose zone contains it, else the handler. */
export function handlingOrg(config: ResolvedConfig, settings: ThreatSettings, name: string): string | null {
  const fq = `${name.replace(/\.$/, '')}.`;
  let best: { org: string; len: number } | null = null;
  for (const s of config.systems) {
    if (s.kind !== 'tld') continue;
    for (const z of s.zones) {
      const zone = z.toLowerCase();
      if ((fq === zone || fq.endsWith(`.${zone}`)) && (!best || zone.length > best.len)) best = { org: s.org, len: zone.length };
    }
  }
  return best?.org ?? settings.handler;
}

/** The source class of an authenticated reporter's organisation (`reporterClass`, default by role). */
export function sourceClassOf(config: ResolvedConfig, org: string): SourceClass {
  const o = config.organizations.find((x) => x.id === org) as ({ role: string; reporterClass?: SourceClass } | undefined);
  if (!o) return 'other';
  if (o.reporterClass) return o.reporterClass;
  return o.role === 'cert' || o.role === 'emergency-office' ? 'recognised' : 'other';
}
