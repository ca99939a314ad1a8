// The lab's SMTP sink: an SMTP server on loopback (the `smtp-server` package) that accepts every
// message for any recipient and stores it in the lab mailbox (lab-mailbox.ts): `<n>.eml` first,
// then its line in index.jsonl. No authentication, no TLS, no relaying: it never sends anything on.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { entryFor, MAIL_INDEX, readMailbox } from './lab-mailbox.ts';

/** Largest message the sink takes (dnswarden's notifications are a few KiB). */
const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

export interface MailSink { port: number; received: () => number; close(): Promise<void> }

export interface MailSinkOptions {
  dir: string;
  /** Loopback address to listen on (default 127.0.0.1). */
  address?: string;
  /** 0: any free port. */
  port: number;
  now?: () => Date;
  onMessage?: (summary: string) => void;
}

export async function startMailSink(opts: MailSinkOptions): Promise<MailSink> {
  const address = opts.address ?? '127.0.0.1';
  if (!net.isIP(address) || !/^(127\.|::1$)/.test(address)) throw new Error(`the lab mail sink listens on loopback only (got ${address})`);
  mkdirSync(opts.dir, { recursive: true });
  writeFileSync(path.join(opts.dir, MAIL_INDEX), '', { flag: 'a' });
  let next = Math.max(0, ...readMailbox(opts.dir).map((e) => e.id)) + 1;
  let received = 0;
  const now = opts.now ?? (() => new Date());
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, size: MAX_MESSAGE_BYTES,
    banner: 'dnswarden lab mail sink (stores, never relays)',
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) { callback(Object.assign(new Error('message too large'), { responseCode: 552 })); return; }
        try {
          const raw = Buffer.concat(chunks).toString('latin1');
          const id = next++;
          const file = `${String(id).padStart(4, '0')}.eml`;
          writeFileSync(path.join(opts.dir, file), raw, 'latin1');
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          const entry = entryFor(id, now().toISOString(), { from, to: session.envelope.rcptTo.map((r) => r.address) }, raw, file);
          appendFileSync(path.join(opts.dir, MAIL_INDEX), `${JSON.stringify(entry)}\n`);
          received++;
          opts.onMessage?.(`mail ${id} to ${entry.to.join(', ')}: ${entry.subject}`);
          callback();
        } catch (err) {
          callback(err as Error);
        }
      });
    },
  });
  // A client that drops its connection mid-session is not the sink's problem.
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port, address, () => { server.server.off('error', reject); resolve(); });
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, received: () => received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A TCP port on `address` that is free right now: `preferred` when it is, else one the system picks. */
export async function freeTcpPort(address: string, preferred: number): Promise<number> {
  const tryPort = (port: number) => new Promise<number | undefined>((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(undefined));
    s.listen(port, address, () => { const p = (s.address() as AddressInfo).port; s.close(() => resolve(p)); });
  });
  return (await tryPort(preferred)) ?? (await tryPort(0)) ?? preferred;
}
