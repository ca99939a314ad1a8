// The `dnswarden` entry point: finds the command, loads src/cli/cmd-<command>.ts on demand, runs it and
// turns what goes wrong into a message on stderr and an exit code (2: usage, 1: anything else).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError, wantsHelp } from './args.ts';

/** What every cmd-<command>.ts module exports. */
export interface CommandModule {
  run(argv: string[]): Promise<number>;
  help: string;
}

/** The commands, in the order the help lists them, with one line each. */
export const COMMANDS: Readonly<Record<string, string>> = {
  validate: 'check a configuration file',
  probe: 'probe every node once and print a measurement snapshot',
  grade: 'grade a measurement snapshot offline with the active rule set',
  serve: 'run the platform: scheduler, probes, grading, incidents, HTTP API, console',
  lab: 'start or stop the local DNS lab on loopback, inject faults into it',
  dnssec: 'resolve a name from a trust anchor and validate its DNSSEC chain',
  audit: 'read and verify the audit trail',
  users: 'add, list, disable users of the console and API',
  names: 'act on names at the registry: hold, lock, sinkhole, block (DGA lists); history, sinkhole log',
};

export interface MainIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Loads a command's module; undefined when this build does not have it. */
  load: (command: string) => Promise<CommandModule | undefined>;
}

const defaultIo: MainIo = {
  out: (text) => { process.stdout.write(text); },
  err: (text) => { process.stderr.write(text); },
  load: loadCommandModule,
};

async function loadCommandModule(command: string): Promise<CommandModule | undefined> {
  const url = new URL(`./cmd-${command}.ts`, import.meta.url);
  if (!existsSync(fileURLToPath(url))) return undefined;
  return (await import(url.href)) as CommandModule;
}

export function topLevelHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, what]) => `  ${name.padEnd(width)}  ${what}`);
  return [
    'dnswarden — DNS security monitoring: watches DNS systems, grades incidents by the MIIT emergency plan, drives the response',
    'dnswarden — 域名系统安全监测：监测解析系统，按工信部《域名安全事件应急预案》分级事件并驱动应急处置',
    '',
    'usage: dnswarden <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    "Run 'dnswarden help <command>' or 'dnswarden <command> --help' for a command's options.",
    '',
  ].join('\n');
}

export function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Runs `dnswarden <argv...>` and returns the exit code. */
export async function main(argv: string[], io: Partial<MainIo> = {}): Promise<number> {
  const { out, err, load } = { ...defaultIo, ...io };
  const [first, ...rest] = argv;

  if (first === undefined) { err(topLevelHelp()); return 2; }
  if (first === '--help' || first === '-h') { out(topLevelHelp()); return 0; }
  if (first === '--version' || first === '-V') { out(`dnswarden ${version()}\n`); return 0; }
  if (first === 'help') {
    if (rest.length === 0) { out(topLevelHelp()); return 0; }
    return printHelp(rest[0], out, err, load);
  }
  if (!(first in COMMANDS)) {
    err(`dnswarden: unknown ${first.startsWith('-') ? 'option' : 'command'} '${first}'\nRun 'dnswarden --help' for the list of commands.\n`);
    return 2;
  }
  if (wantsHelp(rest)) return printHelp(first, out, err, load);

  const module = await loadOrReport(first, err, load);
  if (!module) return 1;
  try {
    const code = await module.run(rest);
    return Number.isInteger(code) ? code : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      err(`dnswarden ${first}: ${error.message}\nRun 'dnswarden ${first} --help' for usage.\n`);
      return 2;
    }
    const e = error as Error;
    err(`dnswarden ${first}: ${e?.message ?? String(error)}\n`);
    if (process.env.DNSWARDEN_DEBUG && e?.stack) err(`${e.stack}\n`);
    return 1;
  }
}

async function printHelp(command: string, out: MainIo['out'], err: MainIo['err'], load: MainIo['load']): Promise<number> {
  if (!(command in COMMANDS)) { err(`dnswarden: unknown command '${command}'\nRun 'dnswarden --help' for the list of commands.\n`); return 2; }
  const module = await loadOrReport(command, err, load);
  if (!module) return 1;
  const help = typeof module.help === 'string' ? module.help : `dnswarden ${command}: ${COMMANDS[command]}`;
  out(help.endsWith('\n') ? help : `${help}\n`);
  return 0;
}

async function loadOrReport(command: string, err: MainIo['err'], load: MainIo['load']): Promise<CommandModule | undefined> {
  let module: CommandModule | undefined;
  try {
    module = await load(command);
  } catch (error) {
    err(`dnswarden: cannot load the '${command}' command: ${(error as Error)?.message ?? String(error)}\n`);
    return undefined;
  }
  if (!module) {
    err(`dnswarden: the '${command}' command is not available in this build (src/cli/cmd-${command}.ts is missing)\n`);
    return undefined;
  }
  if (typeof module.run !== 'function') {
    err(`dnswarden: the '${command}' command is broken: src/cli/cmd-${command}.ts exports no run()\n`);
    return undefined;
  }
  return module;
}
