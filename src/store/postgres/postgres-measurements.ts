// Per-cycle measurements (migration 1) on PostgreSQL: the cycle, its node rows and the system_latest
// pointer in one statement (data-modifying CTEs); series; retention in bounded statements. Same order
// as sqlite/sqlite-measurements.ts; PostgresStore forwards here (store-base.ts).
import {
  assembleLatest, clampLimit, iso, latencyColumns, NODE_COLUMNS, nodeValues, rowToNodePoint, rowToSystem, systemAggregate,
} from '../row-mapping.ts';
import type { CycleInput, NodePoint, PruneResult, SeriesOptions, StoredCycle, SystemPoint } from '../store.ts';
import type { PostgresExec } from './postgres-exec.ts';

const NODE_RECORD = NODE_COLUMNS.map((c) => `${c} ${nodeColumnType(c)}`).join(', ');
const RECORD_CYCLE = `WITH c AS (
    INSERT INTO cycles (system_id, at, drill, kind, org, success_rate,
      latency_mean, latency_p50, latency_p95, latency_p99, latency_max, stopped_minutes, system)
    VALUES ($1::text, $2::timestamptz, $3::boolean, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb)
    ON CONFLICT (system_id, drill, at) DO NOTHING RETURNING id
  ), n AS (
    INSERT INTO node_measurements (cycle_id, system_id, at, drill, ord, ${NODE_COLUMNS.join(', ')})
    SELECT c.id, $1::text, $2::timestamptz, $3::boolean, r.ord,
      ${NODE_COLUMNS.map((col) => (col === 'failures' || col === 'data_error_samples' ? `r.${col}::jsonb` : `r.${col}`)).join(', ')}
    FROM c, jsonb_to_recordset($14::jsonb) AS r(ord integer, ${NODE_RECORD})
  ), l AS (
    INSERT INTO system_latest (system_id, drill, cycle_id, at) SELECT $1::text, $3::boolean, c.id, $2::timestamptz FROM c
    ON CONFLICT (system_id, drill) DO UPDATE SET cycle_id = excluded.cycle_id, at = excluded.at
    WHERE excluded.at >= system_latest.at
  )
  SELECT count(*)::integer AS created FROM c`;

// One batch of retention, oldest cycles first: the node rows and the cycles (system_latest follows by
// cascade) in one statement, so the counts are exact. Batches keep each statement well inside statement_timeout.
const PRUNE_CHUNK = `WITH doomed AS (
    SELECT id FROM cycles WHERE at < $1::timestamptz ORDER BY id LIMIT $2 FOR UPDATE
  ), n AS (
    DELETE FROM node_measurements WHERE cycle_id IN (SELECT id FROM doomed) RETURNING 1
  ), c AS (
    DELETE FROM cycles WHERE id IN (SELECT id FROM doomed) RETURNING 1
  )
  SELECT (SELECT count(*) FROM n)::integer AS node_rows, (SELECT count(*) FROM c)::integer AS system_rows`;

export class PostgresMeasurements {
  readonly #x: PostgresExec;
  readonly #pruneChunk: number;
  constructor(exec: PostgresExec, pruneChunk: number) {
    this.#x = exec;
    this.#pruneChunk = pruneChunk;
  }

  async recordCycle(cycle: CycleInput): Promise<{ created: boolean }> {
    const system = systemAggregate(cycle.system);
    const nodes = cycle.nodes.map((n, ord) => {
      const values = nodeValues(n);
      return Object.fromEntries([['ord', ord], ...NODE_COLUMNS.map((c, i) => [c, values[i]])]);
    });
    const rows = await this.#x.q(RECORD_CYCLE, [
      cycle.systemId, iso(cycle.at), cycle.drill ?? false, system.kind, system.org ?? null, system.successRate,
      ...latencyColumns(system.latencyMs), system.stoppedMinutes ?? 0, JSON.stringify(system), JSON.stringify(nodes),
    ], 'dw_record_cycle');
    return { created: Number(rows[0]?.created) > 0 };
  }

  async latestBySystem(opts: { drill?: boolean } = {}): Promise<StoredCycle[]> {
    const drill = opts.drill ?? false;
    const cycles = await this.#x.q(`SELECT c.* FROM system_latest l JOIN cycles c ON c.id = l.cycle_id
      WHERE l.drill = $1 ORDER BY c.system_id`, [drill], 'dw_latest_cycles');
    const nodes = await this.#x.q(`SELECT n.* FROM system_latest l JOIN node_measurements n ON n.cycle_id = l.cycle_id
      WHERE l.drill = $1 ORDER BY n.cycle_id, n.ord`, [drill], 'dw_latest_nodes');
    return assembleLatest(cycles, nodes);
  }

  async nodeSeries(systemId: string, nodeId: string, from: string, to: string, limit?: number, opts: { drill?: boolean } = {}): Promise<NodePoint[]> {
    const rows = await this.#x.q(`SELECT * FROM (SELECT * FROM node_measurements
        WHERE system_id = $1 AND node_id = $2 AND drill = $3 AND at >= $4 AND at < $5 ORDER BY at DESC LIMIT $6) s
      ORDER BY at`, [systemId, nodeId, opts.drill ?? false, iso(from), iso(to), clampLimit(limit, 1000, 100_000)], 'dw_node_series');
    return rows.map(rowToNodePoint);
  }

  async systemSeries(systemId: string, from: string, to: string, opts: SeriesOptions = {}): Promise<SystemPoint[]> {
    const rows = await this.#x.q(`SELECT * FROM (SELECT at, system FROM cycles
        WHERE system_id = $1 AND drill = $2 AND at >= $3 AND at < $4 ORDER BY at DESC LIMIT $5) s
      ORDER BY at`, [systemId, opts.drill ?? false, iso(from), iso(to), clampLimit(opts.limit, 1000, 100_000)], 'dw_system_series');
    return rows.map((r) => ({ at: String(r.at), system: rowToSystem(r) }));
  }

  async pruneMeasurements(before: string): Promise<PruneResult> {
    const cut = iso(before);
    const total: PruneResult = { nodeRows: 0, systemRows: 0 };
    for (;;) {
      const [row] = await this.#x.q(PRUNE_CHUNK, [cut, this.#pruneChunk], 'dw_prune_measurements');
      total.nodeRows += Number(row.node_rows);
      total.systemRows += Number(row.system_rows);
      if (Number(row.system_rows) < this.#pruneChunk) return total;
    }
  }
}

/** The PostgreSQL type of a node_measurements column (migration 1), for jsonb_to_recordset. */
function nodeColumnType(column: string): string {
  if (column === 'node_id' || column === 'address' || column === 'failures' || column === 'data_error_samples') return 'text';
  if (column === 'data_checked' || column === 'data_errors') return 'bigint';
  if (column === 'success_rate' || column === 'data_error_rate' || column.startsWith('latency_')) return 'double precision';
  return 'integer';
}
