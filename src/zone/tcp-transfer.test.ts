// tcpTransfer: one framed exchange over TCP against a loopback server that answers as the test says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { frameTcp } from '../dns/tcp-framing.ts';
import { tcpTransfer } from './tcp-transfer.ts';

class TestFailure extends Error {}

/** A server that hands each connection to `serve`; returns its port and a closer. */
async function server(serve: (s: Socket, query: Buffer) => void): Promise<{ port: number; close: () => void }> {
  const srv = createServer((s) => s.once('data', (d: Buffer) => serve(s, d)));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { port: (srv.address() as { port: number }).port, close: () => srv.close() };
}

const base = { address: '127.0.0.1', timeoutMs: 2000, query: Uint8Array.of(1, 2, 3), what: 'XFR of t.', Failure: TestFailure };

test('the query goes out framed; messages in pieces are fed until one completes the transfer', async () => {
  const s = await server((sock, query) => {
    assert.deepEqual([...query], [0, 3, 1, 2, 3]);
    const wire = Buffer.concat([frameTcp(Uint8Array.of(7)), frameTcp(Uint8Array.of(8, 9))]);
    sock.write(wire.subarray(0, 4));
    setTimeout(() => sock.write(wire.subarray(4)), 10);
  });
  try {
    const seen: number[][] = [];
    const result = await tcpTransfer({ ...base, port: s.port, onMessage: (m) => { seen.push([...m]); return m.length === 2 ? 'done' : null; } });
    assert.equal(result, 'done');
    assert.deepEqual(seen, [[7], [8, 9]]);
  } finally { s.close(); }
});

test('an early close fails with the caller\'s error, unless onClose has a result', async () => {
  const s = await server((sock) => sock.end(frameTcp(Uint8Array.of(1))));
  try {
    await assert.rejects(tcpTransfer({ ...base, port: s.port, onMessage: () => null, closedDetail: () => '(1 records)' }),
      (e: Error) => e instanceof TestFailure && e.message === 'XFR of t.: connection closed before the closing SOA (1 records)');
    assert.equal(await tcpTransfer({ ...base, port: s.port, onMessage: () => null, onClose: () => 'current' }), 'current');
  } finally { s.close(); }
});

test('a throw of the caller\'s class passes as is; any other is a malformed message; silence times out', async () => {
  const s = await server((sock) => sock.write(frameTcp(Uint8Array.of(1))));
  try {
    await assert.rejects(tcpTransfer({ ...base, port: s.port, onMessage: () => { throw new TestFailure('XFR of t. refused: REFUSED'); } }),
      { message: 'XFR of t. refused: REFUSED' });
    await assert.rejects(tcpTransfer({ ...base, port: s.port, onMessage: () => { throw new RangeError('bad label'); } }),
      (e: Error) => e instanceof TestFailure && e.message === 'XFR of t.: malformed message: bad label');
    await assert.rejects(tcpTransfer({ ...base, port: s.port, timeoutMs: 100, onMessage: () => null }),
      (e: Error) => e instanceof TestFailure && e.message === 'XFR of t. timed out after 100 ms');
  } finally { s.close(); }
});
