// A JSON call that keeps what api() drops: the `problems` of a 400 (every missing part of a form)
// and request headers such as If-Match. A 401 signs the console out through api()'s handler.
import { api, authHeaders } from '../api.ts';

export type SendResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: string; problems: string[] };

export async function sendJson<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<SendResult<T>> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method, credentials: 'same-origin',
      headers: { accept: 'application/json', ...authHeaders(), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch (err) {
    return { ok: false, status: 0, error: `network: ${(err as Error).message}`, problems: [] };
  }
  const text = await res.text();
  let json: unknown = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (res.ok) return { ok: true, status: res.status, data: json as T };
  // The sign-out handler lives in api.ts: a second, failing call there runs it.
  if (res.status === 401) void api('GET', '/me');
  const j = (json ?? {}) as { error?: unknown; problems?: unknown };
  return {
    ok: false, status: res.status,
    error: typeof j.error === 'string' ? j.error : `${res.status} ${res.statusText}`,
    problems: Array.isArray(j.problems) ? j.problems.filter((p): p is string => typeof p === 'string') : [],
  };
}
