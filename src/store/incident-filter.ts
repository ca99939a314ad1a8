// Builds the WHERE clause of listIncidents for either dialect, as pure logic.
// Parameters are numbered ($1… for PostgreSQL, ?1… for SQLite) so both share one builder.
import type { IncidentFilter } from './store.ts';
import { clampLimit, iso } from './row-mapping.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface FilterSql {
  /** "WHERE …" (never empty: drill is always filtered). */
  where: string;
  /** "LIMIT … OFFSET …" with parameters. */
  page: string;
  params: unknown[];
}

export function incidentFilterSql(filter: IncidentFilter, dialect: Dialect): FilterSql {
  const params: unknown[] = [];
  const ref = (v: unknown): string => {
    params.push(v);
    return dialect === 'postgres' ? `$${params.length}` : `?${params.length}`;
  };
  const oneOf = (column: string, v: string | readonly string[]): string => {
    if (typeof v === 'string') return `${column} = ${ref(v)}`;
    if (dialect === 'postgres') return `${column} = ANY(${ref([...v])}::text[])`;
    return `${column} IN (SELECT value FROM json_each(${ref(JSON.stringify(v))}))`;
  };
  const drill = filter.drill ?? false;
  const conds = [`drill = ${ref(dialect === 'postgres' ? drill : drill ? 1 : 0)}`];
  if (filter.systemId !== undefined) conds.push(`system_id = ${ref(filter.systemId)}`);
  if (filter.org !== undefined) conds.push(oneOf('org', filter.org));
  if (filter.state !== undefined) conds.push(oneOf('state', filter.state));
  if (filter.grade !== undefined) conds.push(oneOf('grade', filter.grade));
  if (filter.from !== undefined) conds.push(`created_at >= ${ref(iso(filter.from))}`);
  if (filter.to !== undefined) conds.push(`created_at < ${ref(iso(filter.to))}`);
  const where = `WHERE ${conds.join(' AND ')}`;
  const page = `LIMIT ${ref(clampLimit(filter.limit, 100, 1000))} OFFSET ${ref(Math.max(0, Math.floor(filter.offset ?? 0)))}`;
  return { where, page, params };
}
