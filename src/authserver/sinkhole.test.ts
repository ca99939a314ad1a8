// The sinkhole's answers (pure: sinkholeAnswer) and its query log: batched, bounded, rotating.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as packet from '@leichtgewicht/dns-packet';
import { readSinkholeLog, sinkholeAnswer, SinkholeLog } from './sinkhole-server.ts';

const query = (name: string, type: string) => Buffer.from(packet.encode({ id: 7, type: 'query', flags: 0, questions: [{ name, type, class: 'IN' }] } as packet.Packet));
const at = () => new Date('2026-12-04T12:00:00Z');

test('answers for sinkholed names and below: A/AAAA the sinkhole addresses, NS/SOA at the name; other names REFUSED; every query logged with its case', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dw-sink-'));
  try {
    const log = new SinkholeLog({ dir, maxBytes: 1 << 20, files: 2 });
    const o = { address: '127.0.0.1', port: 0, addresses: ['127.0.10.66', '2001:db8::66'], nameservers: ['ns1.sinkhole.lab.'], names: () => new Map([['evil.lab.', 'TC-1']]), log, now: at };
    const ask = (name: string, type: string) => packet.decode(sinkholeAnswer(o, query(name, type), { address: '127.0.0.9', port: 5300 })!);
    const a = ask('WWW.Evil.lab', 'A');
    assert.deepEqual([a.rcode, a.flags! & packet.AUTHORITATIVE_ANSWER, a.answers!.map((r) => r.data)], ['NOERROR', packet.AUTHORITATIVE_ANSWER, ['127.0.10.66']]);
    assert.deepEqual(ask('evil.lab', 'AAAA').answers!.map((r) => r.data), ['2001:db8::66']);
    assert.deepEqual(ask('evil.lab', 'NS').answers!.map((r) => r.data), ['ns1.sinkhole.lab']);
    const mx = ask('evil.lab', 'MX');
    assert.deepEqual([mx.answers!.length, mx.authorities!.map((r) => r.type)], [0, ['SOA']]);
    assert.equal(ask('good.lab', 'A').rcode, 'REFUSED');
    assert.equal(sinkholeAnswer(o, Buffer.from('junk'), { address: '127.0.0.9', port: 1 }), null);
    log.close();
    assert.deepEqual(readSinkholeLog(dir, { case: 'TC-1' }).map((q) => `${q.name} ${q.type} ${q.client}`),
      ['www.evil.lab. A 127.0.0.9', 'evil.lab. AAAA 127.0.0.9', 'evil.lab. NS 127.0.0.9', 'evil.lab. MX 127.0.0.9']);
    assert.deepEqual(readSinkholeLog(dir).at(-1), { at: '2026-12-04T12:00:00.000Z', client: '127.0.0.9', port: 5300, name: 'good.lab.', type: 'A', sinkholed: null, case: null });
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('the log is bounded: it rotates at maxBytes and keeps `files` old files; reading returns the newest entries in order', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dw-sink-'));
  try {
    const log = new SinkholeLog({ dir, maxBytes: 8192, files: 3 });
    for (let i = 0; i < 5000; i++) {
      log.add({ at: '2026-12-04T12:00:00.000Z', client: '127.0.0.9', port: i, name: `n${i}.evil.lab.`, type: 'A', sinkholed: 'evil.lab.', case: 'TC-1' });
      if (i % 50 === 49) log.flush();
    }
    log.close();
    const files = readdirSync(dir).sort();
    assert.deepEqual(files, ['sinkhole.log', 'sinkhole.log.1', 'sinkhole.log.2', 'sinkhole.log.3']);
    for (const f of files) assert.ok(statSync(path.join(dir, f)).size <= 8192, f);
    const kept = readSinkholeLog(dir);
    assert.ok(kept.length > 100 && kept.length < 5000);
    assert.equal(kept.at(-1)!.port, 4999);
    assert.deepEqual(kept.map((q) => q.port), Array.from({ length: kept.length }, (_, i) => 5000 - kept.length + i), 'contiguous, oldest first');
    assert.equal(existsSync(path.join(dir, 'sinkhole.log.4')), false);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
