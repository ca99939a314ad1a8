// Lexical layer of RFC 1035 §5.1 presentation text, shared by the RDATA codec and the master-file parser:
// tokens (quoted or not, escapes kept raw), character-string escaping, names, hex/base64/base32hex.

export interface Token {
  text: string;    // raw text, escapes (\X, \DDD) still in place, quotes removed
  quoted: boolean;
}

/** One logical line of a master file: tokens joined across parentheses. */
export interface LogicalLine {
  line: number;            // 1-based line where it starts
  startsWithBlank: boolean; // owner omitted: inherit the previous one
  tokens: Token[];
}

export class PresentationError extends Error {
  line: number;
  constructor(message: string, line = 0) {
    super(message);
    this.name = 'PresentationError';
    this.line = line;
  }
}

const isBlank = (c: string): boolean => c === ' ' || c === '\t' || c === '\r';

/** Splits text into logical lines (comments dropped, parentheses joined, quotes kept together). */
export function tokenizeLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let line = 1;
  let depth = 0;
  let current: LogicalLine | null = null;
  let i = 0;
  const n = text.length;
  let atLineStart = true;
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
      if (depth === 0) {
        if (current && current.tokens.length > 0) out.push(current);
        current = null;
        atLineStart = true;
      }
      continue;
    }
    if (atLineStart && depth === 0) {
      current = { line, startsWithBlank: isBlank(c), tokens: [] };
      atLineStart = false;
    }
    if (isBlank(c)) { i++; continue; }
    if (c === ';') { while (i < n && text[i] !== '\n') i++; continue; }
    if (c === '(') { depth++; i++; continue; }
    if (c === ')') {
      if (depth === 0) throw new PresentationError('unbalanced ")"', line);
      depth--; i++; continue;
    }
    if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < n && text[j] !== '"') {
        if (text[j] === '\n') throw new PresentationError('unterminated quoted string', line);
        if (text[j] === '\\' && j + 1 < n) { s += text[j] + text[j + 1]; j += 2; continue; }
        s += text[j++];
      }
      if (j >= n) throw new PresentationError('unterminated quoted string', line);
      current!.tokens.push({ text: s, quoted: true });
      i = j + 1;
      continue;
    }
    let s = '';
    while (i < n) {
      const d = text[i];
      if (isBlank(d) || d === '\n' || d === ';' || d === '(' || d === ')' || d === '"') break;
      if (d === '\\' && i + 1 < n && text[i + 1] !== '\n') { s += d + text[i + 1]; i += 2; continue; }
      s += d;
      i++;
    }
    current!.tokens.push({ text: s, quoted: false });
  }
  if (depth !== 0) throw new PresentationError('unbalanced "(" at end of input', line);
  if (current && current.tokens.length > 0) out.push(current);
  return out;
}

/** Tokens of a single RDATA text (may contain parentheses and newlines). */
export function tokenizeRdata(text: string): Token[] {
  return tokenizeLines(text).flatMap((l) => l.tokens);
}

/** Resolves \X and \DDD escapes of a character-string to its bytes (other characters as UTF-8). */
export function unescapeToBytes(raw: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') {
      const ddd = raw.slice(i + 1, i + 4);
      if (/^\d{3}$/.test(ddd)) {
        const v = Number(ddd);
        if (v > 255) throw new PresentationError(`bad escape \\${ddd}`);
        bytes.push(v);
        i += 3;
        continue;
      }
      if (i + 1 >= raw.length) throw new PresentationError('dangling backslash');
      i++;
    }
    const code = raw.codePointAt(i)!;
    if (code < 0x80) bytes.push(code);
    else {
      const enc = Buffer.from(String.fromCodePoint(code), 'utf8');
      for (const b of enc) bytes.push(b);
      if (code > 0xffff) i++;
    }
  }
  return Uint8Array.from(bytes);
}

