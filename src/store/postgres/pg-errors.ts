// Classifies errors of the pg driver: "the server is not there" becomes StoreUnavailableError
// (the caller keeps its data and retries); key violations become the store's own errors.
import { AlreadyExistsError, NotFoundError, StoreError, StoreUnavailableError } from '../store-errors.ts';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections.
const SERVER_GONE_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
const GONE_MESSAGES = /connection terminated|terminating connection|timeout exceeded when trying to connect|query read timeout|client has encountered a connection error|not queryable|connection is closed/i;

export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_GONE_CODES.has(code) || code.startsWith('08'))) return true;
  if (err instanceof AggregateError) return err.errors.some(isConnectionError);
  return GONE_MESSAGES.test(err.message);
}

export function mapPgError(err: unknown, what = 'row'): unknown {
  if (err instanceof StoreError) return err;
  if (isConnectionError(err)) {
    return new StoreUnavailableError(`PostgreSQL unavailable: ${(err as Error).message || (err as { code?: string }).code}`, { cause: err });
  }
  const code = (err as { code?: unknown }).code;
  if (code === '23505') return new AlreadyExistsError(what);
  if (code === '23503') return new NotFoundError(what);
  return err;
}
