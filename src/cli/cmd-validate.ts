// `dnswarden validate <config.yaml>`: checks a configuration and reports every problem, one per line.
import { checkConfigFile } from '../config/load-config.ts';
import { formatConfigError } from '../config/config-errors.ts';
import { expectPositionals, parseArgs } from './args.ts';

export const help = `usage: dnswarden validate [--json] <config.yaml>

Checks a configuration file: YAML syntax, the schema (unknown keys are errors), references between
organizations, systems and key domains, per-kind requirements, durations, addresses and zone files.

  --json     print {"valid": true|false, "file", "organizations", "systems", "errors": [...]} on stdout

Exit status: 0 valid; 2 invalid or unreadable, with one line per problem on stderr:
  <file>:<line>:<column>: <path.to.field>: <what is wrong>
`;

export async function run(argv: string[]): Promise<number> {
  const { options, positionals } = parseArgs(argv, { json: { type: 'boolean' } });
  expectPositionals(positionals, ['<config.yaml>']);
  const file = positionals[0];
  const result = await checkConfigFile(file);
  const config = result.config;

  if (options.json) {
    const report = config
      ? { valid: true, file, organizations: config.organizations.length, systems: config.systems.length, errors: [] }
      : { valid: false, file, errors: result.errors };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return config ? 0 : 2;
  }
  if (config) {
    process.stdout.write(`ok: ${file}: ${count(config.organizations.length, 'organization')}, ${count(config.systems.length, 'system')}\n`);
    return 0;
  }
  process.stderr.write(result.errors.map((e) => `${formatConfigError(e)}\n`).join(''));
  return 2;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
