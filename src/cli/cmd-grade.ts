// `dnswarden grade --config <config.yaml> --measurements <snapshot.json> [--json]`: grades a measurement
// snapshot offline with the configured rule set. No network, no database.
import { readFile } from 'node:fs/promises';
import { loadConfig } from '../config/load-config.ts';
import type { ResolvedConfig } from '../config/config-types.ts';
import { parseArgs, expectPositionals, UsageError } from './args.ts';
import { readRuleset } from '../config/read-ruleset.ts';
import { RulesetError } from '../core/rules/load-ruleset.ts';
import { parseSnapshot, SnapshotError } from '../core/rules/parse-snapshot.ts';
import { gradeSnapshot, type GradingResult, type Incident } from '../core/rules/grade-snapshot.ts';
import { GRADE_NAMES, type Grade } from '../core/grades.ts';
import { WARNING_LEVEL_NAMES } from '../core/rules/warning-level.ts';
import type { Ruleset } from '../core/rules/ruleset-schema.ts';

export const help = `usage: dnswarden grade --config <config.yaml> --measurements <snapshot.json> [--json]

Grades a measurement snapshot (the output of 'dnswarden probe --json') with the active rule set
(rules.ruleset in the configuration: the built-in miit-domain-security-2011 or a YAML file) and the
organisations of the configuration. Offline: no network, no database.

  -c, --config <file>         the configuration (organisations, systems, rules)
  -m, --measurements <file>   the snapshot JSON; '-' reads standard input
      --json                  print the grading result JSON on stdout (contracts: grading result)

Without --json, prints a bilingual table of the incidents.
Exit status: 0 graded (with or without incidents); 2 bad usage, invalid configuration, rule set or snapshot.
`;

export interface GradeIo {
  out: (text: string) => void;
  err: (text: string) => void;
  readStdin: () => Promise<string>;
  loadConfig: (file: string) => Promise<ResolvedConfig>;
}

const defaultIo: GradeIo = {
  out: (t) => { process.stdout.write(t); },
  err: (t) => { process.stderr.write(t); },
  readStdin: async () => { let s = ''; for await (const chunk of process.stdin) s += chunk; return s; },
  loadConfig: (file) => loadConfig(file),
};

export async function run(argv: string[], io: Partial<GradeIo> = {}): Promise<number> {
  const { out, err, readStdin, loadConfig: load } = { ...defaultIo, ...io };
  const { options, positionals } = parseArgs(argv, {
    config: { type: 'string', short: 'c' },
    measurements: { type: 'string', short: 'm' },
    json: { type: 'boolean' },
  });
  expectPositionals(positionals, []);
  if (!options.config) throw new UsageError("missing '--config <config.yaml>'");
  if (!options.measurements) throw new UsageError("missing '--measurements <snapshot.json>'");

  let config: ResolvedConfig;
  let ruleset: Ruleset;
  try {
    config = await load(options.config);
    ruleset = await readRuleset(config.rules.ruleset);
  } catch (e) {
    err(`dnswarden grade: ${(e as Error).message}\n`);
    return 2;
  }

  let text: string;
  const source = options.measurements === '-' ? '<stdin>' : options.measurements;
  try {
    text = options.measurements === '-' ? await readStdin() : await readFile(options.measurements, 'utf8');
  } catch (e) {
    err(`dnswarden grade: cannot read the snapshot ${source}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`);
    return 2;
  }
  let result: GradingResult;
  try {
    const snapshot = parseSnapshot(text, source);
    result = gradeSnapshot(snapshot, {
      ruleset,
      organizations: config.organizations,
      systems: config.systems.map((s) => ({ id: s.id, org: s.org, kind: s.kind, scope: s.scope, provinces: s.provinces })),
      latencyStatistic: config.rules.latencyStatistic,
      stoppedBelow: config.probing.stoppedBelow,
      evidenceConfidence: config.rules.evidenceConfidence,
    });
  } catch (e) {
    if (!(e instanceof SnapshotError) && !(e instanceof RulesetError)) throw e;
    err(`dnswarden grade: ${e.message}\n`);
    return 2;
  }
  out(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatTable(result, ruleset));
  return 0;
}

// ── the readable table ───────────────────────────────────────────────────────────────
const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

const COMMANDERS: Record<string, string> = { 'emergency-office': '互联网应急办 emergency office', 'provincial-authority': '通信管理局 provincial authority', self: '涉事单位自行处置 the organisation itself' };

function gradeText(g: Grade | null, ruleset: Ruleset): string {
  if (!g) return '—';
  const n = ruleset.grades?.[g] ?? GRADE_NAMES[g];
  return `${g} ${n.zh ?? ''} ${n.en ?? ''}`.trim();
}

function commanderText(i: Incident): string {
  const c = i.commander;
  const base = COMMANDERS[c.role] ?? c.role;
  const where = c.role === 'provincial-authority' ? ` ${c.province}` : c.role === 'self' && c.org ? ` (${c.org})` : '';
  return `${base}${where}${c.provisional ? ' [待确认 provisional]' : ''}`;
}

export function formatTable(result: GradingResult, ruleset: Ruleset): string {
  const head = `分级结果 Grading result — ${result.ruleset.id} v${result.ruleset.version}, ${result.at}\n`;
  if (result.incidents.length === 0) return `${head}无事件 No incidents.\n`;
  const header = ['系统 system', '对象 object', '级别 grade', '建议级别(待确认) proposed', '预警 warning', '指挥 commander'];
  const rows = result.incidents.map((i) => [
    i.system, i.object, gradeText(i.grade, ruleset),
    i.proposedGrade ? gradeText(i.proposedGrade, ruleset) : '—',
    i.warningLevel ? `${WARNING_LEVEL_NAMES[i.warningLevel].zh} ${i.warningLevel}` : '—',
    commanderText(i),
  ]);
  const widths = header.map((h, c) => Math.max(width(h), ...rows.map((r) => width(r[c]))));
  const line = (cells: string[]) => cells.map((cell, c) => (c === cells.length - 1 ? cell : pad(cell, widths[c]))).join('  ');
  const lines = [head, line(header), widths.map((w) => '─'.repeat(w)).join('  ')];
  result.incidents.forEach((i, k) => {
    lines.push(line(rows[k]));
    for (const m of i.matched) lines.push(`    · ${m.rule} [${m.grade ?? '无级别 no grade'}${m.confirm ? ', 需确认社会影响 needs confirmation' : ''}]: ${m.detail}`);
    // Not graded: the evidence is too thin either way (docs/evidence.md).
    for (const u of i.undetermined ?? []) lines.push(`    ? ${u.rule} [${u.grade ?? '无级别 no grade'}, 待定 undetermined]: ${u.detail}`);
  });
  return `${lines.join('\n')}\n`;
}
