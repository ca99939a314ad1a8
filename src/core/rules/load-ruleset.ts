// Parse and validate a rule set from YAML text. Pure: takes text, returns a Ruleset or throws a
// RulesetError listing every problem as `<source>:<line>:<column>: <path>: <what is wrong>`.
import { LineCounter, parseDocument, isNode } from 'yaml';
import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import {
  RulesetShellSchema, NODE_LEAVES, SYSTEM_LEAVES, NODE_QUANTIFIERS, COMBINATORS, COMPARISON_OPS, Comparison,
  type Ruleset, type RulesetInput,
} from './ruleset-schema.ts';

export interface RulesetProblem { path: string; message: string; line?: number; column?: number }

export class RulesetError extends Error {
  readonly problems: RulesetProblem[];
  constructor(source: string, problems: RulesetProblem[]) {
    super(`invalid rule set ${source}:\n` + problems.map((p) => `${source}:${p.line ?? 0}:${p.column ?? 0}: ${p.path || '(root)'}: ${p.message}`).join('\n'));
    this.name = 'RulesetError';
    this.problems = problems;
  }
}

type Segment = string | number;
/** `rules[3].when.all[0]`, the configuration's path style. */
const dotted = (path: Segment[]) => path.reduce<string>((t, s) => (typeof s === 'number' ? `${t}[${s}]` : t ? `${t}.${s}` : s), '');
const pointerToPath = (pointer: string): Segment[] =>
  pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));

function schemaProblems(schema: TSchema, value: unknown, at: Segment[], out: Array<{ path: Segment[]; message: string }>): void {
  for (const e of Value.Errors(schema, value)) {
    const path = [...at, ...pointerToPath(e.path)];
    const extra = e.message.startsWith('Unexpected property') ? `unknown key '${path[path.length - 1]}'` : e.message;
    out.push({ path, message: extra });
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkComparison(value: unknown, at: Segment[], out: Array<{ path: Segment[]; message: string }>, ignore: string[] = []): void {
  if (!isPlainObject(value)) { out.push({ path: at, message: 'expected a comparison such as { gt: 0.5 }' }); return; }
  const rest = Object.fromEntries(Object.entries(value).filter(([k]) => !ignore.includes(k)));
  schemaProblems(Comparison, rest, at, out);
  if (!COMPARISON_OPS.some((op) => op in rest)) out.push({ path: at, message: `needs at least one of ${COMPARISON_OPS.join(', ')}` });
}

/** Walk one condition; level says which vocabulary applies (system conditions or node conditions). */
function checkCondition(cond: unknown, at: Segment[], level: 'system' | 'node', out: Array<{ path: Segment[]; message: string }>): void {
  const leaves: Record<string, TSchema> = level === 'system' ? SYSTEM_LEAVES : NODE_LEAVES;
  const known = [...COMBINATORS, ...(level === 'system' ? NODE_QUANTIFIERS : []), ...Object.keys(leaves)];
  if (!isPlainObject(cond)) { out.push({ path: at, message: `expected a ${level} condition: an object with one of ${known.join(', ')}` }); return; }
  const keys = Object.keys(cond);
  if (keys.length !== 1) { out.push({ path: at, message: `a condition has exactly one key, found ${keys.length}${keys.length ? ` (${keys.join(', ')})` : ''}; combine with all/any` }); return; }
  const key = keys[0];
  const value = cond[key];
  const here = [...at, key];
  if (key === 'all' || key === 'any') {
    if (!Array.isArray(value) || value.length === 0) { out.push({ path: here, message: 'expected a non-empty list of conditions' }); return; }
    value.forEach((c, i) => checkCondition(c, [...here, i], level, out));
  } else if (key === 'not') {
    checkCondition(value, here, level, out);
  } else if (level === 'system' && (key === 'anyNode' || key === 'allNodes')) {
    checkCondition(value, here, 'node', out);
  } else if (level === 'system' && (key === 'nodesShare' || key === 'nodesCount')) {
    if (!isPlainObject(value) || !('where' in value)) { out.push({ path: here, message: `expected { where: <node condition>, <comparison> }` }); return; }
    checkCondition(value.where, [...here, 'where'], 'node', out);
    checkComparison(value, here, out, ['where']);
  } else if (key in leaves) {
    if (leaves[key] === Comparison) checkComparison(value, here, out);
    else schemaProblems(leaves[key], value, here, out);
  } else {
    const hint = level === 'node' && key in SYSTEM_LEAVES ? ` ('${key}' is a system condition, not allowed inside a node condition)` : '';
    out.push({ path: here, message: `unknown ${level} condition '${key}'${hint}; expected one of ${known.join(', ')}` });
  }
}

/** Parse rule-set YAML. `source` names the text in messages (a file path or "builtin:<id>"). */
export function parseRuleset(text: string, source = '<rule set>'): Ruleset {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const located = (path: Segment[], message: string): RulesetProblem => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) {
        const { line, col } = lineCounter.linePos(node.range[0]);
        return { path: dotted(path), message, line, column: col };
      }
    }
    return { path: dotted(path), message };
  };
  if (doc.errors.length > 0) {
    throw new RulesetError(source, doc.errors.map((e) => {
      const pos = e.linePos?.[0];
      return { path: '', message: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''), line: pos?.line, column: pos?.col };
    }));
  }
  const data: unknown = doc.toJS();
  const raw: Array<{ path: Segment[]; message: string }> = [];
  schemaProblems(RulesetShellSchema, data, [], raw);
  const input = data as RulesetInput;
  if (isPlainObject(data) && Array.isArray(data.rules)) {
    const seen = new Map<string, number>();
    data.rules.forEach((rule: unknown, i: number) => {
      if (!isPlainObject(rule)) return;
      if ('when' in rule) checkCondition(rule.when, ['rules', i, 'when'], 'system', raw);
      else raw.push({ path: ['rules', i], message: "missing 'when'" });
      if (typeof rule.id === 'string') {
        if (seen.has(rule.id)) raw.push({ path: ['rules', i, 'id'], message: `duplicate rule id '${rule.id}' (also rules[${seen.get(rule.id)}])` });
        else seen.set(rule.id, i);
      }
      if (rule.confirm === true && rule.grade === null) raw.push({ path: ['rules', i, 'confirm'], message: 'a finding without a grade cannot need confirmation' });
    });
  }
  if (raw.length > 0) {
    // Name the rule in the message: "rules[3]" alone is hard to find in a long file.
    const withRule = raw.map(({ path, message }) => {
      const rule = path[0] === 'rules' && typeof path[1] === 'number' ? input.rules?.[path[1]] : undefined;
      const id = isPlainObject(rule) && typeof rule.id === 'string' ? ` (rule ${rule.id})` : '';
      return located(path, message + id);
    });
    const unique = [...new Map(withRule.map((p) => [`${p.path}|${p.message}`, p])).values()];
    throw new RulesetError(source, unique);
  }
  return {
    ...input,
    defaults: {
      stoppedBelow: input.defaults?.stoppedBelow ?? 0.05,
      latencyStatistic: input.defaults?.latencyStatistic ?? 'p50',
    },
    rules: input.rules.map((r) => ({ ...r, confirm: r.confirm ?? false })),
  };
}
