// RFC 1035 §5 master-file parser: $ORIGIN, $TTL, relative names, @, owner inheritance, parentheses,
// comments, quoted strings, optional class, TTL before/after class, BIND TTL units. RDATA goes through
// the codec so that every record comes out in canonical presentation form.
// Written here rather than taken from npm: dns-zonefile (0.3.x) is regex-based, knows few types, has
// no per-line errors and does not produce the canonical form the data checks need.
import { readFile } from 'node:fs/promises';
import type { Zone, ZoneRecord } from './zone-types.ts';
import { rrsetKey } from './zone-types.ts';
import { PresentationError, absoluteName, parseTtl, tokenizeLines } from './presentation-text.ts';
import { isUnder } from '../core/dns-names.ts';
import type { LogicalLine } from './presentation-text.ts';
import { canonicalType, isTypeToken } from './rr-types.ts';
import { fromTokens, toPresentation } from './rdata-codec.ts';

export class ZoneFileError extends Error {
  file: string;
  line: number;
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'ZoneFileError';
    this.file = file;
    this.line = line;
  }
}

export interface ParseZoneOptions {
  origin: string; // zone apex; a missing trailing dot is added
  file?: string;  // for error messages
}

const CLASS_TOKEN = /^(IN|CH|CS|HS|CLASS\d+)$/i;

interface ParseState {
  origin: string;
  defaultTtl?: number;
  lastTtl?: number;
  lastOwner?: string;
}

function parseDirective(l: LogicalLine, st: ParseState): void {
  const [head, ...args] = l.tokens;
  const directive = head.text.toUpperCase();
  switch (directive) {
    case '$ORIGIN':
      if (args.length !== 1) throw new PresentationError('$ORIGIN needs exactly one name');
      st.origin = absoluteName(args[0].text, st.origin);
      return;
    case '$TTL': {
      const ttl = args.length === 1 ? parseTtl(args[0].text) : null;
      if (ttl === null) throw new PresentationError('$TTL needs one TTL value');
      st.defaultTtl = ttl;
      return;
    }
    case '$INCLUDE':
      throw new PresentationError('$INCLUDE is refused: a zone file must be self-contained (inline the included file)');
    case '$GENERATE':
      throw new PresentationError('$GENERATE is not supported: expand the records in the file');
  }
  throw new PresentationError(`unknown directive ${head.text}`);
}

function parseRecord(l: LogicalLine, st: ParseState): ZoneRecord {
  const t = l.tokens;
  let i = 0;
  let owner: string;
  if (l.startsWithBlank) {
    if (!st.lastOwner) throw new PresentationError('no owner name (line starts with a blank and no previous owner)');
    owner = st.lastOwner;
  } else {
    owner = absoluteName(t[i++].text, st.origin);
  }
  let ttl: number | undefined;
  let klass: string | undefined;
  for (let k = 0; k < 2 && i < t.length && !t[i].quoted; k++) {
    const v = ttl === undefined ? parseTtl(t[i].text) : null;
    if (v !== null) { ttl = v; i++; continue; }
    if (klass === undefined && CLASS_TOKEN.test(t[i].text)) { klass = t[i].text.toUpperCase(); i++; continue; }
    break;
  }
  if (klass !== undefined && klass !== 'IN') throw new PresentationError(`class ${klass} is not supported (only IN)`);
  if (i >= t.length) throw new PresentationError('missing record type');
  if (t[i].quoted || !isTypeToken(t[i].text)) throw new PresentationError(`unknown record type "${t[i].text}"`);
  const type = canonicalType(t[i++].text);
  const data = toPresentation(type, fromTokens(type, t.slice(i), st.origin));
  if (ttl === undefined) ttl = st.defaultTtl ?? st.lastTtl;
  if (ttl === undefined && type === 'SOA') ttl = Number(data.split(' ')[6]);
  if (ttl === undefined) throw new PresentationError('no TTL: give one on the record or set $TTL');
  st.lastTtl = ttl;
  st.lastOwner = owner;
  return { name: owner, type, ttl, data };
}

/** Parses master-file text into a Zone; throws ZoneFileError with file:line on the first problem. */
export function parseZoneFile(text: string, opts: ParseZoneOptions): Zone {
  const file = opts.file ?? '<zone>';
  let apex: string;
  try {
    apex = absoluteName(opts.origin.endsWith('.') ? opts.origin : opts.origin + '.');
  } catch (e) {
    throw new ZoneFileError(file, 0, `bad origin: ${(e as Error).message}`);
  }
  let lines: LogicalLine[];
  try {
    lines = tokenizeLines(text);
  } catch (e) {
    throw new ZoneFileError(file, e instanceof PresentationError ? e.line : 0, (e as Error).message);
  }
  const st: ParseState = { origin: apex };
  const records: ZoneRecord[] = [];
  const seen = new Set<string>();
  const rrsetTtl = new Map<string, number>();
  const typesAt = new Map<string, Set<string>>();
  for (const l of lines) {
    try {
      if (!l.startsWithBlank && !l.tokens[0].quoted && l.tokens[0].text.startsWith('$')) {
        parseDirective(l, st);
        continue;
      }
      const r = parseRecord(l, st);
      if (!isUnder(r.name, apex)) throw new PresentationError(`${r.name} is outside the zone ${apex}`);
      const key = rrsetKey(r.name, r.type);
      const ttl = rrsetTtl.get(key);
      if (ttl === undefined) rrsetTtl.set(key, r.ttl);
      else r.ttl = ttl; // one TTL per RRset, the first one wins (as BIND does)
      const types = typesAt.get(r.name) ?? new Set<string>();
      typesAt.set(r.name, types);
      if (r.type === 'CNAME' && [...types].some((x) => x !== 'CNAME' && x !== 'RRSIG' && x !== 'NSEC')) {
        throw new PresentationError(`CNAME at ${r.name} next to other data`);
      }
      if (r.type !== 'CNAME' && r.type !== 'RRSIG' && r.type !== 'NSEC' && types.has('CNAME')) {
        throw new PresentationError(`${r.type} at ${r.name} next to a CNAME`);
      }
      if (r.type === 'CNAME' && types.has('CNAME')) throw new PresentationError(`more than one CNAME at ${r.name}`);
      if (r.type === 'SOA' && (r.name !== apex || types.has('SOA'))) {
        throw new PresentationError(r.name !== apex ? `SOA at ${r.name}, not at the apex ${apex}` : 'more than one SOA');
      }
      types.add(r.type);
      const id = `${key}|${r.data}`;
      if (seen.has(id)) continue; // duplicate RR: ignored, as BIND does
      seen.add(id);
      records.push(r);
    } catch (e) {
      if (e instanceof ZoneFileError) throw e;
      throw new ZoneFileError(file, l.line, (e as Error).message);
    }
  }
  if (!typesAt.get(apex)?.has('SOA')) throw new ZoneFileError(file, 0, `no SOA record at the apex ${apex}`);
  if (!typesAt.get(apex)?.has('NS')) throw new ZoneFileError(file, 0, `no NS records at the apex ${apex}`);
  return { origin: apex, records };
}

/** Reads and parses a zone file from disk. */
export async function loadZoneFile(path: string, origin: string): Promise<Zone> {
  return parseZoneFile(await readFile(path, 'utf8'), { origin, file: path });
}
