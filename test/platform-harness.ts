// Shared pieces of the platform end-to-end tests (test/platform-*.test.ts): a real SMTP server on
// loopback that records what it receives (optionally answering slowly), `dnswarden serve` as a child
// process with its stderr parsed (cycle lines, bootstrap line), a read-only look into its SQLite
// file, and bounded polling.
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { auditHash, GENESIS_HASH } from '../src/store/audit-chain.ts';
import type { AuditEntry } from '../src/store/store.ts';
import { SMTPServer } from 'smtp-server';
import { canBindUdp } from '../src/lab/lab-runner.ts';
import { LAB_NODES } from '../src/lab/lab-topology.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin/dnswarden.mjs');

// ---- SMTP ------------------------------------------------------------------------------------

export interface ReceivedMail { at: number; rcptTo: string[]; subject: string; messageId: string; incident: string; event: string; raw: string }

export interface TestSmtp {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** Messages whose DATA arrived (also those still being held by `holdMs`). */
  dataStarted: number;
  close(): Promise<void>;
}

function header(raw: string, name: string): string {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}

/** RFC 2047 encoded words (B and Q) → text. */
export function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*(?==\?)?/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
}

/** @param holdMs how long to hold the answer to each DATA (the n-th message, from 0): a slow server. */
export async function startSmtp(holdMs: (n: number) => number = () => 0): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let n = 0;
  const state = { dataStarted: 0 };
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false, banner: 'dnswarden platform test',
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      const hold = holdMs(n++);
      state.dataStarted++;
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        const finish = () => {
          received.push({
            at: Date.now(), rcptTo: session.envelope.rcptTo.map((r) => r.address), raw,
            subject: decodeWords(header(raw, 'subject')), messageId: header(raw, 'message-id'),
            incident: header(raw, 'x-dnswarden-incident'), event: header(raw, 'x-dnswarden-event'),
          });
          cb();
        };
        if (hold > 0) setTimeout(finish, hold).unref(); else finish();
      });
    },
  });
  // A sender killed mid-session resets its connection: expected here, not a test failure.
  server.on('error', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port, url: `smtp://127.0.0.1:${port}`, received,
    get dataStarted() { return state.dataStarted; },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

// ---- the daemon --------------------------------------------------------------------------------

export interface CycleLine { n: number; at: string; text: string; seenAt: number }

export interface Serve {
  child: ChildProcess;
  url: string;
  stderr(): string;
  cycles(): CycleLine[];
  exited: Promise<number | null>;
}

const CYCLE = /^(\S+) cycle (\d+) [\d.]+s \| (.*)$/;

export function startServe(config: string, data: string, env: Record<string, string> = {}): Promise<Serve> {
  const child = spawn(process.execPath, [BIN, 'serve', '--config', config, '--data', data], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env },
  });
  let err = '';
  let partial = '';
  const cycles: CycleLine[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const m = CYCLE.exec(line);
      if (m) cycles.push({ at: m[1], n: Number(m[2]), text: m[3], seenAt: Date.now() });
    }
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`serve did not start:\n${err}`)); }, 30_000);
    const onData = () => {
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (!m) return;
      clearTimeout(timer);
      child.stderr!.off('data', onData);
      resolve({ child, url: m[1], stderr: () => err, cycles: () => cycles, exited });
    };
    child.stderr!.on('data', onData);
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`serve exited (${code}) before listening:\n${err}`)); });
  });
}

export async function stopServe(s: Serve, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return s.child.exitCode;
  s.child.kill(signal);
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 30_000);
  const code = await s.exited;
  clearTimeout(timer);
  return code;
}

// ---- the command line ---------------------------------------------------------------------------

/** Runs bin/dnswarden.mjs with `args`, `input` on its stdin, for at most 30 s. */
export function runCli(args: string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** What someone with write access to the SQLite file can do: rewrite audit rows (`edit`) and recompute the plain SHA-256 chain. */
export function forgeAuditLog(sqliteFile: string, edit: (e: AuditEntry) => AuditEntry): void {
  const db = new DatabaseSync(sqliteFile);
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete');
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Array<Record<string, unknown>>;
  let prev = GENESIS_HASH;
  db.exec('DELETE FROM audit_log');
  for (const r of rows) {
    const e = edit({ seq: Number(r.seq), at: String(r.at), actor: String(r.actor), action: String(r.action), org: r.org as string | null,
      target: r.target as string | null, detail: JSON.parse(String(r.detail)), prevHash: prev, hash: '' });
    const hash = auditHash(e);
    db.prepare('INSERT INTO audit_log (seq, at, actor, action, org, target, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(e.seq, e.at, e.actor, e.action, e.org, e.target, JSON.stringify(e.detail), prev, hash);
    prev = hash;
  }
  db.close();
}

// ---- the store, read-only -----------------------------------------------------------------------

export interface DbIncident { id: string; systemId: string; org: string; state: string; grade: string | null; drill: number; version: number; detail: Record<string, any> }
export interface DbTimeline { id: number; incidentId: string; at: string; kind: string }
export interface DbOutbox { id: number; channel: string; recipient: string; incidentId: string; dedupeKey: string; state: string; attempts: number; messageId: string; sentAt: string | null }
export interface DbView { incidents: DbIncident[]; timeline: DbTimeline[]; outbox: DbOutbox[] }

/** Everything about incidents in the daemon's database, read through a read-only connection. */
export function readDb(dataDir: string): DbView {
  const db = new DatabaseSync(path.join(dataDir, 'dnswarden.sqlite'), { readOnly: true });
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    const incidents = (db.prepare('SELECT id, system_id, org, state, grade, drill, version, detail FROM incidents ORDER BY id').all() as any[])
      .map((r) => ({ id: r.id, systemId: r.system_id, org: r.org, state: r.state, grade: r.grade, drill: r.drill, version: r.version, detail: JSON.parse(r.detail) }));
    const timeline = (db.prepare('SELECT id, incident_id, at, kind FROM incident_timeline ORDER BY id').all() as any[])
      .map((r) => ({ id: r.id, incidentId: r.incident_id, at: r.at, kind: r.kind }));
    const outbox = (db.prepare('SELECT id, channel, recipient, incident_id, dedupe_key, state, attempts, payload, sent_at FROM notification_outbox ORDER BY id').all() as any[])
      .map((r) => ({
        id: r.id, channel: r.channel, recipient: r.recipient, incidentId: r.incident_id, dedupeKey: r.dedupe_key,
        state: r.state, attempts: r.attempts, messageId: JSON.parse(r.payload).messageId, sentAt: r.sent_at,
      }));
    return { incidents, timeline, outbox };
  } finally {
    db.close();
  }
}

// ---- waiting and ports ------------------------------------------------------------------------

/** Polls until `check` gives a value (not undefined); bounded in time and in rounds. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000, stepMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (let i = 0; i < 100_000; i++) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = (err as Error).message;
    }
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}`);
}

export async function freeLabPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const free = await Promise.all(LAB_NODES.map((n) => canBindUdp(n.address, port)));
    if (free.every(Boolean)) return port;
  }
  throw new Error('no free port for the lab');
}
