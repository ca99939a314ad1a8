// A numbered schema change with its SQL per dialect. Versions only grow; an applied
// migration is never edited — add a new one instead.

export interface Migration {
  version: number;
  name: string;
  sqlite: string[];
  postgres: string[];
}

/** Migrations not yet applied, in version order. Throws on duplicate or unordered versions. */
export function pendingMigrations(all: readonly Migration[], applied: Iterable<number>): Migration[] {
  const done = new Set(applied);
  let last = 0;
  for (const m of all) {
    if (m.version <= last) throw new Error(`migrations out of order at version ${m.version}`);
    last = m.version;
  }
  return all.filter((m) => !done.has(m.version));
}
