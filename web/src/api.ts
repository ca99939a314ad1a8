// Calls to /api/v1. Credentials: the session cookie (set by login; the browser sends it) or a
// machine token pasted by the user, kept in sessionStorage and sent as a bearer header. A 401 from
// any call signs the console out; a 404 "no route" means the server does not offer that route yet.

const TOKEN_KEY = 'dw.token';

export type ApiResult<T> =
  | { ok: true; data: T; status: number }
  | { ok: false; status: number; error: string; missing: boolean };

let onUnauthorized: () => void = () => undefined;
export function setUnauthorizedHandler(fn: () => void): void { onUnauthorized = fn; }

export const machineToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export function setMachineToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function authHeaders(): Record<string, string> {
  const token = machineToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** A 404 from the router itself (not "no such incident"): the route is not built yet. */
export function isMissingRoute(status: number, error: string): boolean {
  return status === 404 && /^no route /.test(error);
}

export async function api<T>(method: string, path: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...authHeaders(), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch (err) {
    return { ok: false, status: 0, error: `network: ${(err as Error).message}`, missing: false };
  }
  const text = await res.text();
  let json: unknown = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (res.ok) return { ok: true, data: json as T, status: res.status };
  const error = typeof (json as { error?: unknown })?.error === 'string' ? (json as { error: string }).error : `${res.status} ${res.statusText}`;
  if (res.status === 401 && !opts.quiet401) onUnauthorized();
  return { ok: false, status: res.status, error, missing: isMissingRoute(res.status, error) };
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown) => api<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);

/** Query string from the defined, non-empty values. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Downloads go through fetch so that a bearer token is sent; the browser then saves the blob. */
export async function download(path: string, filename: string): Promise<string | null> {
  const res = await fetch(`/api/v1${path}`, { credentials: 'same-origin', headers: authHeaders() }).catch(() => null);
  if (!res) return 'network error';
  if (res.status === 401) { onUnauthorized(); return 'unauthorized'; }
  if (!res.ok) {
    const body = await res.json().catch(() => null) as { error?: string } | null;
    return body?.error ?? `${res.status}`;
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}
