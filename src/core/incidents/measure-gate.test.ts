import { test } from 'node:test';
import assert from 'node:assert/strict';
import { directiveGateError, type Directive, type MeasureDef } from './measure-gate.ts';

const flushProvince: MeasureDef = { id: 'flush-resolver-cache-province', name: { zh: '省内清除递归缓存', en: 'flush resolver caches in a province' }, objects: ['recursive'], major: true, directiveScope: 'province' };
const flushNational: MeasureDef = { id: 'flush-resolver-cache-national', name: { zh: '全国清除递归缓存', en: 'flush resolver caches nationally' }, objects: ['recursive'], major: true, directiveScope: 'national' };
const filter: MeasureDef = { id: 'filter-abnormal-queries', name: { zh: '过滤异常请求', en: 'filter abnormal queries' }, objects: ['recursive'], major: false };
const dir = (role: Directive['issuedBy']['role'], measureId: string, province?: string): Directive =>
  ({ id: 'd1', issuedBy: { org: 'o', role, province }, measureId, province, issuedAt: '2026-11-23T08:00:00Z', text: 'flush' });

test('a minor measure needs no directive', () => {
  assert.equal(directiveGateError(filter, { measureId: filter.id }, []), null);
});

test('a major measure is refused without a directive', () => {
  assert.match(directiveGateError(flushProvince, { measureId: flushProvince.id, province: 'BJ' }, []) ?? '', /directive/);
  assert.match(directiveGateError(flushNational, { measureId: flushNational.id }, []) ?? '', /national emergency office/);
  assert.match(directiveGateError(flushNational, { measureId: flushNational.id }, []) ?? '', / \/ 重大措施「全国清除递归缓存」须有互联网应急办的指令$/, 'the refusal in Chinese too');
  assert.match(directiveGateError(flushProvince, { measureId: flushProvince.id, province: 'BJ' }, []) ?? '', /须有互联网应急办或BJ省通信管理局的指令$/);
});

test('a provincial flush is accepted with that province authority directive, not another province', () => {
  assert.equal(directiveGateError(flushProvince, { measureId: flushProvince.id, province: 'BJ' }, [dir('provincial-authority', flushProvince.id, 'BJ')]), null);
  assert.notEqual(directiveGateError(flushProvince, { measureId: flushProvince.id, province: 'BJ' }, [dir('provincial-authority', flushProvince.id, 'SH')]), null);
  assert.notEqual(directiveGateError(flushProvince, { measureId: flushProvince.id, province: 'BJ' }, [dir('provincial-authority', 'other-measure', 'BJ')]), null);
});

test('a national flush needs the emergency office; a province cannot order it', () => {
  assert.notEqual(directiveGateError(flushNational, { measureId: flushNational.id }, [dir('provincial-authority', flushNational.id, 'BJ')]), null);
  assert.equal(directiveGateError(flushNational, { measureId: flushNational.id }, [dir('emergency-office', flushNational.id)]), null);
});
