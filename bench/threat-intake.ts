// Threat-report intake throughput through the service (no HTTP): N reports on a fresh SQLite store,
// one in ten naming an already-open case (linked, not a new case), each acknowledged and audited.
// Prints `key value` lines: reports, cases, seconds, reports_per_s, rss_mib.
//   node bench/threat-intake.ts [--reports 5000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigText } from '../src/config/load-config.ts';
import { openStore } from '../src/store/open-store.ts';
import { ThreatService } from '../src/threats/threat-service.ts';
import type { ParsedReport } from '../src/threats/intake-parse.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const total = Math.max(1, Math.min(1_000_000, arg('reports', 5000)));
const { config } = loadConfigText(`organizations:
  - { id: office, role: emergency-office }
  - { id: registry, role: registry }
systems:
  - { id: lab-tld, org: registry, kind: tld, zone: lab., nodes: [{ id: a, address: 127.0.10.1 }] }
`, '<bench>');
const dir = mkdtempSync(join(tmpdir(), 'dw-bench-threats-'));
const store = await openStore({ url: null, dataDir: dir });
const threats = new ThreatService({ store, config: config! });
const report = (i: number): ParsedReport => ({
  names: [i % 10 === 9 ? `phish-${i - 9}.lab` : `phish-${i}.lab`], threatType: 'phishing', description: `fake login page number ${i}`,
  evidence: [{ kind: 'url', value: `http://phish-${i}.lab/login` }], reporter: i % 2 ? { email: `r${i}@example.test`, lang: 'en' } : null, lang: 'zh',
});
const t0 = performance.now();
for (let i = 0; i < total; i++) await threats.intake(report(i), { sourceClass: 'anonymous', reporterOrg: null, actor: 'anonymous', format: 'json' });
const seconds = (performance.now() - t0) / 1000;
const cases = (await store.listThreatCases({ limit: 5000 })).length;
console.log(`reports ${await store.countThreatReports()}`);
console.log(`cases ${cases}${cases === 5000 ? '+' : ''}`);
console.log(`seconds ${seconds.toFixed(2)}`);
console.log(`reports_per_s ${(total / seconds).toFixed(0)}`);
console.log(`rss_mib ${(process.memoryUsage().rss / 1048576).toFixed(0)}`);
await store.close();
rmSync(dir, { recursive: true, force: true });
