// The query services (RDDS): WHOIS on port 43 (RFC 3912) and RDAP (RFC 7480/9083).
//  - WHOIS: send "<knownName>\r\n", read the answer until the server closes (at most 64 KiB); up when the
//    answer names the known name. Without `knownName` (old configurations): up when any byte comes back.
//  - RDAP: GET <url>domain/<knownName>; up on 200 with an RDAP JSON object whose objectClassName is
//    "domain" and whose ldhName is the known name. Without `knownName`: 200 or 404 with a JSON body.
// Latency = time to the complete answer; bounded by timeoutMs.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { ServiceCheck } from './probe-services.ts';

const MAX_WHOIS_BYTES = 64 * 1024;
const bare = (name: string): string => name.toLowerCase().replace(/\.$/, '');

export function whoisCheck(address: string, port: number, query: string, knownName: string | undefined, timeoutMs: number): Promise<ServiceCheck> {
  return new Promise((resolve) => {
    const start = performance.now();
    const socket = net.connect({ host: address, port });
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (check: ServiceCheck) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(check);
    };
    const judge = () => {
      const latencyMs = performance.now() - start;
      if (size === 0) return finish({ up: false, latencyMs: null, error: 'closed without a response' });
      if (knownName === undefined) return finish({ up: true, latencyMs });
      const text = Buffer.concat(chunks).toString('utf8').toLowerCase();
      if (!text.includes(bare(knownName))) return finish({ up: false, latencyMs: null, error: `the answer does not name ${bare(knownName)}` });
      finish({ up: true, latencyMs });
    };
    const timer = setTimeout(() => finish({ up: false, latencyMs: null, error: 'timeout' }), timeoutMs);
    socket.once('error', (err) => finish({ up: false, latencyMs: null, error: err.message }));
    socket.once('connect', () => socket.write(`${query}\r\n`));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (knownName === undefined || size >= MAX_WHOIS_BYTES) judge(); // old check: the first byte is enough
    });
    socket.once('end', judge);
  });
}

export async function rdapCheck(url: string, knownName: string | undefined, timeoutMs: number): Promise<ServiceCheck> {
  const start = performance.now();
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/rdap+json, application/json' } });
    const body = await res.text();
    const latencyMs = performance.now() - start;
    const acceptable = knownName === undefined ? [200, 404] : [200];
    if (!acceptable.includes(res.status)) return { up: false, latencyMs: null, error: `HTTP ${res.status}` };
    let json: unknown;
    try { json = JSON.parse(body); } catch { return { up: false, latencyMs: null, error: 'response is not JSON' }; }
    if (knownName === undefined) return { up: true, latencyMs };
    const o = (json && typeof json === 'object' ? json : {}) as { objectClassName?: unknown; ldhName?: unknown };
    if (o.objectClassName !== 'domain') return { up: false, latencyMs: null, error: `objectClassName is ${JSON.stringify(o.objectClassName)}, not "domain"` };
    if (typeof o.ldhName !== 'string' || bare(o.ldhName) !== bare(knownName)) {
      return { up: false, latencyMs: null, error: `ldhName is ${JSON.stringify(o.ldhName)}, not ${bare(knownName)}` };
    }
    return { up: true, latencyMs };
  } catch (err) {
    return { up: false, latencyMs: null, error: err instanceof Error ? err.message : String(err) };
  }
}
