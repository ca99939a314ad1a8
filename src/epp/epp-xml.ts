// EPP messages as XML (RFC 5730 commands, RFC 5731 domain mapping): builders that escape every value,
// and parsing of what a server sends (greeting, response: result code, message, domain data).
// Parsing uses fast-xml-parser (maintained, no native code, namespace prefixes removable) rather
// than a hand-written parser: servers choose their own prefixes and whitespace.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const EPP_NS = 'urn:ietf:params:xml:ns:epp-1.0';
export const DOMAIN_NS = 'urn:ietf:params:xml:ns:domain-1.0';
export const HOST_NS = 'urn:ietf:params:xml:ns:host-1.0';

/** Escapes text and attribute values (& < > " '). */
export function xmlEscape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const doc = (inner: string): string => `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<epp xmlns="${EPP_NS}">${inner}</epp>`;
const command = (inner: string, clTRID: string): string => doc(`<command>${inner}<clTRID>${xmlEscape(clTRID)}</clTRID></command>`);
const el = (name: string, value: string): string => `<${name}>${xmlEscape(value)}</${name}>`;
const domainEl = (verb: string, inner: string): string => `<domain:${verb} xmlns:domain="${DOMAIN_NS}">${inner}</domain:${verb}>`;

export const helloXml = (): string => doc('<hello/>');

export interface LoginOptions { clientId: string; password: string; newPassword?: string; lang?: string; objURIs?: string[] }

export function loginXml(o: LoginOptions, clTRID: string): string {
  const uris = (o.objURIs ?? [DOMAIN_NS, HOST_NS]).map((u) => el('objURI', u)).join('');
  return command(`<login>${el('clID', o.clientId)}${el('pw', o.password)}${o.newPassword ? el('newPW', o.newPassword) : ''}`
    + `<options><version>1.0</version>${el('lang', o.lang ?? 'en')}</options><svcs>${uris}</svcs></login>`, clTRID);
}

export const logoutXml = (clTRID: string): string => command('<logout/>', clTRID);

const nsXml = (hosts: string[] | undefined): string =>
  hosts && hosts.length > 0 ? `<domain:ns>${hosts.map((h) => el('domain:hostObj', h)).join('')}</domain:ns>` : '';
const statusXml = (statuses: string[] | undefined): string =>
  (statuses ?? []).map((s) => `<domain:status s="${xmlEscape(s)}"/>`).join('');
const authXml = (pw: string | undefined): string => (pw === undefined ? '' : `<domain:authInfo>${el('domain:pw', pw)}</domain:authInfo>`);

export function domainInfoXml(name: string, clTRID: string, authInfo?: string): string {
  return command(`<info>${domainEl('info', `<domain:name hosts="all">${xmlEscape(name)}</domain:name>${authXml(authInfo)}`)}</info>`, clTRID);
}

/** What a <domain:update> adds or removes: statuses (RFC 5731 values) and name servers (hostObj). */
export interface DomainChange { statuses?: string[]; ns?: string[] }

export function domainUpdateXml(name: string, change: { add?: DomainChange; rem?: DomainChange }, clTRID: string): string {
  const part = (tag: 'add' | 'rem', c: DomainChange | undefined): string =>
    c && ((c.ns?.length ?? 0) > 0 || (c.statuses?.length ?? 0) > 0) ? `<domain:${tag}>${nsXml(c.ns)}${statusXml(c.statuses)}</domain:${tag}>` : '';
  return command(`<update>${domainEl('update', el('domain:name', name) + part('add', change.add) + part('rem', change.rem))}</update>`, clTRID);
}

export interface DomainCreate { name: string; ns?: string[]; registrant?: string; authInfo: string; periodYears?: number }

export function domainCreateXml(o: DomainCreate, clTRID: string): string {
  const period = o.periodYears === undefined ? '' : `<domain:period unit="y">${o.periodYears}</domain:period>`;
  return command(`<create>${domainEl('create', el('domain:name', o.name) + period + nsXml(o.ns)
    + (o.registrant ? el('domain:registrant', o.registrant) : '') + authXml(o.authInfo))}</create>`, clTRID);
}

export const domainDeleteXml = (name: string, clTRID: string): string =>
  command(`<delete>${domainEl('delete', el('domain:name', name))}</delete>`, clTRID);

export type TransferOp = 'request' | 'query' | 'approve' | 'reject' | 'cancel';

export function domainTransferXml(op: TransferOp, name: string, clTRID: string, authInfo?: string): string {
  return command(`<transfer op="${op}">${domainEl('transfer', el('domain:name', name) + authXml(authInfo))}</transfer>`, clTRID);
}

// ---- parsing ----

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false, parseAttributeValue: false,
  trimValues: true, isArray: (name) => ['result', 'status', 'hostObj', 'objURI', 'version', 'lang', 'hostAttr'].includes(name),
});

export interface EppResult { code: number; msg: string }
export interface EppGreeting { kind: 'greeting'; svID: string; svDate: string; objURIs: string[] }
export interface EppResponse {
  kind: 'response';
  /** The first result's code and message (RFC 5730: 1xxx success, 2xxx error). */
  code: number;
  msg: string;
  results: EppResult[];
  clTRID?: string;
  svTRID?: string;
  /** <domain:infData>, when the response carries one. */
  domain?: DomainInfo;
}
export interface DomainInfo { name: string; roid?: string; statuses: string[]; ns: string[]; clID?: string }
export type EppMessage = EppGreeting | EppResponse;

export class EppXmlError extends Error {
  override name = 'EppXmlError';
}

const text = (v: unknown): string => (typeof v === 'string' ? v : v && typeof v === 'object' && '#text' in v ? String((v as Node)['#text']) : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** Parses a greeting or a response; anything else (not XML, not <epp>, a command) is an EppXmlError. */
export function parseEppMessage(xml: string): EppMessage {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new EppXmlError(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const epp = (parser.parse(xml) as Node).epp as Node | undefined;
  if (!epp || typeof epp !== 'object') throw new EppXmlError('no <epp> element');
  if (epp.greeting && typeof epp.greeting === 'object') {
    const g = epp.greeting as Node;
    const menu = (g.svcMenu ?? {}) as Node;
    return { kind: 'greeting', svID: text(g.svID), svDate: text(g.svDate), objURIs: list(menu.objURI).map(text) };
  }
  if (epp.response && typeof epp.response === 'object') {
    const r = epp.response as Node;
    const results = list(r.result).map((x) => ({ code: Number((x as Node)['@code']), msg: text((x as Node).msg) }));
    if (results.length === 0 || !Number.isInteger(results[0].code)) throw new EppXmlError('a response without a result code');
    const trID = (r.trID ?? {}) as Node;
    const out: EppResponse = { kind: 'response', code: results[0].code, msg: results[0].msg, results };
    if (trID.clTRID !== undefined) out.clTRID = text(trID.clTRID);
    if (trID.svTRID !== undefined) out.svTRID = text(trID.svTRID);
    const inf = ((r.resData ?? {}) as Node).infData as Node | undefined;
    if (inf && typeof inf === 'object') {
      out.domain = {
        name: text(inf.name), statuses: list(inf.status).map((s) => String((s as Node)['@s'])),
        ns: list(((inf.ns ?? {}) as Node).hostObj).map(text),
        ...(inf.roid !== undefined ? { roid: text(inf.roid) } : {}), ...(inf.clID !== undefined ? { clID: text(inf.clID) } : {}),
      };
    }
    return out;
  }
  throw new EppXmlError('neither a <greeting> nor a <response>');
}
