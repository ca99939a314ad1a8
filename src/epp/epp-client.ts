// EPP client session over TLS (RFC 5734): connect, read the server's <greeting>, then one command at a
// time — <hello>, <login>, <logout> and the RFC 5731 domain commands the registry connector needs.
// Every wait (TLS handshake, greeting, each answer) is bounded by `timeoutMs`; a server that accepts the
// connection but never sends its greeting fails `connect` ("no greeting within … ms").
// Domain commands resolve with the parsed response whatever its result code (a 2304 is an answer the
// caller acts on); `login` rejects with EppError unless the server accepted it.
import tls from 'node:tls';
import { encodeFrame, FrameReader } from './epp-framing.ts';
import {
  domainCreateXml, domainDeleteXml, domainInfoXml, domainTransferXml, domainUpdateXml, helloXml, loginXml, logoutXml, parseEppMessage,
  type DomainChange, type DomainCreate, type EppGreeting, type EppMessage, type EppResponse, type LoginOptions, type TransferOp,
} from './epp-xml.ts';

export interface EppTlsOptions {
  /** PEM CA bundle that signs the server's certificate (default: the system's trust store). */
  ca?: string | Buffer;
  /** PEM client certificate and key, for servers that require one. */
  cert?: string | Buffer;
  key?: string | Buffer;
  /** Accept any server certificate (lab and tests only). */
  insecure?: boolean;
  /** The name checked against the server's certificate (default: the address). */
  servername?: string;
}

export interface EppConnectOptions { address: string; port?: number; tls?: EppTlsOptions; timeoutMs?: number }

export class EppError extends Error {
  override name = 'EppError';
  readonly code?: number;
  constructor(message: string, code?: number) {
    super(message);
    if (code !== undefined) this.code = code;
  }
}

export const DEFAULT_EPP_PORT = 700;

export class EppSession {
  readonly greeting: EppGreeting;
  readonly #socket: tls.TLSSocket;
  readonly #frames: string[];
  readonly #timeoutMs: number;
  #waiter?: { resolve: (xml: string) => void; reject: (err: Error) => void };
  #failure?: Error;
  #trid = 0;

  private constructor(socket: tls.TLSSocket, frames: string[], greeting: EppGreeting, timeoutMs: number, waiterSlot: WaiterSlot) {
    this.#socket = socket;
    this.#frames = frames;
    this.greeting = greeting;
    this.#timeoutMs = timeoutMs;
    waiterSlot.session = this;
  }

  /** Opens the TLS connection and reads the greeting. */
  static async connect(o: EppConnectOptions): Promise<EppSession> {
    const timeoutMs = o.timeoutMs ?? 10_000;
    const t = o.tls ?? {};
    const socket = tls.connect({
      host: o.address, port: o.port ?? DEFAULT_EPP_PORT, ca: t.ca, cert: t.cert, key: t.key,
      rejectUnauthorized: t.insecure !== true, ...(t.servername ? { servername: t.servername } : {}),
    });
    const frames: string[] = [];
    const slot: WaiterSlot = {};
    let secured = false;
    socket.once('secureConnect', () => { secured = true; });
    const reader = new FrameReader();
    const fail = (err: Error) => { if (slot.session) slot.session.#fail(err); else slot.early = err; slot.onEarly?.(err); };
    socket.on('data', (chunk: Buffer) => {
      try { for (const f of reader.push(chunk)) { if (slot.session) slot.session.#deliver(f); else { frames.push(f); slot.onEarly?.(); } } } catch (err) { fail(err as Error); socket.destroy(); }
    });
    socket.on('error', (err) => fail(err));
    socket.on('close', () => fail(new EppError('the server closed the connection')));
    try {
      const first = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new EppError(!secured ? `no TLS handshake within ${timeoutMs} ms` : `no greeting within ${timeoutMs} ms`)), timeoutMs);
        slot.onEarly = (err?: Error) => {
          if (err) { clearTimeout(timer); reject(err); return; }
          if (frames.length > 0) { clearTimeout(timer); resolve(frames.shift()!); }
        };
      });
      slot.onEarly = undefined;
      const greeting = parseEppMessage(first);
      if (greeting.kind !== 'greeting') throw new EppError('the server did not start with a <greeting>');
      return new EppSession(socket, frames, greeting, timeoutMs, slot);
    } catch (err) {
      socket.destroy();
      throw err;
    }
  }

  #deliver(xml: string): void {
    if (this.#waiter) { const w = this.#waiter; this.#waiter = undefined; w.resolve(xml); } else this.#frames.push(xml);
  }

  #fail(err: Error): void {
    this.#failure ??= err;
    if (this.#waiter) { const w = this.#waiter; this.#waiter = undefined; w.reject(err); }
  }

  /** Sends one message and waits for the next frame (bounded). */
  async request(xml: string): Promise<EppMessage> {
    if (this.#waiter) throw new EppError('one EPP command at a time');
    this.#frames.length = 0; // frames nobody asked for (a server speaking out of turn) are not answers
    if (this.#failure) throw this.#failure;
    const answer = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => { this.#waiter = undefined; reject(new EppError(`no answer within ${this.#timeoutMs} ms`)); this.#socket.destroy(); }, this.#timeoutMs);
      this.#waiter = { resolve: (x) => { clearTimeout(timer); resolve(x); }, reject: (e) => { clearTimeout(timer); reject(e); } };
    });
    this.#socket.write(encodeFrame(xml));
    return parseEppMessage(await answer);
  }

  /** A command: the answer must be a <response>. */
  async command(xml: string): Promise<EppResponse> {
    const answer = await this.request(xml);
    if (answer.kind !== 'response') throw new EppError('expected a <response>, got a <greeting>');
    return answer;
  }

  nextTrid(): string {
    return `DW-${process.pid}-${++this.#trid}`;
  }

  async hello(): Promise<EppGreeting> {
    const answer = await this.request(helloXml());
    if (answer.kind !== 'greeting') throw new EppError(`<hello> answered with result ${answer.code} instead of a <greeting>`, answer.code);
    return answer;
  }

  async login(o: LoginOptions): Promise<EppResponse> {
    const r = await this.command(loginXml(o, this.nextTrid()));
    if (r.code >= 2000) throw new EppError(`login refused: ${r.code} ${r.msg}`, r.code);
    return r;
  }

  /** <logout> (1500 expected), then the connection is closed. */
  async logout(): Promise<EppResponse> {
    try { return await this.command(logoutXml(this.nextTrid())); } finally { this.close(); }
  }

  domainInfo(name: string, authInfo?: string): Promise<EppResponse> { return this.command(domainInfoXml(name, this.nextTrid(), authInfo)); }
  domainUpdate(name: string, change: { add?: DomainChange; rem?: DomainChange }): Promise<EppResponse> { return this.command(domainUpdateXml(name, change, this.nextTrid())); }
  domainCreate(o: DomainCreate): Promise<EppResponse> { return this.command(domainCreateXml(o, this.nextTrid())); }
  domainDelete(name: string): Promise<EppResponse> { return this.command(domainDeleteXml(name, this.nextTrid())); }
  domainTransfer(op: TransferOp, name: string, authInfo?: string): Promise<EppResponse> { return this.command(domainTransferXml(op, name, this.nextTrid(), authInfo)); }

  close(): void {
    this.#socket.destroy();
  }
}

interface WaiterSlot { session?: EppSession; early?: Error; onEarly?: (err?: Error) => void }
