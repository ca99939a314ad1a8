// The agreed period of a DGA block ends (issue 11 item 5): `serve` lifts the blocks whose `until` has
// passed every deadline tick (and `dnswarden names expire` does it on demand) through the configured
// connector, recorded like any other action (actor `system`).
import type { ResolvedConfig } from '../config/config-types.ts';
import type { Store } from '../store/store.ts';
import { openConnector } from './connectors.ts';
import { NameService } from './name-service.ts';

/** Lifts expired blocks; returns the lines to log (nothing when none expired or no registry is configured). */
export async function liftExpiredBlocks(config: ResolvedConfig, store: Store, now?: () => Date): Promise<string[]> {
  if (!config.registry) return [];
  const due = await store.listNameStates({ statuses: ['reserved', 'reserved-sinkholed'], expiresBy: (now ?? (() => new Date()))().toISOString(), limit: 1 });
  if (due.length === 0) return [];
  const connector = openConnector(config.registry);
  try {
    const results = await new NameService({ store, connector, sinkhole: config.registry.sinkhole, now }).expire('system');
    const count = (o: string) => results.filter((r) => r.outcome === o).length;
    return [`names: ${results.length} expired blocks lifted (${count('applied')} applied, ${count('already')} already, ${count('refused')} refused, ${count('failed')} failed)`];
  } finally {
    await connector.close();
  }
}
