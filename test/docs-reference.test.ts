// The reference documents stay true to the code: the full example of docs/configuration.md validates,
// every key the configuration schema accepts is documented there, every command has its section in
// docs/cli.md, and the JSON examples of docs/formats.md parse (the snapshot one grades).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Kind, type TSchema } from '@sinclair/typebox';
import { Config } from '../src/config/config-schema.ts';
import { loadConfigText } from '../src/config/load-config.ts';
import { formatConfigError } from '../src/config/config-errors.ts';
import { COMMANDS } from '../src/cli/main.ts';
import { gradeSnapshot } from '../src/core/rules/grade-snapshot.ts';
import { readRuleset } from '../src/config/read-ruleset.ts';

const doc = (name: string): string => readFileSync(new URL(`../docs/${name}`, import.meta.url), 'utf8');
const blocks = (text: string, lang: string): string[] => [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);

/** Every key of the schema, as the last segment of its path (the reference tables name them so). */
function keys(schema: TSchema, path: string[] = [], out = new Map<string, string>()): Map<string, string> {
  if (schema[Kind] === 'Object') {
    for (const [k, sub] of Object.entries(schema.properties as Record<string, TSchema>)) {
      out.set([...path, k].join('.'), k);
      keys(sub, [...path, k], out);
    }
  } else if (schema[Kind] === 'Array') keys(schema.items as TSchema, path, out);
  else if (schema[Kind] === 'Union') for (const v of schema.anyOf as TSchema[]) keys(v, path, out);
  return out;
}

test('the full example of docs/configuration.md validates as it stands', () => {
  const [example] = blocks(doc('configuration.md'), 'yaml');
  const { config, errors } = loadConfigText(example, 'docs/configuration.md', { fileExists: () => true });
  assert.deepEqual(errors.map(formatConfigError), []);
  assert.ok(config);
});

test('every key the configuration accepts is in docs/configuration.md', () => {
  const text = doc('configuration.md');
  const missing = [...keys(Config)].filter(([, key]) => !text.includes(`\`${key}\``) && !new RegExp(`(^|[\\s{,])${key}:`, 'm').test(text));
  assert.deepEqual(missing.map(([path]) => path), []);
});

test('every command has its section in docs/cli.md', () => {
  const text = doc('cli.md');
  for (const command of Object.keys(COMMANDS)) assert.match(text, new RegExp(`^## dnswarden ${command}$`, 'm'), command);
});

test('the JSON examples of docs/formats.md parse, and the snapshot grades to the result shown', async () => {
  const [snapshot, result] = blocks(doc('formats.md'), 'json').map((b) => JSON.parse(b));
  const config = loadConfigText(`organizations:
  - { id: office, role: emergency-office }
  - { id: cn-registry, role: registry, licensedBy: national }
systems: []
`, '<inline>').config!;
  const ruleset = await readRuleset('miit-domain-security-2011');
  const graded = gradeSnapshot(snapshot, {
    ruleset, organizations: config.organizations, systems: [{ id: 'cn-tld', org: 'cn-registry', kind: 'tld' }],
    latencyStatistic: 'p50', stoppedBelow: 0.05,
  });
  assert.deepEqual(graded.incidents, [], 'the healthy example has nothing to report');
  assert.equal(result.incidents[0].grade, 'II');
});
