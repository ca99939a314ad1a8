// A tiny command-line parser for the dnswarden commands:
//   --name value, --name=value, -n value, boolean --flag / -f, repeatable options, `--` ends options.
// Mistakes throw UsageError, which main.ts prints with a hint and exit code 2.

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** One-letter alias: `-c` for `--config`. */
  short?: string;
  /** May be given more than once; the value is then a list. */
  multiple?: boolean;
}

export type OptionSpecs = Record<string, OptionSpec>;

type ValueOf<S extends OptionSpec> = S['type'] extends 'boolean' ? boolean
  : S['multiple'] extends true ? string[] : string | undefined;

export interface ParsedArgs<S extends OptionSpecs> {
  options: { [K in keyof S]: ValueOf<S[K]> };
  positionals: string[];
}

/** A mistake in how the command was called (exit code 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseArgs<S extends OptionSpecs>(argv: readonly string[], specs: S): ParsedArgs<S> {
  const options: Record<string, string | string[] | boolean | undefined> = {};
  for (const [name, spec] of Object.entries(specs)) options[name] = spec.type === 'boolean' ? false : spec.multiple ? [] : undefined;
  const byShort = new Map(Object.entries(specs).filter(([, s]) => s.short).map(([name, s]) => [s.short!, name] as const));
  const positionals: string[] = [];

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') { positionals.push(...argv.slice(i + 1)); break; }
    if (!arg.startsWith('-') || arg === '-') { positionals.push(arg); continue; }

    let name: string | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
      if (!(name in specs)) throw new UsageError(`unknown option '--${name}'`);
    } else {
      name = byShort.get(arg.slice(1));
      if (name === undefined) throw new UsageError(`unknown option '${arg}'`);
    }
    const spec = specs[name];
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`option '--${name}' takes no value`);
      options[name] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-' && !/^-[0-9.]/.test(next))) {
        throw new UsageError(`option '--${name}' needs a value`);
      }
      value = next;
      i++;
    }
    if (spec.multiple) (options[name] as string[]).push(value);
    else options[name] = value;
  }
  return { options: options as ParsedArgs<S>['options'], positionals };
}

/** Checks the number of positional arguments; `names` describe them for the message (e.g. ['<config.yaml>']). */
export function expectPositionals(positionals: string[], names: string[], optional = 0): void {
  const min = names.length - optional;
  if (positionals.length < min) throw new UsageError(`missing ${names.slice(positionals.length, min).join(' ')}`);
  if (positionals.length > names.length) throw new UsageError(`unexpected argument '${positionals[names.length]}'`);
}

/** A number option: undefined stays undefined; anything that is not a finite number ≥ min is a UsageError. */
export function numberOption(value: string | undefined, name: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min) throw new UsageError(`option '--${name}' must be a number ≥ ${min} (got '${value}')`);
  return n;
}

/** True when the arguments ask for help (before any `--`). */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}
