// The one contract every registry connector passes (issue 11 item 5), run against each connector and
// backend by test/registry-connectors.test.ts. The registry behind it serves the zone of
// `contractZoneText`: `good.<zone>` delegated with two nameservers and their glue, `other.<zone>`
// delegated out of zone, `free-*` unregistered. "Published" means the delegation is in the zone:
// present and not under serverHold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decide, type NameAction, type NameState } from '../core/names/name-rules.ts';
import type { Delegation, Observed, RegistryConnector, Sinkhole } from './connector.ts';

export const SINKHOLE: Sinkhole = { nameservers: ['ns1.sinkhole.lab.', 'ns2.sinkhole.lab.'], addresses: ['127.0.10.66'] };

export function contractZoneText(zone: string, primaryAddress: string, extra: string[] = []): string {
  return [`$ORIGIN ${zone}`, '$TTL 300', `@ IN SOA ns1 hostmaster 1 3600 600 86400 300`, '@ IN NS ns1', `ns1 IN A ${primaryAddress}`,
    'good IN NS ns1.good', 'good IN NS ns2.good', 'ns1.good IN A 192.0.2.1', 'ns2.good IN A 192.0.2.2', 'ns2.good IN AAAA 2001:db8::2',
    'other IN NS ns.elsewhere.example.', 'www IN A 192.0.2.80', ...extra, ''].join('\n');
}

const published = (o: Observed): boolean => o.delegation !== null && !(o.statuses ?? []).includes('serverHold');
const stateOf = (o: Observed, held = false): NameState => ({ status: held ? 'held' : o.exists ? 'active' : 'absent', locked: false });

/** Reads, decides and applies one action on names, as the name service does (restore given by the caller). */
export async function act(c: RegistryConnector, action: NameAction, names: string[], opts: { restore?: Map<string, Delegation>; from?: NameState; withSinkhole?: boolean } = {}) {
  const seen = await c.read(names);
  const changes = names.map((name) => {
    const observed = seen.get(name)!;
    const d = decide(action, opts.from ?? stateOf(observed), { withSinkhole: opts.withSinkhole });
    assert.equal(d.kind, 'apply', `${action} ${name}: ${JSON.stringify(d)}`);
    return { name, action, observed, next: (d as { next: NameState }).next, restore: opts.restore?.get(name) ?? null };
  });
  const results = await c.apply(changes, SINKHOLE);
  for (const n of names) assert.equal(results.get(n)?.error, null, `${action} ${n}`);
  return { before: seen, results };
}

export interface ContractOptions {
  /** The registry serves zone data, so glue and names that are not delegations are visible (DNS); EPP keeps hosts apart. */
  zoneData: boolean;
  /** Names of the DGA batch (a DNS UPDATE carries hundreds at once; EPP is one command per name). */
  batch: number;
}

/** Registers the contract's tests; `open` gives a connector on the registry of `contractZoneText` (DNS) or its equivalent (EPP). */
export function connectorContract(label: string, zone: string, open: () => RegistryConnector, o: ContractOptions): void {
  const n = (label: string) => `${label}.${zone}`;

  test(`${label}: read tells delegated, unregistered and unusable names apart`, async () => {
    const seen = await open().read([n('good'), n('free-1'), n('www'), 'elsewhere.example.']);
    const good = seen.get(n('good'))!;
    assert.equal(published(good), true);
    assert.deepEqual(good.delegation!.ns, [`ns1.good.${zone}`, `ns2.good.${zone}`]);
    if (o.zoneData) {
      assert.deepEqual(good.delegation!.glue.map((g) => `${g.name} ${g.type} ${g.data}`).sort(),
        [`ns1.good.${zone} A 192.0.2.1`, `ns2.good.${zone} A 192.0.2.2`, `ns2.good.${zone} AAAA 2001:db8::2`]);
      assert.match(seen.get(n('www'))!.unusable ?? '', /not a delegation/);
    }
    assert.equal(seen.get(n('free-1'))!.exists, false);
    assert.match(seen.get('elsewhere.example.')!.unusable ?? '', /outside/);
  });

  test(`${label}: hold removes the delegation, unhold restores exactly what was there`, async () => {
    const c = open();
    const { before } = await act(c, 'hold', [n('good')]);
    assert.equal(published((await c.read([n('good')])).get(n('good'))!), false);
    const restore = new Map([[n('good'), before.get(n('good'))!.delegation!]]);
    await act(c, 'unhold', [n('good')], { restore, from: { status: 'held', locked: false } });
    const after = (await c.read([n('good')])).get(n('good'))!;
    assert.deepEqual(after.delegation!.ns, before.get(n('good'))!.delegation!.ns);
    assert.equal(published(after), true);
    assert.deepEqual(after.delegation!.glue.map((g) => g.data).sort(), before.get(n('good'))!.delegation!.glue.map((g) => g.data).sort());
  });

  test(`${label}: sinkhole replaces the NS set with the sinkhole's; unsinkhole puts the old one back`, async () => {
    const c = open();
    const { before } = await act(c, 'sinkhole', [n('other')]);
    assert.deepEqual((await c.read([n('other')])).get(n('other'))!.delegation!.ns, SINKHOLE.nameservers);
    await act(c, 'unsinkhole', [n('other')], { restore: new Map([[n('other'), before.get(n('other'))!.delegation!]]), from: { status: 'sinkholed', locked: false } });
    assert.deepEqual((await c.read([n('other')])).get(n('other'))!.delegation!.ns, ['ns.elsewhere.example.']);
  });

  test(`${label}: block --sinkhole creates ${o.batch} names at the sinkhole at once; unblock removes them`, async () => {
    const c = open();
    const names = Array.from({ length: o.batch }, (_, i) => n(`dga-${i.toString(36)}x${(i * 7919 % 1000).toString(36)}`));
    await act(c, 'block', names, { withSinkhole: true });
    const seen = await c.read(names);
    for (const name of names) assert.deepEqual(seen.get(name)!.delegation?.ns, SINKHOLE.nameservers, name);
    await act(c, 'unblock', names, { from: { status: 'reserved-sinkholed', locked: false } });
    const gone = await c.read(names);
    for (const name of names) assert.equal(gone.get(name)!.exists, false, name);
  });
}
