// EPP TEST SERVER — for tests and the bundled lab only, not a registry. It follows RFC 5730 (protocol),
// RFC 5731 (domain mapping) and RFC 5734 (TLS transport, 4-byte length framing): TLS on loopback, a
// <greeting> on connect and on <hello>, <login>/<logout> against configured client ids and passwords
// (and, when asked, a client certificate signed by the given CA), and domain info/update/create/delete/
// transfer on an in-memory registry (epp-test-registry.ts) that enforces server*/client*Prohibited.
// EVERY request is validated with Debian's `xmllint --schema` against the RFC schemas (./schemas): an
// invalid one is answered 2001 with xmllint's reason. Fault knobs: stopped (the port refuses), delayMs
// (every answer late), silent (accepts TCP and TLS, never sends a greeting nor an answer), garbage
// (answers bytes that are not EPP).
import net from 'node:net';
import tls from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import { encodeFrame, EppFramingError, FrameReader } from './epp-framing.ts';
import { EppTestRegistry, RESULT_TEXT, type Outcome } from './epp-test-registry.ts';
import { greetingXml, readRequest, responseXml } from './epp-test-request.ts';
import { DOMAIN_NS } from './epp-xml.ts';
import { validateXml } from './xmllint.ts';

export interface EppFaults { stopped?: boolean; delayMs?: number; silent?: boolean; garbage?: boolean }

export interface EppTestServerOptions {
  address?: string;
  /** 0 (default): any free port. */
  port?: number;
  /** PEM server certificate and key; `ca` + `requireClientCert` make TLS demand a client certificate signed by it. */
  tls: { cert: string | Buffer; key: string | Buffer; ca?: string | Buffer; requireClientCert?: boolean };
  /** clientId → password. */
  clients: Record<string, string>;
  domains?: Array<{ name: string; statuses?: string[]; ns?: string[]; clID?: string; authInfo?: string }>;
  svID?: string;
  now?: () => Date;
  log?: (line: string) => void;
}

export interface EppTestServer {
  readonly address: string;
  readonly port: number;
  readonly registry: EppTestRegistry;
  /** Requests refused by the schema check, with xmllint's reason (for tests). */
  readonly refused: Array<{ xml: string; reason: string }>;
  setFaults(faults: EppFaults): Promise<void>;
  getFaults(): EppFaults;
  close(): Promise<void>;
}

const GARBAGE = Buffer.from('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');

export async function startEppTestServer(o: EppTestServerOptions): Promise<EppTestServer> {
  const address = o.address ?? '127.0.0.1';
  const now = o.now ?? (() => new Date());
  const registry = new EppTestRegistry(now);
  for (const d of o.domains ?? []) registry.put(d);
  const svID = o.svID ?? 'dnswarden EPP test server';
  let faults: EppFaults = {};
  let trid = 0;
  const sockets = new Set<net.Socket>();
  const refused: Array<{ xml: string; reason: string }> = [];

  const server = tls.createServer({
    cert: o.tls.cert, key: o.tls.key, ...(o.tls.ca ? { ca: o.tls.ca } : {}),
    requestCert: o.tls.requireClientCert === true, rejectUnauthorized: o.tls.requireClientCert === true,
  }, (socket) => void session(socket));
  server.on('tlsClientError', () => {});

  async function session(socket: tls.TLSSocket): Promise<void> {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    if (faults.silent) return; // accepted, TLS done, and nothing ever comes
    const send = async (xml: string): Promise<void> => {
      if (faults.delayMs) await sleep(faults.delayMs);
      if (socket.destroyed || faults.silent) return;
      socket.write(faults.garbage ? GARBAGE : encodeFrame(xml));
    };
    let loggedIn: string | undefined;
    const reader = new FrameReader();
    let queue = Promise.resolve();
    const answer = async (xml: string): Promise<void> => {
      const verdict = await validateXml(xml);
      const svTRID = `SV-${++trid}`;
      if (!verdict.valid) {
        refused.push({ xml, reason: verdict.reason });
        return send(responseXml({ code: 2001, msg: `${RESULT_TEXT[2001]}: ${verdict.reason}` }, svTRID));
      }
      const req = readRequest(xml);
      if (req.kind === 'hello') return send(greetingXml(svID, now()));
      const reply = (out: Outcome) => send(responseXml(out, svTRID, req.clTRID));
      const use = (detail: string): Outcome => ({ code: 2002, msg: `${RESULT_TEXT[2002]}: ${detail}` });
      if (req.verb === 'login') {
        if (loggedIn) return reply(use('already logged in'));
        if (!req.login || o.clients[req.login.clID] !== req.login.pw) return reply({ code: 2200, msg: RESULT_TEXT[2200] });
        loggedIn = req.login.clID;
        return reply({ code: 1000, msg: RESULT_TEXT[1000] });
      }
      if (!loggedIn) return reply(use('log in first'));
      if (req.verb === 'logout') { await reply({ code: 1500, msg: RESULT_TEXT[1500] }); socket.end(); return; }
      if (req.objectNs !== DOMAIN_NS) return reply({ code: 2101, msg: `${RESULT_TEXT[2101]}: only the domain mapping is served` });
      const name = req.name ?? '';
      switch (req.verb) {
        case 'info': return reply(registry.info(name));
        case 'update': return reply(registry.update(name, req.change!));
        case 'create': return reply(registry.create(loggedIn, { name, ns: req.ns ?? [], authInfo: req.authInfo ?? '' }));
        case 'delete': return reply(registry.delete(name));
        case 'transfer': return reply(registry.transfer(loggedIn, req.op ?? '', name, req.authInfo));
        default: return reply({ code: 2101, msg: `${RESULT_TEXT[2101]}: ${req.verb}` });
      }
    };
    socket.on('data', (chunk: Buffer) => {
      let frames: string[];
      try { frames = reader.push(chunk); } catch (err) {
        if (err instanceof EppFramingError) { socket.destroy(); return; }
        throw err;
      }
      // One request at a time, in order (RFC 5730 §2: the server answers each command before the next).
      for (const xml of frames) queue = queue.then(() => answer(xml)).catch((err) => { o.log?.(`epp test server: ${String(err)}`); socket.destroy(); });
    });
    await send(greetingXml(svID, now()));
  }

  const listen = (port: number) => new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => { server.off('error', reject); resolve(); });
  });
  await listen(o.port ?? 0);
  const port = (server.address() as net.AddressInfo).port;
  const dropAll = () => { for (const s of sockets) s.destroy(); };

  return {
    address, port, registry, refused,
    getFaults: () => ({ ...faults }),
    async setFaults(next: EppFaults) {
      const wasStopped = faults.stopped === true;
      faults = { ...faults, ...next };
      if (!wasStopped && faults.stopped) { dropAll(); await new Promise<void>((r) => server.close(() => r())); }
      if (wasStopped && !faults.stopped) await listen(port);
    },
    async close() {
      dropAll();
      if (server.listening) await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
