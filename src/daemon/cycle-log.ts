// The one line per cycle the daemon writes to stderr (pure formatting).
import type { Snapshot } from '../core/snapshot.ts';
import { outageKeyText, type OutageChange } from '../core/outage-ledger.ts';
import type { WriterStatus } from './store-writer.ts';

const pct = (rate: number) => `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;

export function formatCycleLine(snapshot: Snapshot, info: { cycle: number; durationMs: number }, changes: OutageChange[], store: WriterStatus): string {
  const systems = snapshot.systems.map((s) => {
    const bad = s.nodes.filter((n) => n.queries > 0 && n.successRate < 0.5).length;
    let text = `${s.id} ${pct(s.successRate)}`;
    if (bad > 0) text += ` (${bad}/${s.nodes.length} nodes <50%)`;
    if (s.stoppedMinutes > 0) text += ` stopped ${s.stoppedMinutes.toFixed(1)}m`;
    return text;
  });
  const parts = [`${snapshot.at} cycle ${info.cycle} ${(info.durationMs / 1000).toFixed(2)}s`, systems.join(', ') || 'no systems'];
  const opened = changes.filter((c) => c.kind === 'open').map((c) => outageKeyText(c.outage));
  const closed = changes.filter((c) => c.kind === 'close').map((c) => outageKeyText(c.outage));
  if (opened.length > 0) parts.push(`outage opened: ${opened.join(' ')}`);
  if (closed.length > 0) parts.push(`outage closed: ${closed.join(' ')}`);
  if (!store.ok) parts.push(`store DOWN, ${store.pending} write(s) queued`);
  return parts.join(' | ');
}
