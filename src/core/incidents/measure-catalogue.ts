// The built-in catalogue of response measures, per object kind (plan §5, notice of 2011 on filtering,
// ICANN ACRP). Data, not logic: a deployment may extend it. Major measures carry a directive scope.
import type { MeasureDef } from './measure-gate.ts';

export const MEASURE_CATALOGUE: readonly MeasureDef[] = [
  { id: 'switch-to-backup-nodes', name: { zh: '切换至备份节点', en: 'switch traffic to backup nodes' }, objects: ['tld', 'authoritative', 'website-dns'], major: false },
  { id: 'restore-zone-from-escrow', name: { zh: '从备份恢复区数据', en: 'restore zone data from backup/escrow' }, objects: ['tld', 'authoritative', 'registration'], major: false },
  { id: 'withdraw-anycast-instance', name: { zh: '撤销故障任播节点', en: 'withdraw the failing anycast instance' }, objects: ['tld', 'authoritative'], major: false },
  { id: 'filter-abnormal-queries', name: { zh: '过滤异常和无效域名请求', en: 'filter abnormal and invalid queries' }, objects: ['tld', 'authoritative', 'recursive', 'website-dns'], major: false },
  { id: 'rate-limit-responses', name: { zh: '响应限速', en: 'response rate limiting' }, objects: ['tld', 'authoritative', 'recursive', 'website-dns'], major: false },
  { id: 'restart-resolver-service', name: { zh: '重启递归解析服务', en: 'restart the resolver service' }, objects: ['recursive'], major: false },
  { id: 'flush-resolver-cache-local', name: { zh: '清除本单位递归缓存', en: "flush the operator's own resolver caches" }, objects: ['recursive'], major: false },
  { id: 'flush-resolver-cache-province', name: { zh: '全省清除递归缓存', en: 'flush resolver caches across a province' }, objects: ['recursive', 'tld', 'authoritative'], major: true, directiveScope: 'province' },
  { id: 'flush-resolver-cache-national', name: { zh: '全国清除递归缓存', en: 'flush resolver caches nationally' }, objects: ['recursive', 'tld', 'authoritative'], major: true, directiveScope: 'national' },
  { id: 'freeze-registration-changes', name: { zh: '冻结注册数据变更', en: 'freeze registration data changes' }, objects: ['registration', 'tld'], major: false },
  { id: 'stop-resolution-order', name: { zh: '停止解析', en: 'stop resolution of a name (authority order)' }, objects: ['tld', 'authoritative', 'registration'], major: true, directiveScope: 'national' },
];

export function measuresFor(objectKind: string): MeasureDef[] {
  return MEASURE_CATALOGUE.filter((m) => m.objects.includes(objectKind));
}

export function findMeasure(id: string): MeasureDef | undefined {
  return MEASURE_CATALOGUE.find((m) => m.id === id);
}
