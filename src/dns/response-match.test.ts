import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as dnsPacket from '@leichtgewicht/dns-packet';
import { encodeQuery, judgeResponse, rcodeName, setQueryId } from './response-match.ts';

const base = { address: '127.0.0.1', port: 53, timeoutMs: 1000 };

function reply(id: number, name: string, type: string, extra: Partial<dnsPacket.Packet> = {}): Uint8Array {
  return dnsPacket.encode({ type: 'response', id, flags: dnsPacket.AUTHORITATIVE_ANSWER, questions: [{ name, type: type as 'A', class: 'IN' }], ...extra });
}

test('encodeQuery sends EDNS0 with a 1232-octet buffer, DO only when asked, RD only when asked', () => {
  const plain = dnsPacket.decode(encodeQuery({ ...base, name: 'www.lab.', type: 'AAAA' }).wire);
  assert.equal(plain.questions![0].type, 'AAAA');
  assert.equal(plain.flag_rd, false);
  const opt = plain.additionals![0] as unknown as { type: string; udpPayloadSize: number; flag_do: boolean };
  assert.equal(opt.type, 'OPT');
  assert.equal(opt.udpPayloadSize, 1232);
  assert.equal(opt.flag_do, false);
  const secure = dnsPacket.decode(encodeQuery({ ...base, name: 'lab', type: 'DNSKEY', dnssecOk: true, recursionDesired: true, checkingDisabled: true }).wire);
  assert.equal((secure.additionals![0] as unknown as { flag_do: boolean }).flag_do, true);
  assert.equal(secure.flag_rd, true);
  assert.equal(secure.flag_cd, true);
});

test('encodeQuery accepts TYPEnnn and rejects names it cannot send', () => {
  const q = encodeQuery({ ...base, name: 'x.lab.', type: 'TYPE65534' });
  assert.equal((q.wire[q.questionEnd - 4] << 8) | q.wire[q.questionEnd - 3], 65534);
  assert.throws(() => encodeQuery({ ...base, name: `${'a'.repeat(64)}.lab.`, type: 'A' }), /label/);
  assert.throws(() => encodeQuery({ ...base, name: 'a..lab.', type: 'A' }), /label/);
  assert.throws(() => encodeQuery({ ...base, name: 'lab.', type: 'NOSUCHTYPE' }), /unknown query type/);
});

test('judgeResponse accepts a matching answer; question compared case-insensitively', () => {
  const q = encodeQuery({ ...base, name: 'WwW.Lab.', type: 'A' });
  const r = reply(4242, 'www.LAB', 'A', { answers: [{ name: 'www.lab', type: 'A', ttl: 60, data: '192.0.2.7' }] });
  const v = judgeResponse(r, q, 4242);
  assert.equal(v.kind, 'answer');
  if (v.kind !== 'answer') return;
  assert.equal(v.sections.rcode, 'NOERROR');
  assert.equal(v.sections.aa, true);
  assert.deepEqual(v.sections.answer, [{ name: 'www.lab.', type: 'A', ttl: 60, data: '192.0.2.7' }]);
});

test('judgeResponse ignores what is not ours: ID, QR, opcode, question name/type/class, short', () => {
  const q = encodeQuery({ ...base, name: 'www.lab.', type: 'A' });
  assert.deepEqual(judgeResponse(reply(1, 'www.lab', 'A'), q, 2), { kind: 'ignore', reason: 'id-mismatch' });
  const notResponse = reply(2, 'www.lab', 'A');
  notResponse[2] &= 0x7f;
  assert.deepEqual(judgeResponse(notResponse, q, 2), { kind: 'ignore', reason: 'not-response' });
  const notify = reply(2, 'www.lab', 'A');
  notify[2] |= 4 << 3;
  assert.deepEqual(judgeResponse(notify, q, 2), { kind: 'ignore', reason: 'opcode-mismatch' });
  assert.deepEqual(judgeResponse(reply(2, 'www.lab2', 'A'), q, 2), { kind: 'ignore', reason: 'question-mismatch' });
  assert.deepEqual(judgeResponse(reply(2, 'www.lab', 'AAAA'), q, 2), { kind: 'ignore', reason: 'question-mismatch' });
  const chaos = dnsPacket.encode({ type: 'response', id: 2, questions: [{ name: 'www.lab', type: 'A', class: 'CH' }] });
  assert.deepEqual(judgeResponse(chaos, q, 2), { kind: 'ignore', reason: 'question-mismatch' });
  assert.deepEqual(judgeResponse(new Uint8Array(5), q, 0), { kind: 'ignore', reason: 'short' });
});

test('judgeResponse: our header with a broken body is malformed, truncated answers still say tc', () => {
  const q = encodeQuery({ ...base, name: 'www.lab.', type: 'A' });
  setQueryId(q.wire, 9);
  const good = reply(9, 'www.lab', 'A', { answers: [{ name: 'www.lab', type: 'A', ttl: 60, data: '192.0.2.7' }] });
  const cut = good.slice(0, good.length - 2);
  assert.equal(judgeResponse(cut, q, 9).kind, 'malformed');
  const cutTc = cut.slice();
  cutTc[2] |= 0x02;
  const v = judgeResponse(cutTc, q, 9);
  assert.equal(v.kind === 'answer' && v.sections.tc, true);
  const noQuestion = Uint8Array.of(0, 9, 0x80, 0x01, 0, 0, 0, 0, 0, 0, 0, 0);
  assert.deepEqual(judgeResponse(noQuestion, q, 9), { kind: 'malformed', error: 'response has no question section (rcode FORMERR)' });
});

test('RCODE names include the extended RCODE from OPT', () => {
  assert.equal(rcodeName(3), 'NXDOMAIN');
  assert.equal(rcodeName(5), 'REFUSED');
  assert.equal(rcodeName(12), 'RCODE12');
  const q = encodeQuery({ ...base, name: 'lab.', type: 'SOA' });
  const r = reply(3, 'lab', 'SOA', { additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 1 } as never] });
  const v = judgeResponse(r, q, 3);
  assert.equal(v.kind === 'answer' && v.sections.rcode, 'BADVERS');
});
