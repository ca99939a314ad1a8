import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TruthHistory } from './truth-history.ts';
import { TruthIndex } from './truth-index.ts';
import { records } from '../testing/fake-dns-client.ts';

const version = (serial: number, www: string, extra = '') => new TruthIndex([{ origin: 'lab.', records: records(`
  lab. SOA ns1.lab. admin.lab. ${serial} 3600 600 86400 300
  lab. NS ns1.lab.
  ns1.lab. A 127.0.10.1
  www.lab. A ${www}
  ${extra}
`) }]);

test('a kept version gives the data it had; unchanged RRsets are not listed', () => {
  const history = new TruthHistory();
  const v1 = version(1, '192.0.2.1');
  const v2 = version(2, '192.0.2.2', 'new.lab. A 192.0.2.9');
  const v3 = version(3, '192.0.2.3', 'new.lab. A 192.0.2.9');
  history.record(v1, v2);
  history.record(v2, v3);
  v3.history = history;
  assert.equal(v3.serial, 3);
  const at1 = v3.changesSince(1)!;
  assert.deepEqual(at1.get('www.lab.|A'), ['192.0.2.1']);
  assert.equal(at1.get('new.lab.|A'), null, 'absent in version 1');
  assert.deepEqual(at1.get('lab.|SOA'), ['ns1.lab. admin.lab. 1 3600 600 86400 300']);
  assert.equal(at1.has('ns1.lab.|A'), false);
  assert.deepEqual(v3.changesSince(2)!.get('www.lab.|A'), ['192.0.2.2']);
  assert.equal(v3.changesSince(2)!.has('new.lab.|A'), false);
  assert.equal(v3.changesSince(3)!.size, 0);
  assert.equal(v3.changesSince(0), null, 'never seen');
});

test('bounded: the oldest versions go first; a backwards serial clears the history', () => {
  const history = new TruthHistory({ maxVersions: 2 });
  const vs = [1, 2, 3, 4].map(s => version(s, `192.0.2.${s}`));
  for (let i = 1; i < vs.length; i++) history.record(vs[i - 1], vs[i]);
  assert.deepEqual(history.serials, [2, 3]);
  assert.equal(history.changesSince(1, 4), null);
  assert.deepEqual(history.changesSince(2, 4)!.get('www.lab.|A'), ['192.0.2.2']);
  history.record(vs[3], vs[0]);
  assert.deepEqual(history.serials, []);
  const small = new TruthHistory({ maxChangedRRsets: 1 });
  small.record(vs[0], vs[1]); // SOA and www A changed: 2 > 1
  assert.deepEqual(small.serials, []);
  assert.equal(small.changedRRsets, 0);
});
