// Pure mapping from the configuration and the latest snapshot (or stored rows) to the API's
// figures: every configured system appears, with null figures until its first cycle.
import type { ResolvedConfig, ResolvedSystem } from '../config/config-types.ts';
import { toMinutes } from '../core/outage-tracker.ts';
import type { NodeMeasurement, Snapshot, SystemMeasurement } from '../core/snapshot.ts';
import type { Gap, NodePoint, Outage, SystemPoint } from '../store/store.ts';
import type { MeasurementGapT, NodePointT, OutageT, SystemFiguresT, SystemPointT } from './api-schemas.ts';

function nodeFigures(n: NodeMeasurement): SystemFiguresT['nodes'][number] {
  return {
    id: n.id, address: n.address, port: n.port, queries: n.queries, answered: n.answered, succeeded: n.succeeded,
    successRate: n.successRate, latencyMs: n.latencyMs, dataChecked: n.dataChecked, dataErrors: n.dataErrors,
    dataErrorRate: n.dataErrorRate, keyDomainErrors: n.keyDomainErrors, ...(n.failures ? { failures: n.failures } : {}),
    ...(n.soaSerial !== undefined ? { soaSerial: n.soaSerial } : {}), ...(n.lagging !== undefined ? { lagging: n.lagging } : {}),
    ...(n.lagErrors !== undefined ? { lagErrors: n.lagErrors } : {}), ...(n.dataCensus !== undefined ? { dataCensus: n.dataCensus } : {}),
    ...(n.dataEvidence ? { dataEvidence: n.dataEvidence } : {}),
  };
}

export function systemFigures(config: ResolvedSystem, measured: SystemMeasurement | undefined, at: string | null): SystemFiguresT {
  const base = { id: config.id, org: config.org, kind: config.kind, ...(config.name ? { name: config.name } : {}) };
  if (!measured) {
    return {
      ...base, at: null, successRate: null, latencyMs: null, dataChecked: 0, dataErrors: 0, dataErrorRate: 0, stoppedMinutes: 0,
      nodes: [],
    };
  }
  const dataChecked = measured.nodes.reduce((a, n) => a + n.dataChecked, 0);
  const dataErrors = measured.nodes.reduce((a, n) => a + n.dataErrors, 0);
  return {
    ...base,
    at,
    successRate: measured.successRate,
    latencyMs: measured.latencyMs,
    dataChecked,
    dataErrors,
    dataErrorRate: dataChecked === 0 ? 0 : dataErrors / dataChecked,
    stoppedMinutes: measured.stoppedMinutes,
    ...(measured.coreDataIntact !== undefined ? { coreDataIntact: measured.coreDataIntact } : {}),
    ...(measured.services ? { services: measured.services } : {}),
    ...(measured.truthSerial !== undefined ? { truthSerial: measured.truthSerial } : {}),
    nodes: measured.nodes.map(nodeFigures),
  };
}

export function allSystemFigures(config: ResolvedConfig, snapshot: Snapshot | null): SystemFiguresT[] {
  const byId = new Map((snapshot?.systems ?? []).map((s) => [s.id, s]));
  return config.systems.map((s) => systemFigures(s, byId.get(s.id), snapshot?.at ?? null));
}

export const systemPoint = (p: SystemPoint): SystemPointT => ({
  at: p.at, successRate: p.system.successRate, latencyMs: p.system.latencyMs, stoppedMinutes: p.system.stoppedMinutes,
});

export const nodePoint = (p: NodePoint): NodePointT => ({
  at: p.at, queries: p.queries, succeeded: p.succeeded, successRate: p.successRate, latencyMs: p.latencyMs,
  dataChecked: p.dataChecked, dataErrors: p.dataErrors,
});

export const outageView = (o: Outage): OutageT => ({
  id: o.id, nodeId: o.nodeId, service: o.service, startedAt: o.startedAt, endedAt: o.endedAt, measuredMinutes: toMinutes(o.measuredMs),
});

export const gapView = (g: Gap): MeasurementGapT => ({ from: g.from, to: g.to, reason: g.reason });
