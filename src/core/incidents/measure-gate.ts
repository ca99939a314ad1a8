// Measures and the directive gate (plan §5: major measures such as flushing resolver caches
// nationally or in a province need a directive from the ministry or the provincial authority).
// Pure: decides whether a measure may be marked executed, given the directives on the incident.

export interface MeasureDef {
  id: string;
  name: { zh: string; en: string };
  objects: string[];                 // system kinds it applies to
  major: boolean;
  /** For a major measure: 'national' needs the emergency office; 'province' that province's authority (or the office). */
  directiveScope?: 'national' | 'province';
}

export interface Directive {
  id: string;
  issuedBy: { org: string; role: 'emergency-office' | 'provincial-authority'; province?: string };
  measureId: string;
  province?: string;                 // the province the directive covers, for provincial measures
  issuedAt: string;
  text: string;
}

export interface MeasureRequest { measureId: string; province?: string }

export function directiveGateError(def: MeasureDef, req: MeasureRequest, directives: Directive[]): string | null {
  if (!def.major) return null;
  const entitled = directives.filter((d) => d.measureId === def.id && entitles(d, def, req));
  if (entitled.length > 0) return null;
  // English / Chinese in one line: the refusal reaches duty officers of either language as it is.
  return def.directiveScope === 'province'
    ? `measure ${def.id} is major: it needs a directive from the emergency office or the authority of province ${req.province ?? '?'}`
      + ` / 重大措施「${def.name.zh}」须有互联网应急办或${req.province ?? '?'}省通信管理局的指令`
    : `measure ${def.id} is major: it needs a directive from the national emergency office / 重大措施「${def.name.zh}」须有互联网应急办的指令`;
}

function entitles(d: Directive, def: MeasureDef, req: MeasureRequest): boolean {
  if (d.issuedBy.role === 'emergency-office') return true;
  if (def.directiveScope !== 'province') return false;
  return d.issuedBy.role === 'provincial-authority' && !!req.province
    && d.issuedBy.province === req.province && (d.province ?? d.issuedBy.province) === req.province;
}
