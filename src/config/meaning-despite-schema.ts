// Meaning checks on a file that also has structural problems, so that `validate` reports every
// problem at once (an unknown organisation next to a misspelt key). The meaning checks expect a
// schema-valid input, so they run on a cleaned copy: unknown keys and values that fail their own
// schema are removed (lists of scalars with a bad item are removed whole), missing required lists
// become empty. Whatever the meaning checks then say about a place the schema already reported
// (the same path, one inside it, or one around it) is dropped: one problem, one line.
import { Kind, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { ConfigIssue, ConfigPath } from './config-errors.ts';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A copy of `value` with what fails `schema` taken out (see above); undefined when nothing usable is left. */
export function cleanForMeaning(schema: TSchema, value: unknown): unknown {
  if (Value.Check(schema, value)) return value;
  if (schema[Kind] === 'Object' && isObject(value)) {
    const props = (schema.properties ?? {}) as Record<string, TSchema>;
    const out: Record<string, unknown> = {};
    for (const [key, sub] of Object.entries(props)) {
      if (!(key in value)) {
        if (sub[Kind] === 'Array' && (schema.required ?? []).includes(key)) out[key] = [];
        continue;
      }
      const cleaned = cleanForMeaning(sub, value[key]);
      if (cleaned !== undefined) out[key] = cleaned;
      else if (sub[Kind] === 'Array' && (schema.required ?? []).includes(key)) out[key] = [];
    }
    return out;
  }
  if (schema[Kind] === 'Array' && Array.isArray(value)) {
    const items = schema.items as TSchema;
    // Lists of mappings keep their positions (paths stay right); a list of scalars with a bad item goes.
    if (items[Kind] !== 'Object') return undefined;
    return (value as unknown[]).map((item) => (isObject(item) ? cleanForMeaning(items, item) ?? {} : {}));
  }
  return undefined;
}

const within = (inner: ConfigPath, outer: ConfigPath): boolean =>
  outer.length <= inner.length && outer.every((segment, i) => inner[i] === segment);

/** Meaning issues about places the schema issues do not already cover. */
export function meaningBeyondSchema(meaning: ConfigIssue[], structural: ConfigIssue[]): ConfigIssue[] {
  return meaning.filter((m) => !structural.some((s) => s.path.length > 0 && (within(m.path, s.path) || within(s.path, m.path))));
}

/** Runs `check` on the cleaned input; a check that trips over what is left says nothing. */
export function meaningDespiteSchema<I>(schema: TSchema, data: unknown, structural: ConfigIssue[], check: (input: I) => ConfigIssue[]): ConfigIssue[] {
  const cleaned = cleanForMeaning(schema, data);
  if (!isObject(cleaned)) return [];
  try {
    return meaningBeyondSchema(check(cleaned as I), structural);
  } catch {
    return [];
  }
}
