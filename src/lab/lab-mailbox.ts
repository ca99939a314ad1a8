// The lab mailbox: what the lab's SMTP sink (lab-mail-sink.ts) received, as files in one folder —
// `<n>.eml` (the message as it arrived) and `index.jsonl` (one line per message: time, envelope,
// subject). Reading it needs no running lab: `dnswarden lab mail` and the console's lab-mail page
// list it and show one message with its headers and its text decoded (RFC 2047 words,
// quoted-printable, base64, the text/plain part of a multipart message).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const MAIL_INDEX = 'index.jsonl';

/** One received message, as the index lists it. */
export interface MailEntry {
  id: number;
  /** When the sink received it (ISO time). */
  at: string;
  from: string;
  to: string[];
  subject: string;
  messageId: string;
  /** X-Dnswarden-Event / X-Dnswarden-Incident, when the message came from dnswarden. */
  event: string;
  incident: string;
  file: string;
  size: number;
}

export interface MailMessage extends MailEntry { headers: Array<[string, string]>; text: string }

/** Header block → [name, value] pairs (folded lines joined). */
function parseHeaders(head: string): Array<[string, string]> {
  return head.replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ').split('\n').filter((l) => l.includes(':'))
    .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]);
}

const headerOf = (headers: Array<[string, string]>, name: string): string =>
  headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1] ?? '';

function charsetDecode(bytes: Buffer, charset: string): string {
  try { return new TextDecoder(charset || 'utf-8').decode(bytes); } catch { return bytes.toString('utf8'); }
}

/** RFC 2047 encoded words (B and Q, any charset TextDecoder knows) → text. */
export function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([bq])\?([^?]*)\?=(\s+(?==\?))?/gi, (_m, charset: string, enc: string, text: string) => {
    const bytes = enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return charsetDecode(bytes, charset);
  });
}

function decodeBody(body: string, encoding: string, charset: string): string {
  const enc = encoding.toLowerCase();
  if (enc === 'base64') return charsetDecode(Buffer.from(body.replace(/\s+/g, ''), 'base64'), charset);
  if (enc === 'quoted-printable') {
    const bytes = Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return charsetDecode(bytes, charset);
  }
  return charsetDecode(Buffer.from(body, 'latin1'), charset);
}

const param = (value: string, name: string): string => new RegExp(`${name}="?([^";]+)"?`, 'i').exec(value)?.[1] ?? '';

/** The readable text of a raw message (latin1 string of its bytes): the text/plain part, decoded. */
function messageText(raw: string): { headers: Array<[string, string]>; text: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = parseHeaders(split < 0 ? raw : raw.slice(0, split));
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const type = headerOf(headers, 'content-type') || 'text/plain; charset=utf-8';
  if (/^multipart\//i.test(type)) {
    const boundary = param(type, 'boundary');
    const parts = boundary ? body.split(`--${boundary}`).slice(1, -1) : [];
    const plain = parts.map((p) => messageText(p.replace(/^\r?\n/, ''))).find((p) => /^text\/plain/i.test(headerOf(p.headers, 'content-type') || 'text/plain'));
    return { headers, text: plain?.text ?? '' };
  }
  return { headers, text: decodeBody(body, headerOf(headers, 'content-transfer-encoding'), param(type, 'charset') || 'utf-8') };
}

/** The index entry for a raw message the sink just stored. */
export function entryFor(id: number, at: string, envelope: { from: string; to: string[] }, raw: string, file: string): MailEntry {
  const { headers } = messageText(raw.slice(0, Math.max(0, raw.search(/\r?\n\r?\n/))) || raw);
  return {
    id, at, from: envelope.from, to: envelope.to, file, size: Buffer.byteLength(raw, 'latin1'),
    subject: decodeWords(headerOf(headers, 'subject')), messageId: headerOf(headers, 'message-id'),
    event: headerOf(headers, 'x-dnswarden-event'), incident: headerOf(headers, 'x-dnswarden-incident'),
  };
}

/** Whether `dir` holds a lab mailbox (its index exists). */
export const hasMailbox = (dir: string): boolean => existsSync(path.join(dir, MAIL_INDEX));

/** Every message in the mailbox, oldest first (an unfinished last line is skipped). */
export function readMailbox(dir: string): MailEntry[] {
  let text = '';
  try { text = readFileSync(path.join(dir, MAIL_INDEX), 'utf8'); } catch { return []; }
  const out: MailEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try { out.push(JSON.parse(line) as MailEntry); } catch { /* a line being written */ }
  }
  return out;
}

/** One message with its headers and decoded text; undefined when there is no such message. */
export function readMail(dir: string, id: number): MailMessage | undefined {
  const entry = readMailbox(dir).find((e) => e.id === id);
  if (!entry || path.basename(entry.file) !== entry.file) return undefined;
  let raw: string;
  try { raw = readFileSync(path.join(dir, entry.file), 'latin1'); } catch { return undefined; }
  return { ...entry, ...messageText(raw) };
}
