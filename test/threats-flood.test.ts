// The public intake under a flood (issue 11 "Must show"): one address sends 3,000 requests at about
// 1,000 a second over real loopback TCP — junk JSON, a wrong content type, oversized bodies and some
// valid reports — while a second address keeps reporting. The second address's reports are all
// accepted (202), the flooder is refused cheaply (429 before its body is read), and no accepted report
// is lost: reports stored == 202 answers. The limiter's clock is the world's fake clock (frozen), so the
// outcome does not depend on the machine's speed; the pacing only makes the load realistic.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildThreatWorld, phishing, type ThreatWorld } from './threats-fixtures.ts';

let w: ThreatWorld;
let port = 0;
before(async () => {
  w = await buildThreatWorld();
  await w.app.listen({ host: '127.0.0.1', port: 0 });
  port = (w.app.server.address() as AddressInfo).port;
});
after(async () => { await w?.close(); });

interface Sent { status: number; ms: number }

function send(agent: Agent, localAddress: string, body: string | Buffer, contentType = 'application/json', path = '/api/v1/threat-reports', method = 'POST'): Promise<Sent> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, method, agent, localAddress,
      headers: method === 'POST' ? { 'content-type': contentType, 'content-length': Buffer.byteLength(body) } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
    });
    req.on('error', () => resolve({ status: 0, ms: performance.now() - t0 }));
    if (method === 'POST') req.end(body); else req.end();
  });
}

const junk = (i: number): [string | Buffer, string] => {
  switch (i % 5) {
    case 0: return [JSON.stringify(phishing({ names: [`flood-${i}.lab`] })), 'application/json'];
    case 1: return ['{"names": [', 'application/json'];
    case 2: return ['names=x.lab', 'application/x-www-form-urlencoded'];
    case 3: return [Buffer.alloc(100 * 1024, 0x7b), 'application/json'];
    default: return [JSON.stringify({ xarf_version: 4, junk: true }), 'application/json'];
  }
};

test('3,000 requests from one address at ~1,000/s: another address is still answered and every accepted report is stored', async (t) => {
  const floodAgent = new Agent({ keepAlive: true, maxSockets: 48 });
  const otherAgent = new Agent({ keepAlive: true, maxSockets: 4 });
  const flood: Array<Promise<Sent>> = [];
  const other: Array<Promise<Sent>> = [];
  const started = performance.now();
  // 30 rounds of 100 flood requests, one every 100 ms (bounded: 3,000 in all); the other address sends one report every 3rd round.
  for (let round = 0; round < 30; round++) {
    for (let k = 0; k < 100; k++) {
      const [body, type] = junk(round * 100 + k);
      flood.push(send(floodAgent, '127.0.0.2', body, type));
    }
    if (round % 3 === 0) other.push(send(otherAgent, '127.0.0.3', JSON.stringify(phishing({ names: [`victim-${round}.lab`] }))));
    await new Promise((r) => setTimeout(r, 100));
  }
  const floodRes = await Promise.all(flood);
  const otherRes = await Promise.all(other);
  const seconds = (performance.now() - started) / 1000;
  floodAgent.destroy();
  otherAgent.destroy();

  const count = (rs: Sent[], s: number) => rs.filter((r) => r.status === s).length;
  const byStatus = Object.fromEntries([...new Set(floodRes.map((r) => r.status))].sort().map((s) => [s, count(floodRes, s)]));
  const p50 = otherRes.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(otherRes.length / 2)];
  t.diagnostic(`flood: ${floodRes.length} requests in ${seconds.toFixed(2)} s (${(floodRes.length / seconds).toFixed(0)}/s), answers ${JSON.stringify(byStatus)}; other address: ${otherRes.length} reports, median ${p50.toFixed(1)} ms`);

  assert.equal(floodRes.length, 3000);
  assert.equal(count(floodRes, 0), 0, 'every flood request got an answer (no dropped connections)');
  // A wrong content type is refused (415) before any route runs; everything else spends the burst (20), then 429.
  assert.equal(count(floodRes, 415), 600);
  assert.equal(count(floodRes, 202) + count(floodRes, 400) + count(floodRes, 413), 20, 'exactly the burst got through to the route');
  assert.equal(count(floodRes, 429), 3000 - 600 - 20, 'the flooder is refused once its burst is spent');
  assert.equal(floodRes.filter((r) => ![202, 400, 413, 415, 429].includes(r.status)).length, 0, 'no 5xx');
  assert.deepEqual(otherRes.map((r) => r.status), otherRes.map(() => 202), 'the other address is never refused');
  const accepted = count(floodRes, 202) + count(otherRes, 202);
  assert.equal(await w.store.countThreatReports(), accepted, 'stored reports == 202 answers');
  assert.ok(count(floodRes, 202) >= 1, 'the flooder\'s first valid reports were accepted too');
  const status = await send(new Agent(), '127.0.0.3', '', 'application/json', '/api/v1/threat-cases', 'GET');
  assert.equal(status.status, 401, 'the server still answers everything else');
});
