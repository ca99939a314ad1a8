// RFC 2136 UPDATE messages: the operations of many names packed into as few messages as fit the size
// limit (TCP allows 65,535 octets; a name's operations never straddle two messages), signed with TSIG
// and sent to the primary over TCP, one connection per message. A message is all or nothing (RFC 2136
// §3.5), so every name of a batch shares its outcome.
import { randomInt } from 'node:crypto';
import net from 'node:net';
import { signMessage, verifyResponse, type TsigKey } from './tsig.ts';
import { CLASS, TYPE, nameWire, parseResponse, rdataWire, rrWire } from './wire-writer.ts';

export type UpdateOp =
  | { op: 'delete-rrset'; name: string; type: 'NS' | 'A' | 'AAAA' | 'DS' }
  | { op: 'delete-rr'; name: string; type: 'NS' | 'A' | 'AAAA' | 'DS'; data: string }
  | { op: 'add'; name: string; type: 'NS' | 'A' | 'AAAA' | 'DS'; ttl: number; data: string };

export interface NameOps { name: string; ops: UpdateOp[] }

const RCODES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET', 'NXRRSET', 'NOTAUTH', 'NOTZONE'];
export const rcodeName = (n: number): string => RCODES[n] ?? `RCODE${n}`;

function opWire(o: UpdateOp): Buffer {
  const type = TYPE[o.type];
  if (o.op === 'delete-rrset') return rrWire(o.name, type, CLASS.ANY, 0, Buffer.alloc(0));
  if (o.op === 'delete-rr') return rrWire(o.name, type, CLASS.NONE, 0, rdataWire(o.type, o.data));
  return rrWire(o.name, type, CLASS.IN, o.ttl, rdataWire(o.type, o.data));
}

/** Packs the names' operations into message bodies of at most `maxBytes` (before the header and TSIG). */
export function packBatches(items: NameOps[], maxBytes: number): Array<{ names: string[]; body: Buffer[]; count: number }> {
  const batches: Array<{ names: string[]; body: Buffer[]; count: number; size: number }> = [];
  let cur = { names: [] as string[], body: [] as Buffer[], count: 0, size: 0 };
  for (const item of items) {
    const wires = item.ops.map(opWire);
    const size = wires.reduce((n, w) => n + w.length, 0);
    if (cur.names.length > 0 && cur.size + size > maxBytes) { batches.push(cur); cur = { names: [], body: [], count: 0, size: 0 }; }
    cur.names.push(item.name);
    cur.body.push(...wires);
    cur.count += wires.length;
    cur.size += size;
  }
  if (cur.names.length > 0) batches.push(cur);
  return batches;
}

/** The unsigned UPDATE message: header (opcode 5), the zone, no prerequisites, the updates. */
export function updateMessage(zone: string, body: Buffer[], count: number, id = randomInt(0, 65536)): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(5 << 11, 2);
  header.writeUInt16BE(1, 4); // ZOCOUNT
  header.writeUInt16BE(count, 8); // UPCOUNT
  const zoneSection = Buffer.concat([nameWire(zone), Buffer.from([0, TYPE.SOA, 0, CLASS.IN])]);
  return Buffer.concat([header, zoneSection, ...body]);
}

/** One request/response over TCP (2-octet length framing), bounded by `timeoutMs`. */
export function tcpExchange(address: string, port: number, wire: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address, port });
    let got = Buffer.alloc(0);
    const timer = setTimeout(() => { socket.destroy(); reject(new Error(`no answer from ${address}:${port} within ${timeoutMs} ms`)); }, timeoutMs);
    const done = (err: Error | null, out?: Buffer) => { clearTimeout(timer); socket.destroy(); if (err) reject(err); else resolve(out!); };
    socket.once('connect', () => {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(wire.length, 0);
      socket.write(Buffer.concat([len, wire]));
    });
    socket.on('data', (d) => {
      got = Buffer.concat([got, d]);
      if (got.length >= 2 && got.length >= 2 + got.readUInt16BE(0)) done(null, got.subarray(2, 2 + got.readUInt16BE(0)));
    });
    socket.once('error', (err) => done(err));
    socket.once('close', () => done(new Error(`${address}:${port} closed the connection without an answer`)));
  });
}

export interface SendOptions { address: string; port: number; zone: string; key: TsigKey; timeoutMs: number; now: () => number }

/** Sends one batch; null when the primary applied it, else why not. */
export async function sendUpdate(o: SendOptions, body: Buffer[], count: number): Promise<string | null> {
  const message = updateMessage(o.zone, body, count);
  const signed = signMessage(message, o.key, Math.floor(o.now() / 1000));
  let answer: Buffer;
  try {
    answer = await tcpExchange(o.address, o.port, signed.wire, o.timeoutMs);
  } catch (err) {
    return (err as Error).message;
  }
  const parsed = parseResponse(answer);
  if (parsed.id !== message.readUInt16BE(0) || parsed.opcode !== 5) return 'the answer does not match the UPDATE';
  const tsigProblem = verifyResponse(answer, parsed.tsig, o.key, signed.mac);
  if (parsed.rcode !== 0) return `the primary answered ${rcodeName(parsed.rcode)}${tsigProblem && parsed.tsig ? ` (${tsigProblem})` : ''}`;
  return tsigProblem;
}
