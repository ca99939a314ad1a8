// The EPP TEST server's in-memory registry (not a registry implementation: a stand-in for tests and the
// lab). It keeps domains with their RFC 5731 statuses, name servers (hostObj) and sponsor, and applies
// the rules a connector must cope with: server*/client*Prohibited statuses refuse the operation with
// 2304 — except an update that only removes statuses including the very *UpdateProhibited that blocks it
// (how a lock is lifted); `ok` combines with nothing and returns when no other status is left.

export interface TestDomain { name: string; roid: string; statuses: string[]; ns: string[]; clID: string; authInfo: string; crDate: string }
export interface Outcome { code: number; msg: string; domain?: TestDomain; transfer?: { trStatus: string; reID: string; reDate: string; acID: string; acDate: string } }

/** RFC 5730 §3 result texts. */
export const RESULT_TEXT: Record<number, string> = {
  1000: 'Command completed successfully', 1500: 'Command completed successfully; ending session',
  2001: 'Command syntax error', 2002: 'Command use error', 2101: 'Unimplemented command', 2106: 'Object is not eligible for transfer',
  2200: 'Authentication error', 2201: 'Authorization error', 2202: 'Invalid authorization information',
  2302: 'Object exists', 2303: 'Object does not exist', 2304: 'Object status prohibits operation',
  2306: 'Parameter value policy error', 2400: 'Command failed',
};

const result = (code: number, detail?: string): Outcome => ({ code, msg: detail ? `${RESULT_TEXT[code]}: ${detail}` : RESULT_TEXT[code] });
/** Statuses a client may add or remove (RFC 5731 §2.3: ok, inactive and pending* are the server's own). */
const SETTABLE = /^(client|server)(Delete|Renew|Transfer|Update)Prohibited$|^(client|server)Hold$/;
const lower = (name: string): string => name.toLowerCase().replace(/\.$/, '');

export interface DomainChangeRequest { add: { statuses: string[]; ns: string[] }; rem: { statuses: string[]; ns: string[] } }

export class EppTestRegistry {
  readonly domains = new Map<string, TestDomain>();
  #roid = 0;
  readonly #now: () => Date;

  constructor(now: () => Date = () => new Date()) {
    this.#now = now;
  }

  /** Seeds a domain (tests and the lab); statuses default to ['ok']. */
  put(d: { name: string; statuses?: string[]; ns?: string[]; clID?: string; authInfo?: string }): TestDomain {
    const name = lower(d.name);
    const domain: TestDomain = {
      name, roid: `D${++this.#roid}-TEST`, statuses: normalise(d.statuses ?? []), ns: (d.ns ?? []).map(lower),
      clID: d.clID ?? 'registry', authInfo: d.authInfo ?? 'auth-info-1', crDate: this.#now().toISOString(),
    };
    this.domains.set(name, domain);
    return domain;
  }

  info(name: string): Outcome {
    const domain = this.domains.get(lower(name));
    return domain ? { ...result(1000), domain } : result(2303, lower(name));
  }

  update(name: string, change: DomainChangeRequest): Outcome {
    const d = this.domains.get(lower(name));
    if (!d) return result(2303, lower(name));
    const onlyRemovesStatuses = change.add.statuses.length === 0 && change.add.ns.length === 0 && change.rem.ns.length === 0;
    for (const lock of ['serverUpdateProhibited', 'clientUpdateProhibited']) {
      if (d.statuses.includes(lock) && !(onlyRemovesStatuses && change.rem.statuses.includes(lock))) return result(2304, `${d.name} has ${lock}`);
    }
    for (const s of [...change.add.statuses, ...change.rem.statuses]) if (!SETTABLE.test(s)) return result(2306, `status ${s} is set by the server only`);
    for (const s of change.add.statuses) if (d.statuses.includes(s)) return result(2306, `${d.name} already has ${s}`);
    for (const s of change.rem.statuses) if (!d.statuses.includes(s)) return result(2306, `${d.name} does not have ${s}`);
    const addNs = change.add.ns.map(lower), remNs = change.rem.ns.map(lower);
    for (const h of addNs) if (d.ns.includes(h) && !remNs.includes(h)) return result(2306, `${d.name} already has name server ${h}`);
    for (const h of remNs) if (!d.ns.includes(h)) return result(2306, `${d.name} does not have name server ${h}`);
    d.ns = [...d.ns.filter((h) => !remNs.includes(h)), ...addNs.filter((h) => !d.ns.includes(h) || remNs.includes(h))];
    d.statuses = normalise([...d.statuses.filter((s) => !change.rem.statuses.includes(s)), ...change.add.statuses]);
    return result(1000);
  }

  create(clID: string, c: { name: string; ns: string[]; authInfo: string }): Outcome {
    if (this.domains.has(lower(c.name))) return result(2302, lower(c.name));
    return { ...result(1000), domain: this.put({ name: c.name, ns: c.ns, clID, authInfo: c.authInfo }) };
  }

  delete(name: string): Outcome {
    const d = this.domains.get(lower(name));
    if (!d) return result(2303, lower(name));
    for (const lock of ['serverDeleteProhibited', 'clientDeleteProhibited']) if (d.statuses.includes(lock)) return result(2304, `${d.name} has ${lock}`);
    this.domains.delete(d.name);
    return result(1000);
  }

  /** `request` completes at once (serverApproved) when the authInfo matches; `query` reports the last state. */
  transfer(clID: string, op: string, name: string, authInfo: string | undefined): Outcome {
    const d = this.domains.get(lower(name));
    if (!d) return result(2303, lower(name));
    const at = this.#now().toISOString();
    if (op === 'query') return { ...result(1000), domain: d, transfer: { trStatus: 'serverApproved', reID: d.clID, reDate: at, acID: d.clID, acDate: at } };
    if (op !== 'request') return result(2101, `transfer op ${op}`);
    for (const lock of ['serverTransferProhibited', 'clientTransferProhibited']) if (d.statuses.includes(lock)) return result(2304, `${d.name} has ${lock}`);
    if (d.clID === clID) return result(2106, `${clID} already sponsors ${d.name}`);
    if (authInfo !== d.authInfo) return result(2202);
    const losing = d.clID;
    d.clID = clID;
    return { ...result(1000), domain: d, transfer: { trStatus: 'serverApproved', reID: clID, reDate: at, acID: losing, acDate: at } };
  }
}

/** `ok` only when nothing else is set (RFC 5731 §2.3); sorted for stable answers. */
function normalise(statuses: string[]): string[] {
  const rest = [...new Set(statuses.filter((s) => s !== 'ok'))].sort();
  return rest.length > 0 ? rest : ['ok'];
}
