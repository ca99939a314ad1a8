import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditHash, canonicalJson, GENESIS_HASH, verifyAuditChain } from './audit-chain.ts';
import type { AuditEntry } from './store.ts';

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields = { seq, at: `2026-11-23T08:0${seq}:00.000Z`, actor: 'ops', action: 'incident.update', org: 'cn-registry', target: `inc-${seq}`, detail: { n: seq, tags: ['a', 'b'] }, prevHash };
    const entry = { ...fields, hash: auditHash(fields) };
    out.push(entry);
    prevHash = entry.hash;
  }
  return out;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } }), '{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
    assert.equal(canonicalJson({ x: 1, y: 2 }), canonicalJson({ y: 2, x: 1 }));
    assert.equal(canonicalJson(undefined), 'null');
    assert.equal(canonicalJson('中国'), '"中国"');
  });
});

describe('verifyAuditChain', () => {
  it('accepts an intact chain and reports its head', () => {
    const entries = chain(5);
    const v = verifyAuditChain(entries);
    assert.deepEqual(v, { ok: true, head: { seq: 5, hash: entries[4].hash } });
    assert.deepEqual(verifyAuditChain([]), { ok: true, head: null });
  });

  it('detects an edited entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], detail: { n: 99, tags: ['a', 'b'] } };
    const v = verifyAuditChain(entries);
    assert.equal(v.ok, false);
    assert.ok(!v.ok && v.seq === 3 && v.problem === 'hash-mismatch');
  });

  it('detects an edited entry whose hash was recomputed (the next link breaks)', () => {
    const entries = chain(5);
    const edited = { ...entries[1], actor: 'intruder' };
    entries[1] = { ...edited, hash: auditHash(edited) };
    const v = verifyAuditChain(entries);
    assert.ok(!v.ok && v.seq === 3 && v.problem === 'prev-hash-mismatch');
  });

  it('detects a removed entry in the middle and at the start', () => {
    const entries = chain(5);
    const v = verifyAuditChain([...entries.slice(0, 2), ...entries.slice(3)]);
    assert.ok(!v.ok && v.seq === 4 && v.problem === 'seq-gap');
    const w = verifyAuditChain(entries.slice(1), { anchorHash: GENESIS_HASH });
    assert.ok(!w.ok && w.seq === 2 && w.problem === 'prev-hash-mismatch');
  });

  it('detects removal of the newest entries against a recorded head', () => {
    const entries = chain(5);
    const head = { seq: 5, hash: entries[4].hash };
    assert.equal(verifyAuditChain(entries, { expectedHead: head }).ok, true);
    const v = verifyAuditChain(entries.slice(0, 4), { expectedHead: head });
    assert.ok(!v.ok && v.problem === 'head-mismatch');
  });

  it('verifies a window that does not start at 1 from its anchor', () => {
    const entries = chain(6);
    assert.equal(verifyAuditChain(entries.slice(3), { anchorHash: entries[2].hash }).ok, true);
    assert.equal(verifyAuditChain(entries.slice(3), { anchorHash: entries[1].hash }).ok, false);
  });
});
