// Replays the fuzz corpus (crashers found by bench/fuzz-dns-client.ts plus hand-made hostile packets)
// and a bounded fixed-seed fuzz through the client's response path: nothing may throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { judgeResponse, type Verdict } from '../src/dns/response-match.ts';
import { FUZZ_ID, FUZZ_QUERY, mutate, nastyPackets, seedPackets, seededRandom, sha1 } from './fuzz/dns-response-mutator.ts';

const CORPUS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fuzz/corpus');
const judge = (p: Uint8Array): Verdict => judgeResponse(p, FUZZ_QUERY, FUZZ_ID);

test('every corpus packet is judged without throwing', () => {
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.bin'));
  assert.ok(files.length >= 10, 'the hand-made packets are in the corpus');
  for (const f of files) {
    const packet = new Uint8Array(readFileSync(path.join(CORPUS, f)));
    assert.doesNotThrow(() => judge(packet), f);
  }
});

test('hand-made hostile packets are in the corpus and end as malformed or ignored, never as an answer', () => {
  const present = new Set(readdirSync(CORPUS));
  for (const [name, packet] of Object.entries(nastyPackets())) {
    assert.ok(present.has(`${sha1(packet)}.bin`), `${name} is committed to the corpus`);
    const v = judge(packet);
    assert.notEqual(v.kind, 'answer', name);
  }
  assert.equal(judge(nastyPackets()['pointer-self-loop']).kind, 'malformed');
  assert.equal(judge(nastyPackets()['count-65535-no-data']).kind, 'malformed');
  assert.equal(judge(nastyPackets()['truncated-opt']).kind, 'malformed');
});

test('the seeds are well-formed answers (so the fuzz starts from valid packets)', () => {
  for (const seed of seedPackets()) assert.equal(judge(seed).kind, 'answer');
});

test('20,000 fixed-seed mutations: no throw, and every outcome kind is reached', () => {
  const rnd = seededRandom(424242);
  const seeds = [...seedPackets(), ...Object.values(nastyPackets())];
  const kinds = new Set<string>();
  for (let i = 0; i < 20_000; i++) {
    const packet = mutate(seeds, rnd);
    let v: Verdict;
    try {
      v = judge(packet);
    } catch (err) {
      assert.fail(`packet ${Buffer.from(packet).toString('hex')} threw: ${String(err)}`);
    }
    kinds.add(v.kind === 'ignore' ? `ignore:${v.reason}` : v.kind);
  }
  for (const k of ['answer', 'malformed', 'ignore:id-mismatch', 'ignore:question-mismatch', 'ignore:short']) assert.ok(kinds.has(k), k);
});
