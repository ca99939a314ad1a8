// The sinkhole's query log (issue 11 item 6): who asked for a sinkholed name — time, client address
// and port, name, type, and the threat case of the name — so that victims can be told. JSON lines in
// `<dir>/sinkhole.log`, written in batches; bounded: when the file passes `maxBytes` it rotates to
// sinkhole.log.1 (… up to `files` old files; the oldest is dropped).
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export interface SinkholeQuery { at: string; client: string; port: number; name: string; type: string; sinkholed: string | null; case: string | null }

export interface SinkholeLogOptions { dir: string; maxBytes: number; files: number; flushMs?: number }

export class SinkholeLog {
  readonly #o: SinkholeLogOptions;
  readonly #file: string;
  #pending: string[] = [];
  #timer: NodeJS.Timeout | null = null;
  #size: number;

  constructor(o: SinkholeLogOptions) {
    this.#o = o;
    mkdirSync(o.dir, { recursive: true });
    this.#file = path.join(o.dir, 'sinkhole.log');
    this.#size = existsSync(this.#file) ? statSync(this.#file).size : 0;
  }

  add(q: SinkholeQuery): void {
    this.#pending.push(`${JSON.stringify(q)}\n`);
    if (this.#pending.length >= 1000) this.flush();
    else this.#timer ??= setTimeout(() => this.flush(), this.#o.flushMs ?? 200).unref();
  }

  flush(): void {
    if (this.#timer) { clearTimeout(this.#timer); this.#timer = null; }
    if (this.#pending.length === 0) return;
    const text = this.#pending.join('');
    this.#pending = [];
    if (this.#size > 0 && this.#size + Buffer.byteLength(text) > this.#o.maxBytes) this.#rotate();
    appendFileSync(this.#file, text);
    this.#size += Buffer.byteLength(text);
  }

  #rotate(): void {
    const f = (i: number) => (i === 0 ? this.#file : `${this.#file}.${i}`);
    rmSync(f(this.#o.files), { force: true });
    for (let i = this.#o.files - 1; i >= 0; i--) if (existsSync(f(i))) renameSync(f(i), f(i + 1));
    this.#size = 0;
  }

  close(): void { this.flush(); }
}

/** Every logged query, oldest first (rotated files included), optionally of one case. */
export function readSinkholeLog(dir: string, filter: { case?: string } = {}): SinkholeQuery[] {
  const base = path.join(dir, 'sinkhole.log');
  const files: string[] = [];
  for (let i = 100; i >= 1; i--) if (existsSync(`${base}.${i}`)) files.push(`${base}.${i}`);
  if (existsSync(base)) files.push(base);
  const out: SinkholeQuery[] = [];
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (!line) continue;
      const q = JSON.parse(line) as SinkholeQuery;
      if (filter.case === undefined || q.case === filter.case) out.push(q);
    }
  }
  return out;
}
