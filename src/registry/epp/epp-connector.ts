// The epp connector: RFC 5730/5731/5734 through src/epp's client — one session (TLS, login) per read or
// apply, domain info per name, then per change: hold/unhold add/remove serverHold; lock/unlock add/remove
// serverTransferProhibited + serverDeleteProhibited + serverUpdateProhibited; sinkhole/unsinkhole swap
// the NS set (domain:update rem/add hostObj); block --sinkhole creates the name pointing at the sinkhole,
// unblock deletes it; block alone is dnswarden's reserved list (EPP has no reserved-list command).
// Answers other than 1000/1001 fail the name with the server's code and message (2304: a status
// prohibits it). Glue and DS live in host objects and the secDNS extension: not read here.
import { randomBytes } from 'node:crypto';
import { EppSession, type EppTlsOptions } from '../../epp/epp-client.ts';
import type { DomainChange } from '../../epp/epp-xml.ts';
import type { ApplyResult, Change, Observed, Progress, RegistryConnector, Sinkhole } from '../connector.ts';
import { zoneOf } from '../connector.ts';

export interface EppConnectorOptions {
  zones: readonly string[];
  server: { address: string; port: number };
  tls: EppTlsOptions;
  clientId: string;
  password: string;
  timeoutMs?: number;
}

const LOCK = ['serverDeleteProhibited', 'serverTransferProhibited', 'serverUpdateProhibited'];
const bare = (n: string): string => n.replace(/\.$/, '');
const dotted = (n: string): string => `${n.toLowerCase().replace(/\.$/, '')}.`;
const ok = (code: number): boolean => code === 1000 || code === 1001;

export class EppConnector implements RegistryConnector {
  readonly kind = 'epp' as const;
  readonly hasStatuses = true;
  readonly #o: EppConnectorOptions;
  constructor(o: EppConnectorOptions) { this.#o = o; }

  async #session<T>(fn: (s: EppSession) => Promise<T>): Promise<T> {
    const s = await EppSession.connect({ address: this.#o.server.address, port: this.#o.server.port, tls: this.#o.tls, timeoutMs: this.#o.timeoutMs ?? 10_000 });
    try {
      await s.login({ clientId: this.#o.clientId, password: this.#o.password });
      const out = await fn(s);
      await s.logout().catch(() => undefined);
      return out;
    } finally {
      s.close();
    }
  }

  async read(names: readonly string[], progress?: Progress): Promise<Map<string, Observed>> {
    const out = new Map<string, Observed>();
    const ours = names.filter((n) => zoneOf(n, this.#o.zones));
    for (const n of names) if (!zoneOf(n, this.#o.zones)) out.set(n, { exists: false, delegation: null, statuses: null, unusable: 'outside the registry zones' });
    if (ours.length > 0) {
      await this.#session(async (s) => {
        let done = 0;
        for (const n of ours) {
          const r = await s.domainInfo(bare(n));
          if (r.code === 2303) out.set(n, { exists: false, delegation: null, statuses: [] });
          else if (!ok(r.code) || !r.domain) out.set(n, { exists: false, delegation: null, statuses: null, error: `EPP ${r.code} ${r.msg}` });
          else {
            const ns = r.domain.ns.map(dotted).sort();
            out.set(n, { exists: true, statuses: r.domain.statuses, delegation: ns.length ? { ns, glue: [], ds: [] } : null });
          }
          progress?.(++done, ours.length);
        }
      });
    }
    return new Map(names.map((n) => [n, out.get(n)!]));
  }

  /** The EPP command of one change; null when the registry database is not touched. */
  #command(s: EppSession, c: Change, sinkhole: Sinkhole | null) {
    const name = bare(c.name);
    const update = (change: { add?: DomainChange; rem?: DomainChange }) => s.domainUpdate(name, change);
    const sink = () => { if (!sinkhole) throw new Error('registry.sinkhole is not configured'); return sinkhole.nameservers.map(bare); };
    const current = (c.observed.delegation?.ns ?? []).map(bare);
    switch (c.action) {
      case 'hold': return update({ add: { statuses: ['serverHold'] } });
      case 'unhold': return update({ rem: { statuses: ['serverHold'] } });
      case 'lock': return update({ add: { statuses: LOCK.filter((x) => !(c.observed.statuses ?? []).includes(x)) } });
      case 'unlock': return update({ rem: { statuses: LOCK.filter((x) => (c.observed.statuses ?? []).includes(x)) } });
      case 'sinkhole': return update({ rem: { ns: current }, add: { ns: sink() } });
      case 'unsinkhole': {
        if (!c.restore) throw new Error('no recorded delegation to restore');
        return update({ rem: { ns: current }, add: { ns: c.restore.ns.map(bare) } });
      }
      case 'block': return c.next.status === 'reserved-sinkholed' && !c.observed.exists
        ? s.domainCreate({ name, ns: sink(), authInfo: randomBytes(12).toString('base64url') }) : null;
      case 'unblock': return c.observed.exists ? s.domainDelete(name) : null;
      case 'delete': return s.domainDelete(name);
    }
  }

  async apply(changes: readonly Change[], sinkhole: Sinkhole | null, progress?: Progress): Promise<Map<string, ApplyResult>> {
    const out = new Map<string, ApplyResult>();
    await this.#session(async (s) => {
      let done = 0;
      for (const c of changes) {
        try {
          const pending = this.#command(s, c, sinkhole);
          const r = pending ? await pending : null;
          out.set(c.name, r === null ? { error: null, ...(c.action === 'block' ? { note: "kept on dnswarden's reserved list (EPP has no reserved-list command)" } : {}) }
            : { error: ok(r.code) ? null : `EPP ${r.code} ${r.msg}` });
        } catch (err) {
          out.set(c.name, { error: (err as Error).message });
        }
        progress?.(++done, changes.length);
      }
    });
    return out;
  }

  async close(): Promise<void> {}
}
