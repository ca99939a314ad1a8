// Signed test zones made with the real Debian tools: ldns-keygen for the keys (algorithms 8, 10, 13,
// 14, 15, 16), ldns-signzone for the signatures (NSEC, or NSEC3 with salt, iterations and opt-out) with
// explicit inception and expiration, so tests compute validity windows from their own "now".
// Used by test/dnssec-matrix.test.ts and bench/dnssec-verify.ts; serve the files with startNsd.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ALG_NAME: Record<number, string> = {
  8: 'RSASHA256', 10: 'RSASHA512', 13: 'ECDSAP256SHA256', 14: 'ECDSAP384SHA384', 15: 'ED25519', 16: 'ED448',
};

export interface SignOptions {
  dir: string;
  origin: string;           // absolute: "sec.lab."
  /** Unsigned zone text (absolute names or relative to origin). */
  text: string;
  algorithm: number;
  /** Signature validity window, seconds since the epoch. */
  inception: number;
  expiration: number;
  nsec3?: { salt?: string; iterations?: number; optOut?: boolean };
}

export interface SignedZone {
  origin: string;
  file: string;
  /** DS record of the KSK in presentation format (ldns picks SHA-256, or SHA-384 for algorithm 14). */
  dsText: string;
  /** The KSK DNSKEY record in presentation format. */
  kskText: string;
}

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.error?.message ?? ''}${r.stderr}${r.stdout}`);
  return r.stdout.trim();
}

/** Generates a key with ldns-keygen; returns its base file name (without .key/.private). */
export function ldnsKeygen(dir: string, origin: string, algorithm: number, ksk: boolean): string {
  const name = ALG_NAME[algorithm];
  if (!name) throw new Error(`no ldns algorithm name for ${algorithm}`);
  const bits = algorithm === 8 || algorithm === 10 ? ['-b', ksk ? '2048' : '1024'] : [];
  return run('ldns-keygen', ['-a', name, ...bits, ...(ksk ? ['-k'] : []), '-r', '/dev/urandom', origin], dir).split('\n').pop()!;
}

/** ldns-signzone's time format: YYYYMMDDhhmmss (UTC). */
export function ldnsTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** Signs `text` with a new KSK and ZSK; writes <dir>/<origin>zone(.signed). */
export function signZone(o: SignOptions): SignedZone {
  mkdirSync(o.dir, { recursive: true });
  const base = o.origin === '.' ? 'root' : o.origin.slice(0, -1);
  const unsigned = path.join(o.dir, `${base}.zone`);
  writeFileSync(unsigned, `$ORIGIN ${o.origin}\n${o.text}\n`);
  const ksk = ldnsKeygen(o.dir, o.origin, o.algorithm, true);
  const zsk = ldnsKeygen(o.dir, o.origin, o.algorithm, false);
  const n3 = o.nsec3 ? ['-n', '-s', o.nsec3.salt ?? '-', '-t', String(o.nsec3.iterations ?? 0), ...(o.nsec3.optOut ? ['-p'] : [])] : [];
  if (o.nsec3 && (o.nsec3.salt ?? '-') === '-') n3.splice(1, 2);
  run('ldns-signzone', ['-i', ldnsTime(o.inception), '-e', ldnsTime(o.expiration), '-o', o.origin, ...n3,
    '-f', `${unsigned}.signed`, unsigned, zsk, ksk], o.dir);
  const kskText = readFileSync(path.join(o.dir, `${ksk}.key`), 'utf8').trim();
  const dsText = readFileSync(path.join(o.dir, `${ksk}.ds`), 'utf8').trim();
  return { origin: o.origin, file: `${unsigned}.signed`, dsText, kskText };
}

/** ldns-verify-zone's verdict on a signed zone file (with the parent's DS as the trust anchor). */
export function ldnsVerifyZone(file: string, dsFile?: string): { ok: boolean; output: string } {
  const r = spawnSync('ldns-verify-zone', [...(dsFile ? ['-k', dsFile] : []), file], { encoding: 'utf8', timeout: 120_000 });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}
