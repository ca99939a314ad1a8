// The lab daemon's control channel: JSON lines over a Unix socket in the lab folder. One request
// per line, one answer per line; the CLI opens a connection, asks, and closes.
import { existsSync, rmSync } from 'node:fs';
import net from 'node:net';
import type { NodeFaults } from './lab-faults.ts';
import type { ZoneRecord } from '../zone/zone-types.ts';

export type ControlRequest =
  | { op: 'status' }
  | { op: 'fault'; node: string; kind: string; set: NodeFaults }
  | { op: 'shutdown' };

export interface NodeStatus {
  key: string;
  address: string;
  port: number;
  role: 'authoritative' | 'resolver' | 'service';
  /** 'builtin' auth server, 'unbound' or the 'forwarder' fallback resolver; the TLD's services (lab-services.ts). */
  server: 'builtin' | 'unbound' | 'forwarder' | 'epp' | 'whois' | 'rdap';
  faults: NodeFaults;
  running: boolean;
}

export type ControlResponse =
  | { ok: true; nodes?: NodeStatus[]; services?: NodeStatus[]; node?: NodeStatus; tampered?: number; tamperedRecords?: ZoneRecord[] }
  | { ok: false; error: string };

const MAX_LINE = 1 << 20;

/** Serves requests on `socketPath` (an old socket file is replaced). */
export async function startControlServer(
  socketPath: string,
  handle: (request: ControlRequest) => Promise<ControlResponse>,
): Promise<net.Server> {
  if (existsSync(socketPath)) rmSync(socketPath, { force: true });
  const server = net.createServer((socket) => {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.length > MAX_LINE) { socket.destroy(); return; }
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        void answer(line).then((response) => { if (!socket.destroyed) socket.write(`${JSON.stringify(response)}\n`); });
      }
    });
  });
  const answer = async (line: string): Promise<ControlResponse> => {
    try {
      return await handle(JSON.parse(line) as ControlRequest);
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => { server.off('error', reject); resolve(); });
  });
  return server;
}

/** Sends one request and waits (at most timeoutMs) for its answer. */
export function controlRequest(socketPath: string, request: ControlRequest, timeoutMs = 10_000): Promise<ControlResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    let buffer = '';
    const timer = setTimeout(() => { socket.destroy(); reject(new Error(`the lab daemon did not answer within ${timeoutMs} ms`)); }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const nl = buffer.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      socket.end();
      try { resolve(JSON.parse(buffer.slice(0, nl)) as ControlResponse); } catch (err) { reject(err as Error); }
    });
    socket.on('error', (err) => { clearTimeout(timer); reject(new Error(`cannot reach the lab daemon at ${socketPath}: ${err.message}`)); });
  });
}
