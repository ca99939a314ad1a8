// The EPP TEST server's reading of a request that already passed schema validation, and the XML of its
// answers (greeting, response with domain data). Test-server code: see epp-test-server.ts.
import { XMLParser } from 'fast-xml-parser';
import { DOMAIN_NS, EPP_NS, HOST_NS, xmlEscape } from './epp-xml.ts';
import type { DomainChangeRequest, Outcome } from './epp-test-registry.ts';

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, parseAttributeValue: false, trimValues: true });
const VERBS = ['check', 'create', 'delete', 'info', 'login', 'logout', 'poll', 'renew', 'transfer', 'update'] as const;

export type EppRequest =
  | { kind: 'hello' }
  | { kind: 'command'; verb: (typeof VERBS)[number]; clTRID?: string; objectNs?: string; login?: { clID: string; pw: string };
      name?: string; change?: DomainChangeRequest; ns?: string[]; authInfo?: string; op?: string };

const local = (key: string): string => key.slice(key.indexOf(':') + 1);
const text = (v: unknown): string => (typeof v === 'string' ? v : v && typeof v === 'object' && '#text' in v ? String((v as Node)['#text']) : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
/** The child whose local name is `name` (any prefix), with its key. */
function child(node: Node | undefined, name: string): [string, unknown] | undefined {
  return node ? Object.entries(node).find(([k]) => !k.startsWith('@') && local(k) === name) : undefined;
}
const childNode = (node: Node | undefined, name: string): Node | undefined => {
  const c = child(node, name)?.[1];
  return c && typeof c === 'object' && !Array.isArray(c) ? (c as Node) : c === '' ? {} : undefined;
};

function addRem(node: Node | undefined): { statuses: string[]; ns: string[] } {
  const ns = childNode(node, 'ns');
  return {
    statuses: list(child(node, 'status')?.[1]).map((s) => String((s as Node)['@s'])),
    ns: list(child(ns, 'hostObj')?.[1]).map(text),
  };
}

/** Reads a schema-valid request (hello or command). */
export function readRequest(xml: string): EppRequest {
  const root = parser.parse(xml) as Node;
  const epp = childNode(root, 'epp');
  if (child(epp, 'hello')) return { kind: 'hello' };
  const cmd = childNode(epp, 'command') ?? {};
  const verbEntry = VERBS.map((v) => [v, child(cmd, v)] as const).find(([, c]) => c !== undefined)!;
  const [verb, [, verbValue]] = [verbEntry[0], verbEntry[1]!];
  const out: EppRequest = { kind: 'command', verb };
  const clTRID = child(cmd, 'clTRID');
  if (clTRID) out.clTRID = text(clTRID[1]);
  const v = (verbValue && typeof verbValue === 'object' ? verbValue : {}) as Node;
  if (verb === 'login') { out.login = { clID: text(child(v, 'clID')?.[1]), pw: text(child(v, 'pw')?.[1]) }; return out; }
  if (verb === 'transfer') out.op = String(v['@op']);
  const objEntry = Object.entries(v).find(([k]) => !k.startsWith('@'));
  if (!objEntry) return out;
  const [objKey, objValue] = objEntry;
  const obj = (objValue && typeof objValue === 'object' ? objValue : {}) as Node;
  const prefix = objKey.includes(':') ? objKey.slice(0, objKey.indexOf(':')) : '';
  out.objectNs = String(obj[prefix ? `@xmlns:${prefix}` : '@xmlns'] ?? (prefix ? (epp?.[`@xmlns:${prefix}`] ?? '') : EPP_NS));
  out.name = text(child(obj, 'name')?.[1]);
  out.authInfo = child(childNode(obj, 'authInfo'), 'pw') ? text(child(childNode(obj, 'authInfo'), 'pw')![1]) : undefined;
  if (verb === 'update') out.change = { add: addRem(childNode(obj, 'add')), rem: addRem(childNode(obj, 'rem')) };
  if (verb === 'create') out.ns = addRem(obj).ns;
  return out;
}

export function greetingXml(svID: string, now: Date): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<epp xmlns="${EPP_NS}"><greeting><svID>${xmlEscape(svID)}</svID>`
    + `<svDate>${now.toISOString()}</svDate><svcMenu><version>1.0</version><lang>en</lang><objURI>${DOMAIN_NS}</objURI><objURI>${HOST_NS}</objURI></svcMenu>`
    + '<dcp><access><all/></access><statement><purpose><admin/><prov/></purpose><recipient><ours/></recipient><retention><stated/></retention></statement></dcp>'
    + '</greeting></epp>';
}

export function responseXml(o: Outcome, svTRID: string, clTRID?: string): string {
  let resData = '';
  if (o.domain && o.code === 1000 && o.transfer === undefined) {
    const d = o.domain;
    const ns = d.ns.length > 0 ? `<domain:ns>${d.ns.map((h) => `<domain:hostObj>${xmlEscape(h)}</domain:hostObj>`).join('')}</domain:ns>` : '';
    resData = `<resData><domain:infData xmlns:domain="${DOMAIN_NS}"><domain:name>${xmlEscape(d.name)}</domain:name><domain:roid>${d.roid}</domain:roid>`
      + d.statuses.map((s) => `<domain:status s="${s}"/>`).join('') + ns
      + `<domain:clID>${xmlEscape(d.clID)}</domain:clID><domain:crDate>${d.crDate}</domain:crDate></domain:infData></resData>`;
  }
  if (o.transfer && o.domain) {
    const t = o.transfer;
    resData = `<resData><domain:trnData xmlns:domain="${DOMAIN_NS}"><domain:name>${xmlEscape(o.domain.name)}</domain:name><domain:trStatus>${t.trStatus}</domain:trStatus>`
      + `<domain:reID>${xmlEscape(t.reID)}</domain:reID><domain:reDate>${t.reDate}</domain:reDate><domain:acID>${xmlEscape(t.acID)}</domain:acID><domain:acDate>${t.acDate}</domain:acDate></domain:trnData></resData>`;
  }
  const cl = clTRID ? `<clTRID>${xmlEscape(clTRID)}</clTRID>` : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<epp xmlns="${EPP_NS}"><response><result code="${o.code}"><msg>${xmlEscape(o.msg.replace(/\s+/g, ' '))}</msg></result>`
    + `${resData}<trID>${cl}<svTRID>${svTRID}</svTRID></trID></response></epp>`;
}
