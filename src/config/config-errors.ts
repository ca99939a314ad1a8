// Configuration errors: what one problem looks like, how it is printed, where in the YAML it sits,
// and how TypeBox's schema errors become short readable messages.
import { Kind, type TSchema } from '@sinclair/typebox';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter } from 'yaml';

/** One problem in a configuration file. line/column are 1-based; 0 when the file could not be read at all. */
export interface ConfigError { file: string; line: number; column: number; path: string; message: string }

/** A path into the configuration: strings are mapping keys, numbers are list indexes. */
export type ConfigPath = Array<string | number>;

/** A problem before it is given a position. `at` says which YAML node to point at:
 *  the value at `path` (default), its key (unknown keys), or the mapping that holds it (missing keys). */
export interface ConfigIssue { path: ConfigPath; message: string; at?: 'value' | 'key' | 'parent' }

/** `systems[0].nodes[1].port`; `(root)` for the whole document. */
export function formatPath(path: ConfigPath): string {
  if (path.length === 0) return '(root)';
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
}

/** `<file>:<line>:<column>: <path>: <message>` — or `<file>: <message>` when there is no position. */
export function formatConfigError(error: ConfigError): string {
  if (error.line === 0) return `${error.file}: ${error.message}`;
  return `${error.file}:${error.line}:${error.column}: ${error.path}: ${error.message}`;
}

/** Quotes a value for a message, shortened so that one error stays one line. */
export function showValue(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value);
  const line = text.replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

/** Line and column (1-based) of the YAML node an issue points at. Falls back to the deepest node found. */
export function locateIssue(doc: Document, lines: LineCounter, issue: ConfigIssue): { line: number; column: number } {
  const anchor = issue.at ?? 'value';
  const target = anchor === 'parent' ? issue.path.slice(0, -1) : issue.path;
  let node: unknown = doc.contents;
  let keyNode: unknown;
  for (const segment of target) {
    if (isAlias(node)) node = node.resolve(doc);
    let next: unknown;
    keyNode = undefined;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && String(isScalar(item.key) ? item.key.value : item.key) === String(segment));
      if (pair) { keyNode = pair.key; next = pair.value ?? pair.key; }
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (next === undefined || next === null) break;
    node = next;
  }
  const chosen = anchor === 'key' && keyNode ? keyNode : node;
  const offset = rangeStart(chosen);
  if (offset === undefined) return { line: 1, column: 1 };
  const pos = lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  return range ? range[0] : undefined;
}

/** JSON pointer (`/systems/0/nodes`) → ConfigPath, using the data to tell list indexes from keys. */
export function pointerToPath(pointer: string, data: unknown): ConfigPath {
  const path: ConfigPath = [];
  let value = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment = Array.isArray(value) && /^[0-9]+$/.test(key) ? Number(key) : key;
    path.push(segment);
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return path;
}

/** TypeBox errors → one readable issue per field. A missing key outranks other errors at the same path;
 *  a failed union is explained once ("must be 'tld', 'authoritative' or ..."), or, when only one of its
 *  alternatives has the value's type, by that alternative's own errors. */
export function schemaIssues(errors: Iterable<ValueError>, data: unknown): ConfigIssue[] {
  const byPath = new Map<string, ConfigIssue & { required: boolean }>();
  for (const issue of translate(errors, data)) {
    const key = formatPath(issue.path);
    const seen = byPath.get(key);
    if (!seen || (issue.required && !seen.required)) byPath.set(key, issue);
  }
  return [...byPath.values()].map(({ path, message, at }) => ({ path, message, at }));
}

function* translate(errors: Iterable<ValueError>, data: unknown): Generator<ConfigIssue & { required: boolean }> {
  for (const error of errors) {
    const path = pointerToPath(error.path, data);
    if (error.type === ValueErrorType.Union) {
      const variants = (error.schema.anyOf ?? []) as TSchema[];
      const sameType = variants.map((v, i) => [v, i] as const).filter(([v]) => baseType(v) === typeOfValue(error.value));
      if (sameType.length === 1 && sameType[0][0][Kind] !== 'Literal' && error.errors[sameType[0][1]]) {
        yield* translate(error.errors[sameType[0][1]], data);
        continue;
      }
      yield { path, required: false, message: `must be ${describeAlternatives(variants)} (got ${showValue(error.value)})` };
      continue;
    }
    yield { path, ...messageFor(error) };
  }
}

