// Reads a rule set named by the configuration's rules.ruleset: a built-in id or a path to a YAML
// file (relative to the configuration's folder). The adapter of the grading core: it reads the text,
// the core (src/core/rules/load-ruleset.ts) parses and validates it and never touches a file. The
// built-in rule sets stay beside the core as data (src/core/rules/builtin/).
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRuleset } from '../core/rules/load-ruleset.ts';
import { isRulesetPath } from './check-config.ts';
import type { Ruleset } from '../core/rules/ruleset-schema.ts';

const DEFAULT_RULESET = 'miit-domain-security-2011';
const BUILTIN_RULESETS = ['miit-domain-security-2011'] as const;

export function builtinRulesetPath(id: string): string | null {
  return (BUILTIN_RULESETS as readonly string[]).includes(id)
    ? fileURLToPath(new URL(`../core/rules/builtin/${id}.yaml`, import.meta.url)) : null;
}

/** @param ref a built-in id or a file path; @param baseDir the folder relative paths are taken from. */
export async function readRuleset(ref: string = DEFAULT_RULESET, baseDir = process.cwd()): Promise<Ruleset> {
  const builtin = builtinRulesetPath(ref);
  if (!builtin && !isRulesetPath(ref)) {
    throw new Error(`unknown built-in rule set '${ref}' (built-in: ${BUILTIN_RULESETS.join(', ')}; or give a path to a YAML file)`);
  }
  const file = builtin ?? (isAbsolute(ref) ? ref : resolve(baseDir, ref));
  const text = await readFile(file, 'utf8');
  return parseRuleset(text, builtin ? `builtin:${ref}` : file);
}
