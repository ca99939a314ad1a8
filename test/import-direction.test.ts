// The layering of docs/architecture.md, checked on the source: the pure core (src/core) imports only
// itself, node: builtins that do no I/O and a few pure libraries; the daemon never imports the HTTP
// layer (src/http imports src/daemon, not the other way round). Known exceptions are listed below
// with their reason; the test also fails when one of them is gone, so the list only shrinks.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');

/** Libraries the core may use: parsing and schemas, no I/O. */
const PURE_PACKAGES = new Set(['yaml', '@sinclair/typebox', '@sinclair/typebox/value']);
/** node: builtins that reach the outside world: the core takes data, an adapter reads or sends it. */
const IO_BUILTINS = /^node:(fs|fs\/promises|net|dgram|dns|dns\/promises|http|https|http2|tls|child_process|worker_threads|cluster)$/;

/** `file -> import`, as written; each is a debt (issue 9, "Structure"). */
const KNOWN = new Set([
  // The core takes organisations and systems as the configuration types them (type-only imports).
  'src/core/rules/commander.ts -> ../../config/config-schema.ts',
  'src/core/rules/conditions.ts -> ../../config/config-schema.ts',
  'src/core/rules/grade-snapshot.ts -> ../../config/config-schema.ts',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** Every module specifier of static imports and re-exports, side-effect imports and dynamic import(). */
function specifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const m of code.matchAll(/(?:^|[;\s])(?:import|export)\s[^'"]*?\sfrom\s*['"]([^'"]+)['"]/g)) found.push(m[1]);
  for (const m of code.matchAll(/(?:^|[;\s])import\s*['"]([^'"]+)['"]/g)) found.push(m[1]);
  for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]);
  return found;
}

function edges(): Array<{ file: string; spec: string; target: string | null }> {
  return sourceFiles(SRC).flatMap((path) => specifiers(readFileSync(path, 'utf8')).map((spec) => ({
    file: relative(ROOT, path),
    spec,
    target: spec.startsWith('.') ? relative(ROOT, resolve(dirname(path), spec)) : null,
  })));
}

const all = edges();
const label = (e: { file: string; spec: string }): string => `${e.file} -> ${e.spec}`;

test('the import scan sees the imports (self-check)', () => {
  assert.ok(all.length > 500, `only ${all.length} imports found under src/`);
  assert.ok(all.some((e) => e.file === 'src/http/routes/incidents.ts' && e.target?.startsWith('src/daemon/')));
  assert.deepEqual(specifiers(`import type { A } from './a.ts';\nexport { b } from "../b.ts";\nimport './c.ts';\nawait import('node:fs');\n// import x from 'y';`),
    ['./a.ts', '../b.ts', './c.ts', 'node:fs']);
});

test('src/core imports only src/core, node: builtins without I/O and pure libraries', () => {
  const core = all.filter((e) => e.file.startsWith('src/core/'));
  const bad = core.filter((e) => {
    if (e.target !== null) return !e.target.startsWith('src/core/');
    if (e.spec.startsWith('node:')) return IO_BUILTINS.test(e.spec);
    return !PURE_PACKAGES.has(e.spec);
  }).map(label);
  assert.deepEqual(bad.filter((l) => !KNOWN.has(l)), [], 'the core must not import adapters (docs/architecture.md)');
  const stale = [...KNOWN].filter((l) => !bad.includes(l));
  assert.deepEqual(stale, [], 'fixed: remove these from KNOWN in test/import-direction.test.ts');
});

test('src/core reads no file: no node:fs import anywhere in it, not even as a known exception', () => {
  const fs = all.filter((e) => e.file.startsWith('src/core/') && /^(node:)?fs(\/promises)?$/.test(e.spec)).map(label);
  assert.deepEqual(fs, [], 'the core takes data; an adapter (e.g. src/config/read-ruleset.ts) reads it');
});

test('src/daemon does not import src/http (one direction: http -> daemon)', () => {
  const bad = all.filter((e) => e.file.startsWith('src/daemon/') && e.target?.startsWith('src/http/')).map(label);
  assert.deepEqual(bad, []);
});
