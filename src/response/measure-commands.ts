// Directives and measures (plan §5): only the national emergency office, or a provincial authority
// for its own province, records directives; a major measure (flushing resolver caches in a
// province or nationally, stop-resolution) is refused until an entitled directive is on the
// incident — the refusal is recorded on the timeline and asks the commander for a directive.
import { findMeasure, } from '../core/incidents/measure-catalogue.ts';
import { directiveGateError, type Directive, type MeasureDef } from '../core/incidents/measure-gate.ts';
import type { MeasureRecord } from '../core/incidents/incident-model.ts';
import type { Incident } from '../store/store.ts';
import { ResponseError, type Actor, type ResponseDeps, type ResponseDetail } from './response-types.ts';
import type { IncidentWrites } from './incident-writes.ts';
import { checkAllowed, requireText, runCommand } from './command-runner.ts';
import { actorOrg, incidentTargets } from './recipients.ts';

export interface DirectiveInput { measureId: string; province?: string; text: string }
export interface MeasureInput { measureId: string; province?: string; note?: string }

export class MeasureCommands {
  readonly #deps: ResponseDeps;
  readonly #w: IncidentWrites;
  constructor(deps: ResponseDeps, writes: IncidentWrites) { this.#deps = deps; this.#w = writes; }

  async recordDirective(id: string, actor: Actor, input: DirectiveInput): Promise<Incident> {
    const issuedAt = this.#w.nowIso();
    const org = actorOrg(actor.org, this.#deps.config.organizations);
    return (await runCommand(this.#deps, this.#w, {
      id, actor, action: 'incident.record-directive', kind: 'directive-recorded',
      decide: (inc, d) => {
        if (!org || (org.role !== 'emergency-office' && org.role !== 'provincial-authority')) {
          throw new ResponseError('FORBIDDEN', 'only the national emergency office or a provincial telecom authority issues directives');
        }
        const def = findMeasure(input?.measureId);
        if (!def) throw new ResponseError('INVALID', `measureId: unknown measure '${input?.measureId}'`);
        const text = requireText(input.text, 'text');
        let province = input.province;
        if (org.role === 'provincial-authority') {
          if (!org.province) throw new ResponseError('FORBIDDEN', `organisation ${org.id} has no province configured`);
          if (province !== undefined && province !== org.province) throw new ResponseError('FORBIDDEN', `the authority of ${org.province} cannot issue directives for province ${province}`);
          if (def.directiveScope === 'national') throw new ResponseError('FORBIDDEN', `measure ${def.id} is national: only the emergency office directs it`);
          province = org.province;
        }
        const directive: Directive = {
          id: `${inc.id}-d${d.directives.length + 1}`,
          issuedBy: { org: org.id, role: org.role, ...(org.province ? { province: org.province } : {}) },
          measureId: def.id, ...(province ? { province } : {}), issuedAt, text,
        };
        return { change: { detail: { ...d, directives: [...d.directives, directive] } }, payload: directive };
      },
    })).incident;
  }

  planMeasure(id: string, actor: Actor, input: MeasureInput): Promise<Incident> { return this.#measure(id, actor, input, 'planned'); }

  executeMeasure(id: string, actor: Actor, input: MeasureInput): Promise<Incident> { return this.#measure(id, actor, input, 'executed'); }

  async #measure(id: string, actor: Actor, input: MeasureInput, state: 'planned' | 'executed'): Promise<Incident> {
    const action = state === 'planned' ? 'incident.plan-measure' as const : 'incident.execute-measure' as const;
    const first = await this.#w.get(id);
    await checkAllowed(this.#deps, this.#w, actor, action, first);
    const def = this.#checkMeasure(first, input);
    const at = this.#w.nowIso();
    const req = { measureId: def.id, ...(input.province ? { province: input.province } : {}) };
    const res = await this.#w.mutate(id, (inc, d) => {
      if (d.phase === 'closed') throw new ResponseError('CONFLICT', `incident ${inc.id} is closed`);
      const refused = directiveGateError(def, req, d.directives);
      const base = { measureId: def.id, ...(req.province ? { province: req.province } : {}), requestedBy: actor.id, at, ...(input.note ? { note: input.note } : {}) };
      const measures = [...d.measures];
      let record: MeasureRecord;
      if (refused) {
        record = { id: `m${measures.length + 1}`, ...base, state: 'refused', note: refused };
        measures.push(record);
      } else {
        const planned = state === 'executed'
          ? measures.findIndex((m) => m.state === 'planned' && m.measureId === def.id && (m.province ?? null) === (req.province ?? null)) : -1;
        record = planned >= 0
          ? { ...measures[planned], state: 'executed', executedAt: at }
          : { id: `m${measures.length + 1}`, ...base, state, ...(state === 'executed' ? { executedAt: at } : {}) };
        if (planned >= 0) measures[planned] = record; else measures.push(record);
      }
      const next: ResponseDetail = { ...d, measures };
      return { change: { detail: next }, result: { record, refused } };
    });
    const { record, refused } = res.result;
    const kind = refused ? 'measure-refused' : state === 'planned' ? 'measure-planned' : 'measure-executed';
    await this.#w.record(id, actor, kind, { ...record, requested: state, directiveProblem: refused });
    if (refused) {
      const d = res.incident.detail as unknown as ResponseDetail;
      await this.#deps.notify({
        event: 'measure-directive-needed', key: `${id}:measure-directive-needed:${def.id}:${req.province ?? ''}`, at, incident: res.incident,
        to: incidentTargets(res.incident.org, d.commander, this.#deps.config.organizations, 'commander'),
        context: { measure: { id: def.id, name: def.name, ...(req.province ? { province: req.province } : {}), requestedBy: actor.id } },
      });
      throw new ResponseError('REFUSED', refused);
    }
    return res.incident;
  }

  #checkMeasure(inc: Incident, input: MeasureInput): MeasureDef {
    const def = findMeasure(input?.measureId);
    if (!def) throw new ResponseError('INVALID', `measureId: unknown measure '${input?.measureId}'`);
    const object = (inc.detail as unknown as ResponseDetail).object;
    if (!def.objects.includes(object)) throw new ResponseError('INVALID', `measure ${def.id} does not apply to a ${object} system`);
    if (def.directiveScope === 'province' && !input.province) throw new ResponseError('INVALID', `province: required for measure ${def.id}`);
    if (input.province !== undefined && !/^[A-Z]{2}$/.test(input.province)) throw new ResponseError('INVALID', 'province: expected a two-letter province code');
    return def;
  }
}
