// A reporter for Node's test runner (used by scripts/run-tests.ts beside the spec reporter): writes one
// JSON line per test or suite that did not really run — skipped (`{ skip }`, `t.skip()`, a skipped
// describe) or todo — so the runner can name them, count them last, and fail on them in CI.
import type { TestEvent } from 'node:test/reporters';

export interface NotRun {
  kind: 'skip' | 'todo';
  name: string;
  /** The skip or todo message (a test that can skip for a missing peer names the peer here). */
  reason: string;
  file: string;
  line: number;
  suite: boolean;
}

export default async function* skipReporter(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const d = event.data as { name: string; skip?: string | boolean; todo?: string | boolean; file?: string; line?: number; details?: { type?: string } };
    const kind = d.skip !== undefined && d.skip !== false ? 'skip' : d.todo !== undefined && d.todo !== false ? 'todo' : undefined;
    if (!kind) continue;
    const message = kind === 'skip' ? d.skip : d.todo;
    const entry: NotRun = {
      kind, name: d.name, reason: typeof message === 'string' ? message : '(no reason given)',
      file: d.file ?? '?', line: d.line ?? 0, suite: d.details?.type === 'suite',
    };
    yield `${JSON.stringify(entry)}\n`;
  }
}
