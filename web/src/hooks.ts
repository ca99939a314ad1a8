// Small data hooks: load a route (and reload on demand or on a live event), a ticking clock for
// countdowns, and the signed-in user's permissions.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { get, type ApiResult } from './api.ts';
import type { Me } from './types.ts';

export interface Loaded<T> { result: ApiResult<T> | null; reload: () => void }

export function useApi<T>(path: string | null, deps: unknown[] = []): Loaded<T> {
  const [result, setResult] = useState<ApiResult<T> | null>(null);
  const [nonce, setNonce] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    if (path === null) return;
    const mine = ++seq.current;
    void get<T>(path).then((r) => { if (mine === seq.current) setResult(r); });
  }, [path, nonce, ...deps]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { result, reload };
}

/** Re-renders every `ms` (for countdowns). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** The user and permissions (null permissions = unknown: /me not offered yet; the API decides). */
export interface Session { me: Me | null; permissions: Set<string> | null; signOut: () => void }
export const SessionContext = createContext<Session>({ me: null, permissions: null, signOut: () => undefined });
export const useSession = () => useContext(SessionContext);

/** Whether to offer an action: known permissions decide; unknown ones offer it and let the API refuse. */
export function useCan(): (permission: string) => boolean {
  const { permissions } = useSession();
  return (permission) => permissions === null || permissions.has(permission) || permissions.has('*');
}
