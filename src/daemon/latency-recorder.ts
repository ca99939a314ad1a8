// Wraps the DNS client to keep one latency sketch per server address during a cycle, so that
// /metrics can expose a real latency histogram per node (the snapshot carries only a summary).
// Every answered query to a node's address:port counts, as in the node's own latency figures.
import { LatencySketch } from '../core/latency-sketch.ts';
import type { DnsAnswer, DnsClient, DnsQuery } from '../dns/dns-client-types.ts';
import type { ResolvedConfig } from '../config/config-types.ts';

const endpoint = (address: string, port: number) => `${address.toLowerCase()}#${port}`;

export class LatencyRecorder {
  #sketches = new Map<string, LatencySketch>();

  /** A client that forwards to `inner` and records the latency of every answered query. */
  wrap(inner: DnsClient): DnsClient {
    return {
      query: async (q: DnsQuery): Promise<DnsAnswer> => {
        const answer = await inner.query(q);
        if (answer.latencyMs !== null && answer.outcome === 'answer') {
          const key = endpoint(q.address, q.port);
          let sketch = this.#sketches.get(key);
          if (!sketch) { sketch = new LatencySketch(); this.#sketches.set(key, sketch); }
          sketch.add(answer.latencyMs);
        }
        return answer;
      },
      close: () => inner.close(),
    };
  }

  /** The sketches gathered since the last call, by "system/node"; starts afresh. */
  takeByNode(config: ResolvedConfig): Map<string, LatencySketch> {
    const taken = this.#sketches;
    this.#sketches = new Map();
    const byNode = new Map<string, LatencySketch>();
    for (const system of config.systems) {
      for (const node of system.nodes) {
        const sketch = taken.get(endpoint(node.address, node.port));
        if (sketch) byNode.set(`${system.id}/${node.id}`, sketch);
      }
    }
    return byNode;
  }
}