function messageFor(error: ValueError): { message: string; required: boolean; at?: ConfigIssue['at'] } {
  const { schema, value } = error;
  const got = `(got ${showValue(value)})`;
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return { required: true, at: 'parent', message: `required key '${lastKey(error.path)}' is missing` };
    case ValueErrorType.ObjectAdditionalProperties:
      return { required: false, at: 'key', message: `unknown key '${lastKey(error.path)}'` };
    case ValueErrorType.String: case ValueErrorType.Integer: case ValueErrorType.Number:
    case ValueErrorType.Boolean: case ValueErrorType.Array: case ValueErrorType.Object:
    case ValueErrorType.Null: case ValueErrorType.Literal:
      return { required: false, message: `must be ${describe(schema)} ${got}` };
    case ValueErrorType.StringPattern:
      return { required: false, message: `must be ${describe(schema)} ${got}` };
    case ValueErrorType.StringMinLength:
      return { required: false, message: schema.minLength === 1 ? 'must not be empty' : `must have at least ${schema.minLength} characters` };
    case ValueErrorType.NumberMinimum: case ValueErrorType.IntegerMinimum:
      return { required: false, message: `must be at least ${schema.minimum} ${got}` };
    case ValueErrorType.NumberMaximum: case ValueErrorType.IntegerMaximum:
      return { required: false, message: `must be at most ${schema.maximum} ${got}` };
    case ValueErrorType.ArrayMinItems:
      return { required: false, message: `must have at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}` };
    default:
      return { required: false, message: `${error.message.replace(/^Expected/, 'must be')} ${got}` };
  }
}

function lastKey(pointer: string): string {
  return (pointer.split('/').pop() ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
}

// The schema's patterns, said in words (a description, where a schema has one, comes second).
const PATTERN_WORDS: Record<string, string> = {
  '^[a-z0-9][a-z0-9._-]{0,62}$': "a lower-case id of up to 63 letters, digits, '.', '_' or '-'",
  '^[A-Z]{2}$': 'a two-letter province code such as BJ',
  '^[0-9]+(\\.[0-9]+)?(ms|s|m|h|d)$': 'a duration such as 500ms, 10s, 5m, 4h or 1d',
  '^[A-Z][A-Z0-9]*$': 'an upper-case record type such as AAAA',
  '^https?://': 'an http:// or https:// URL',
  '^smtps?://': 'an smtp:// or smtps:// URL',
  '^postgres(ql)?://': 'a postgres:// or postgresql:// URL',
  '^(\\[[0-9a-fA-F:]+\\]|[^:]+):[0-9]{1,5}$': 'host:port or [ipv6]:port, e.g. 127.0.0.1:8053',
};

/** What a schema accepts, in words. */
export function describe(schema: TSchema): string {
  switch (schema[Kind]) {
    case 'Literal': return typeof schema.const === 'string' ? `'${schema.const}'` : String(schema.const);
    case 'Union': return describeAlternatives(schema.anyOf as TSchema[]);
    case 'String':
      if (schema.pattern && PATTERN_WORDS[schema.pattern]) return PATTERN_WORDS[schema.pattern];
      if (schema.description) return schema.description;
      return schema.pattern ? `a string matching ${schema.pattern}` : 'a string';
    case 'Integer': case 'Number': {
      const noun = schema[Kind] === 'Integer' ? 'an integer' : 'a number';
      if (schema.minimum !== undefined && schema.maximum !== undefined) return `${noun} from ${schema.minimum} to ${schema.maximum}`;
      if (schema.minimum !== undefined) return `${noun} ≥ ${schema.minimum}`;
      return noun;
    }
    case 'Boolean': return 'true or false';
    case 'Null': return 'null';
    case 'Array': return `a list of ${plural(describe(schema.items as TSchema))}`;
    case 'Object': return 'a mapping';
    default: return schema.description ?? 'something else';
  }
}

function plural(text: string): string {
  return text.replace(/^an? (string|integer|number|mapping)\b/, '$1s');
}

function describeAlternatives(variants: TSchema[]): string {
  const words = variants.map(describe);
  if (words.length <= 1) return words.join('');
  const allLiterals = variants.every((v) => v[Kind] === 'Literal');
  if (allLiterals && words.length > 2) return `one of ${words.join(', ')}`;
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function baseType(schema: TSchema): string {
  switch (schema[Kind]) {
    case 'Literal': return typeOfValue(schema.const);
    case 'Integer': case 'Number': return 'number';
    case 'String': return 'string';
    case 'Boolean': return 'boolean';
    case 'Null': return 'null';
    case 'Array': return 'array';
    case 'Object': return 'object';
    default: return 'unknown';
  }
}

function typeOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
