// The registration service (EPP, RFC 5734) as the probe sees it: a TLS connection, the server's
// <greeting>, a <hello> answered by a greeting, and with configured credentials a <login> and <logout>.
// Up only when every step succeeds — a server that accepts TCP (or TLS) but never greets is down.
// Latency = the slowest step (connect + greeting, hello, login, logout): ICANN's SLA limits each EPP
// session command to 4,000 ms. The whole check is bounded by `timeoutMs` (+ 50 ms).
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { DEFAULT_EPP_PORT, EppSession, type EppTlsOptions } from '../../epp/epp-client.ts';
import type { ServiceCheck } from './probe-services.ts';

export interface EppCheckConfig {
  address: string;
  port?: number;
  tls?: { ca?: string; cert?: string; key?: string; insecure?: boolean; serverName?: string };
  clientId?: string;
  password?: string;
}

/** The session's own timeouts (which name the step) fire first; the overall bound follows just after. */
const GRACE_MS = 50;
const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** TLS options with the PEM files read (paths are absolute after load-config). */
function tlsOptions(t: EppCheckConfig['tls']): EppTlsOptions {
  if (!t) return {};
  const read = (f: string | undefined) => (f === undefined ? undefined : readFileSync(f));
  return { ca: read(t.ca), cert: read(t.cert), key: read(t.key), ...(t.insecure ? { insecure: true } : {}), ...(t.serverName ? { servername: t.serverName } : {}) };
}

export async function eppCheck(epp: EppCheckConfig, timeoutMs: number): Promise<ServiceCheck> {
  let session: EppSession | undefined;
  let slowest = 0;
  const step = async <T>(work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const out = await work();
    slowest = Math.max(slowest, performance.now() - start);
    return out;
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`EPP check did not finish within ${timeoutMs} ms`)), timeoutMs + GRACE_MS); });
  const run = async (): Promise<ServiceCheck> => {
    const tls = tlsOptions(epp.tls);
    session = await step(() => EppSession.connect({ address: epp.address, port: epp.port ?? DEFAULT_EPP_PORT, tls, timeoutMs }));
    const s = session;
    await step(() => s.hello());
    if (epp.clientId !== undefined && epp.password !== undefined) {
      await step(() => s.login({ clientId: epp.clientId!, password: epp.password! }));
      const out = await step(() => s.logout());
      if (out.code !== 1500 && out.code !== 1000) return { up: false, latencyMs: null, error: `logout answered ${out.code} ${out.msg}` };
    }
    return { up: true, latencyMs: slowest };
  };
  try {
    return await Promise.race([run(), deadline]);
  } catch (err) {
    return { up: false, latencyMs: null, error: errorText(err) };
  } finally {
    clearTimeout(timer);
    session?.close();
  }
}
