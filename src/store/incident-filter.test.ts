import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { incidentFilterSql } from './incident-filter.ts';

describe('incidentFilterSql', () => {
  it('filters real incidents only by default, with a bounded page', () => {
    const s = incidentFilterSql({}, 'postgres');
    assert.equal(s.where, 'WHERE drill = $1');
    assert.equal(s.page, 'LIMIT $2 OFFSET $3');
    assert.deepEqual(s.params, [false, 100, 0]);
  });

  it('numbers parameters per dialect and expands sets', () => {
    const f = { org: ['a', 'b'], state: 'open', grade: ['I', 'II'] as const, from: '2026-01-01T00:00:00Z', limit: 5000, drill: true };
    const pg = incidentFilterSql({ ...f, grade: [...f.grade] }, 'postgres');
    assert.equal(pg.where, 'WHERE drill = $1 AND org = ANY($2::text[]) AND state = $3 AND grade = ANY($4::text[]) AND created_at >= $5');
    assert.deepEqual(pg.params, [true, ['a', 'b'], 'open', ['I', 'II'], '2026-01-01T00:00:00.000Z', 1000, 0]);
    const lite = incidentFilterSql({ ...f, grade: [...f.grade] }, 'sqlite');
    assert.match(lite.where, /^WHERE drill = \?1 AND org IN \(SELECT value FROM json_each\(\?2\)\) AND state = \?3/);
    assert.deepEqual(lite.params.slice(0, 2), [1, '["a","b"]']);
  });

  it('rejects a malformed time instead of matching nothing silently', () => {
    assert.throws(() => incidentFilterSql({ from: 'yesterday' }, 'sqlite'), /not a time/);
  });
});
