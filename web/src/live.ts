// The live stream GET /api/v1/events (Server-Sent Events). Read with fetch rather than EventSource:
// fetch sends the session cookie like EventSource does, and also the machine token's bearer header
// (EventSource cannot), and it sees a 401 (EventSource only sees "error"). Reconnects with backoff.
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { authHeaders } from './api.ts';
import type { SystemList } from './types.ts';
import { parseSse, type SseMessage } from './sse-parse.ts';

export type LiveState = 'connecting' | 'live' | 'down' | 'missing';

export interface Live {
  state: LiveState;
  systems: SystemList | null;
  /** Bumped on every incident / warning event: pages reload their lists when it changes. */
  incidentsVersion: number;
  warningsVersion: number;
  /** Bumped on every `finding` event (opened, updated, closed). */
  findingsVersion: number;
  cycles: number;
}

export const LiveContext = createContext<Live>({ state: 'connecting', systems: null, incidentsVersion: 0, warningsVersion: 0, findingsVersion: 0, cycles: 0 });
export const useLive = () => useContext(LiveContext);

/** Keeps one stream open while `enabled`; `onUnauthorized` on a 401. */
export function useLiveStream(enabled: boolean, onUnauthorized: () => void): Live {
  const [live, setLive] = useState<Live>({ state: 'connecting', systems: null, incidentsVersion: 0, warningsVersion: 0, findingsVersion: 0, cycles: 0 });
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;

  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    let retryMs = 5000;
    let failures = 0;

    const handle = (m: SseMessage) => {
      if (m.event === 'cycle') {
        let data: SystemList;
        try { data = JSON.parse(m.data) as SystemList; } catch { return; }
        setLive((l) => ({ ...l, state: 'live', systems: data, cycles: l.cycles + 1 }));
      } else if (m.event === 'incident') setLive((l) => ({ ...l, incidentsVersion: l.incidentsVersion + 1 }));
      else if (m.event === 'warning') setLive((l) => ({ ...l, warningsVersion: l.warningsVersion + 1 }));
      else if (m.event === 'finding') setLive((l) => ({ ...l, findingsVersion: l.findingsVersion + 1 }));
    };

    const connectOnce = async (): Promise<'again' | 'stop'> => {
      const res = await fetch('/api/v1/events', {
        headers: { accept: 'text/event-stream', ...authHeaders() }, credentials: 'same-origin', cache: 'no-store', signal: abort.signal,
      });
      if (res.status === 401) { unauthorized.current(); return 'stop'; }
      if (res.status === 404) { setLive((l) => ({ ...l, state: 'missing' })); return 'again'; }
      if (!res.ok || !res.body) { setLive((l) => ({ ...l, state: 'down' })); return 'again'; }
      failures = 0;
      setLive((l) => ({ ...l, state: 'live' }));
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        if (buffer.length > 8 * 1024 * 1024) break; // a broken stream: start over
        const parsed = parseSse(buffer);
        buffer = parsed.rest;
        if (parsed.retry) retryMs = Math.min(Math.max(parsed.retry, 1000), 60_000);
        for (const m of parsed.messages) handle(m);
      }
      setLive((l) => ({ ...l, state: 'down' }));
      return 'again';
    };

    void (async () => {
      while (!abort.signal.aborted) {
        const next = await connectOnce().catch(() => {
          if (!abort.signal.aborted) setLive((l) => ({ ...l, state: 'down' }));
          return 'again' as const;
        });
        if (next === 'stop' || abort.signal.aborted) return;
        failures++;
        const wait = Math.min(retryMs * 2 ** Math.min(failures - 1, 4), 60_000);
        await new Promise((r) => setTimeout(r, wait));
      }
    })();
    return () => abort.abort();
  }, [enabled]);

  return live;
}
