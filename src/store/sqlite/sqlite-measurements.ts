// Per-cycle measurements (migration 1) on SQLite: the cycle, its node rows and the system_latest
// pointer in one transaction; series; retention in short batches. Same order as
// postgres/postgres-measurements.ts; SqliteStore forwards here (store-base.ts).
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import {
  assembleLatest, clampLimit, iso, latencyColumns, NODE_COLUMNS, nodeValues, rowToNodePoint, rowToSystem, systemAggregate, type Row,
} from '../row-mapping.ts';
import type { CycleInput, NodePoint, PruneResult, SeriesOptions, StoredCycle, SystemPoint } from '../store.ts';
import { b, type SqliteExec } from './sqlite-exec.ts';

const NODE_INSERT = `INSERT INTO node_measurements (cycle_id, system_id, at, drill, ord, ${NODE_COLUMNS.join(', ')})
  VALUES (${Array.from({ length: 5 + NODE_COLUMNS.length }, () => '?').join(', ')})`;

export class SqliteMeasurements {
  readonly #x: SqliteExec;
  readonly #pruneChunk: number;
  constructor(exec: SqliteExec, pruneChunk: number) {
    this.#x = exec;
    this.#pruneChunk = pruneChunk;
  }

  recordCycle(cycle: CycleInput): { created: boolean } {
    const at = iso(cycle.at);
    const drill = b(cycle.drill);
    const system = systemAggregate(cycle.system);
    return this.#x.tx(() => {
      const row = this.#x.sql(`INSERT INTO cycles (system_id, at, drill, kind, org, success_rate,
          latency_mean, latency_p50, latency_p95, latency_p99, latency_max, stopped_minutes, system)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (system_id, drill, at) DO NOTHING RETURNING id`)
        .get(cycle.systemId, at, drill, system.kind, system.org ?? null, system.successRate,
          ...latencyColumns(system.latencyMs), system.stoppedMinutes ?? 0, JSON.stringify(system));
      if (!row) return { created: false };
      const insertNode = this.#x.sql(NODE_INSERT);
      cycle.nodes.forEach((n, ord) => insertNode.run(Number(row.id), cycle.systemId, at, drill, ord, ...nodeValues(n)));
      this.#x.sql(`INSERT INTO system_latest (system_id, drill, cycle_id, at) VALUES (?, ?, ?, ?)
        ON CONFLICT (system_id, drill) DO UPDATE SET cycle_id = excluded.cycle_id, at = excluded.at
        WHERE excluded.at >= system_latest.at`).run(cycle.systemId, drill, Number(row.id), at);
      return { created: true };
    });
  }

  latestBySystem(opts: { drill?: boolean } = {}): StoredCycle[] {
    const drill = b(opts.drill);
    const cycles = this.#x.sql(`SELECT c.* FROM system_latest l JOIN cycles c ON c.id = l.cycle_id
      WHERE l.drill = ? ORDER BY c.system_id`).all(drill) as Row[];
    const nodes = this.#x.sql(`SELECT n.* FROM system_latest l JOIN node_measurements n ON n.cycle_id = l.cycle_id
      WHERE l.drill = ? ORDER BY n.cycle_id, n.ord`).all(drill) as Row[];
    return assembleLatest(cycles, nodes);
  }

  nodeSeries(systemId: string, nodeId: string, from: string, to: string, limit?: number, opts: { drill?: boolean } = {}): NodePoint[] {
    const rows = this.#x.sql(`SELECT * FROM (SELECT * FROM node_measurements
        WHERE system_id = ? AND node_id = ? AND drill = ? AND at >= ? AND at < ? ORDER BY at DESC LIMIT ?)
      ORDER BY at`).all(systemId, nodeId, b(opts.drill), iso(from), iso(to), clampLimit(limit, 1000, 100_000)) as Row[];
    return rows.map(rowToNodePoint);
  }

  systemSeries(systemId: string, from: string, to: string, opts: SeriesOptions = {}): SystemPoint[] {
    const rows = this.#x.sql(`SELECT * FROM (SELECT at, system FROM cycles
        WHERE system_id = ? AND drill = ? AND at >= ? AND at < ? ORDER BY at DESC LIMIT ?)
      ORDER BY at`).all(systemId, b(opts.drill), iso(from), iso(to), clampLimit(opts.limit, 1000, 100_000)) as Row[];
    return rows.map((r) => ({ at: String(r.at), system: rowToSystem(r) }));
  }

  async pruneMeasurements(before: string): Promise<PruneResult> {
    const cut = iso(before);
    // Oldest cycles first by rowid (no index on `at` needed: the scan stops after a chunk), one short
    // transaction per chunk, yielding between chunks so this process's writes are not held up.
    const chunk = `SELECT id FROM cycles WHERE at < ?1 ORDER BY id LIMIT ?2`;
    const total: PruneResult = { nodeRows: 0, systemRows: 0 };
    for (;;) {
      const done = this.#x.tx(() => ({
        nodeRows: Number(this.#x.sql(`DELETE FROM node_measurements WHERE cycle_id IN (${chunk})`).run(cut, this.#pruneChunk).changes),
        systemRows: Number(this.#x.sql(`DELETE FROM cycles WHERE id IN (${chunk})`).run(cut, this.#pruneChunk).changes),
      }));
      total.nodeRows += done.nodeRows;
      total.systemRows += done.systemRows;
      if (done.systemRows < this.#pruneChunk) return total;
      await yieldToLoop();
    }
  }
}
