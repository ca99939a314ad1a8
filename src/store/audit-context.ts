// Who an audit entry is written "on behalf of": a request authenticated with an API token that an
// admin minted for another user runs inside `auditContext.run({ onBehalfOf }, …)` (src/http), and every
// audit entry appended meanwhile — by the routes or by the incident service — carries
// `detail.onBehalfOf = { issuer, user }` (prepareAudit, audit-append.ts), so the log says who really acted.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface AuditContext {
  onBehalfOf?: { issuer: string; user: string };
}

export const auditContext = new AsyncLocalStorage<AuditContext>();

/** The detail of an entry with the current context merged in (unchanged outside a context). */
export function detailInContext(detail: unknown, ctx: AuditContext | undefined = auditContext.getStore()): unknown {
  if (!ctx?.onBehalfOf) return detail ?? null;
  const base = detail === null || detail === undefined ? {} : typeof detail === 'object' && !Array.isArray(detail) ? detail : { value: detail };
  return { ...base, onBehalfOf: ctx.onBehalfOf };
}
