import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EppTestRegistry } from './epp-test-registry.ts';

const change = (add: { statuses?: string[]; ns?: string[] } = {}, rem: { statuses?: string[]; ns?: string[] } = {}) => ({
  add: { statuses: add.statuses ?? [], ns: add.ns ?? [] }, rem: { statuses: rem.statuses ?? [], ns: rem.ns ?? [] },
});

test('ok combines with nothing: it goes when a status is added and returns when the last one is removed', () => {
  const r = new EppTestRegistry(() => new Date(0));
  r.put({ name: 'A.lab.' });
  assert.deepEqual(r.info('a.lab').domain?.statuses, ['ok']);
  assert.equal(r.update('a.lab', change({ statuses: ['serverHold'] })).code, 1000);
  assert.deepEqual(r.info('a.lab').domain?.statuses, ['serverHold']);
  assert.equal(r.update('a.lab', change({}, { statuses: ['serverHold'] })).code, 1000);
  assert.deepEqual(r.info('a.lab').domain?.statuses, ['ok']);
});

test('serverUpdateProhibited refuses every update except one that only removes statuses including it', () => {
  const r = new EppTestRegistry();
  r.put({ name: 'l.lab', statuses: ['serverUpdateProhibited', 'serverTransferProhibited', 'serverDeleteProhibited'], ns: ['ns1.l.lab'] });
  assert.deepEqual(r.update('l.lab', change({ statuses: ['serverHold'] })), { code: 2304, msg: 'Object status prohibits operation: l.lab has serverUpdateProhibited' });
  assert.equal(r.update('l.lab', change({ ns: ['ns9.evil.lab'] }, { ns: ['ns1.l.lab'] })).code, 2304, 'no NS change');
  assert.equal(r.update('l.lab', change({}, { statuses: ['serverTransferProhibited'] })).code, 2304, 'removing another status is still an update');
  assert.equal(r.update('l.lab', change({ statuses: ['serverHold'] }, { statuses: ['serverUpdateProhibited'] })).code, 2304, 'not while adding');
  assert.equal(r.delete('l.lab').code, 2304);
  assert.equal(r.transfer('other', 'request', 'l.lab', 'auth-info-1').code, 2304);
  assert.equal(r.update('l.lab', change({}, { statuses: ['serverUpdateProhibited', 'serverTransferProhibited', 'serverDeleteProhibited'] })).code, 1000);
  assert.deepEqual(r.info('l.lab').domain?.statuses, ['ok']);
});

test('policy errors: statuses the server owns, duplicates, absent statuses and name servers; unknown names', () => {
  const r = new EppTestRegistry();
  r.put({ name: 'p.lab', ns: ['ns1.p.lab'] });
  assert.equal(r.update('p.lab', change({ statuses: ['pendingDelete'] })).code, 2306);
  assert.equal(r.update('p.lab', change({}, { statuses: ['clientHold'] })).code, 2306);
  assert.equal(r.update('p.lab', change({ ns: ['ns1.p.lab'] })).code, 2306);
  assert.equal(r.update('p.lab', change({}, { ns: ['ns2.p.lab'] })).code, 2306);
  assert.equal(r.update('p.lab', change({ ns: ['NS2.P.LAB.'] }, { ns: ['ns1.p.lab'] })).code, 1000);
  assert.deepEqual(r.info('p.lab').domain?.ns, ['ns2.p.lab']);
  assert.equal(r.info('none.lab').code, 2303);
  assert.equal(r.update('none.lab', change()).code, 2303);
  assert.equal(r.create('reg', { name: 'p.lab', ns: [], authInfo: 'x' }).code, 2302);
});