/** Quoted character-string with BIND-style escaping: \" \\ and \DDD for non-printable bytes. */
export function quoteBytes(bytes: Uint8Array): string {
  let s = '"';
  for (const b of bytes) {
    if (b === 0x22 || b === 0x5c) s += '\\' + String.fromCharCode(b);
    else if (b < 0x20 || b > 0x7e) s += '\\' + String(b).padStart(3, '0');
    else s += String.fromCharCode(b);
  }
  return s + '"';
}

/** Canonical form of a name as decoded by dns-packet ("www.Lab" → "www.lab."). */
export function canonicalName(name: string): string {
  if (name === '' || name === '.') return '.';
  const lower = name.toLowerCase();
  return lower.endsWith('.') && !lower.endsWith('\\.') ? lower : lower + '.';
}

/** Resolves a name token against an origin: "@", relative or absolute; lower-cased, validated. */
export function absoluteName(raw: string, origin?: string): string {
  let name: string;
  if (raw === '@') {
    if (!origin) throw new PresentationError('"@" used without an origin');
    name = origin;
  } else if (raw.endsWith('.') && !raw.endsWith('\\.')) {
    name = raw;
  } else {
    if (!origin) throw new PresentationError(`relative name "${raw}" without an origin`);
    name = origin === '.' ? raw + '.' : `${raw}.${origin}`;
  }
  name = name.replace(/\\(\d{3})/g, (_m, d: string) => String.fromCharCode(Number(d)))
    .replace(/\\([^.])/g, '$1').toLowerCase();
  if (name === '.') return name;
  const labels = name.slice(0, -1).split(/(?<!\\)\./);
  let total = 1;
  for (const l of labels) {
    if (l.length === 0) throw new PresentationError(`empty label in "${raw}"`);
    const len = Buffer.byteLength(l.replace(/\\\./g, '.'));
    if (len > 63) throw new PresentationError(`label longer than 63 bytes in "${raw}"`);
    total += len + 1;
  }
  if (total > 255) throw new PresentationError(`name longer than 255 bytes: "${raw}"`);
  return name;
}

/** Name as dns-packet wants it for encoding (no trailing dot; root is "."). */
export const packetName = (abs: string): string => (abs === '.' ? '.' : abs.slice(0, -1));

export const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

export function fromHex(text: string): Uint8Array {
  if (!/^([0-9a-fA-F]{2})*$/.test(text)) throw new PresentationError(`bad hex "${text}"`);
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

export const toBase64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

export function fromBase64(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new PresentationError('bad base64');
  return Uint8Array.from(Buffer.from(text, 'base64'));
}

const B32 = '0123456789ABCDEFGHIJKLMNOPQRSTUV';

/** RFC 4648 base32hex without padding (NSEC3 next hashed owner). */
export function toBase32Hex(b: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of b) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) { out += B32[(value >>> (bits - 5)) & 31]; bits -= 5; }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

export function fromBase32Hex(text: string): Uint8Array {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text.toUpperCase()) {
    const v = B32.indexOf(ch);
    if (v < 0) throw new PresentationError(`bad base32hex "${text}"`);
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) { bytes.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Uint8Array.from(bytes);
}

/** Unsigned integer token within [0, max]. */
export function parseUint(text: string, max: number, what: string): number {
  if (!/^\d+$/.test(text)) throw new PresentationError(`${what}: "${text}" is not a number`);
  const v = Number(text);
  if (v > max) throw new PresentationError(`${what}: ${text} is out of range`);
  return v;
}

const TTL_UNIT: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };

/** TTL or SOA timer: plain seconds or BIND units ("1h30m", "2d", "1W"). Returns null if not TTL-shaped. */
export function parseTtl(text: string): number | null {
  if (/^\d+$/.test(text)) {
    const v = Number(text);
    if (v > 0xffffffff) throw new PresentationError(`TTL ${text} is out of range`);
    return v;
  }
  if (!/^(\d+[wdhms])+$/i.test(text)) return null;
  let total = 0;
  for (const m of text.matchAll(/(\d+)([wdhms])/gi)) total += Number(m[1]) * TTL_UNIT[m[2].toLowerCase()];
  if (total > 0xffffffff) throw new PresentationError(`TTL ${text} is out of range`);
  return total;
}
