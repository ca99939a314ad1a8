import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectionError, mapPgError } from './pg-errors.ts';
import { AlreadyExistsError, StoreUnavailableError } from '../store-errors.ts';

const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });

describe('pg error mapping', () => {
  it('treats refused, reset, shutdown and terminated connections as unavailability', () => {
    assert.ok(isConnectionError(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')));
    assert.ok(isConnectionError(withCode('terminating connection due to administrator command', '57P01')));
    assert.ok(isConnectionError(new Error('Connection terminated unexpectedly')));
    assert.ok(isConnectionError(new AggregateError([withCode('x', 'ECONNREFUSED')], '')));
    assert.ok(mapPgError(withCode('x', '08006')) instanceof StoreUnavailableError);
  });

  it('keeps SQL errors as they are and maps unique violations', () => {
    const syntax = withCode('syntax error', '42601');
    assert.equal(isConnectionError(syntax), false);
    assert.equal(mapPgError(syntax), syntax);
    assert.ok(mapPgError(withCode('dup', '23505'), 'incident x') instanceof AlreadyExistsError);
  });
});
