// The lab's signed zone (issue 10 item 6): at `lab up`, gov.lab. (the key domain's zone, served by the
// built-in server gov-dns/ns1) is signed with ldns-keygen + ldns-signzone (ECDSA P-256, NSEC), valid
// from an hour ago for 30 days; the same keys also sign an expired copy (for the fault). lab. gets
// gov.lab.'s DS and is then signed itself (its own keys, same window), and `<dir>/dnssec/trust-anchor.ds`
// holds lab.'s DS (Unbound's trust-anchor-file form): `dnswarden dnssec www.gov.lab --trust-anchor … --server
// <a TLD node>` validates the chain lab. → gov.lab. The faults, on the served zones (the daemon's setZones; `clear` undoes):
//  - `gov-dns expire-signatures`: the expired copy is served (every signature expired two days ago);
//  - `gov-dns strip-rrsigs`: the zone is served without its RRSIGs (the DNSKEY RRset keeps its own);
//  - `lab-tld wrong-ds` (or one TLD node): lab. serves gov.lab.'s DS with its digest changed.
// Without ldns-signzone the lab runs unsigned (labSign returns null).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import type { Zone } from '../zone/zone-types.ts';
import { ldnsKeygen, ldnsTime } from './dnssec-signer.ts';

export const SIGNED_ZONE = 'gov.lab.';
export const DNSSEC_FAULTS = ['expire-signatures', 'strip-rrsigs', 'wrong-ds'] as const;
export type DnssecFault = (typeof DNSSEC_FAULTS)[number];

const DAY = 86400;
const dnssecDir = (dir: string) => path.join(dir, 'dnssec');
/** The expired copy of the signed zone (same keys), for the expire-signatures fault. */
export const expiredZoneFile = (dir: string) => path.join(dnssecDir(dir), 'gov.lab.expired.zone');
export const trustAnchorFile = (dir: string) => path.join(dnssecDir(dir), 'trust-anchor.ds');

const hasLdns = (): boolean => spawnSync('ldns-signzone', ['-v'], { encoding: 'utf8' }).error === undefined;

function signWith(dir: string, origin: string, unsigned: string, out: string, keys: string[], inception: number, expiration: number): void {
  const r = spawnSync('ldns-signzone', ['-i', ldnsTime(inception), '-e', ldnsTime(expiration), '-o', origin, '-f', out, unsigned, ...keys],
    { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`ldns-signzone: ${r.error?.message ?? ''}${r.stderr}`);
}

/** Signs `<dir>/zones/<origin>zone` in place with new keys (P-256) from `from` to `until` (seconds); the KSK's base name. */
function signInPlace(dir: string, origin: string, from: number, until: number): { ksk: string; zsk: string; unsigned: string } {
  const work = dnssecDir(dir);
  const zoneFile = path.join(dir, 'zones', `${origin}zone`);
  const unsigned = path.join(work, `${origin}unsigned.zone`);
  writeFileSync(unsigned, `$ORIGIN ${origin}\n${readFileSync(zoneFile, 'utf8')}`);
  const ksk = ldnsKeygen(work, origin, 13, true);
  const zsk = ldnsKeygen(work, origin, 13, false);
  signWith(work, origin, unsigned, zoneFile, [zsk, ksk], from, until);
  return { ksk, zsk, unsigned };
}

/**
 * Signs `<dir>/zones/gov.lab.zone` in place (and the expired copy), appends its DS to `<dir>/zones/lab.zone`,
 * signs lab. in place and writes lab.'s DS as the trust anchor. `now` in seconds. Returns gov.lab.'s DS
 * text and the anchor file, or null when ldns is missing.
 */
export function labSign(dir: string, now: number): { ds: string; anchorFile: string } | null {
  if (!hasLdns()) return null;
  const work = dnssecDir(dir);
  mkdirSync(work, { recursive: true });
  const gov = signInPlace(dir, SIGNED_ZONE, now - 3600, now + 30 * DAY);
  signWith(work, SIGNED_ZONE, gov.unsigned, expiredZoneFile(dir), [gov.zsk, gov.ksk], now - 12 * DAY, now - 2 * DAY);
  const ds = readFileSync(path.join(work, `${gov.ksk}.ds`), 'utf8').trim();
  appendFileSync(path.join(dir, 'zones', 'lab.zone'), `; gov.lab. is signed (src/lab/lab-dnssec.ts)\n${ds}\n`);
  const lab = signInPlace(dir, 'lab.', now - 3600, now + 30 * DAY);
  writeFileSync(trustAnchorFile(dir), `${readFileSync(path.join(work, `${lab.ksk}.ds`), 'utf8').trim()}\n`);
  return { ds, anchorFile: trustAnchorFile(dir) };
}

/** True when the lab was signed at `lab up`. */
export const labSigned = (dir: string): boolean => existsSync(trustAnchorFile(dir));

/** Changes the last hex digit of a DS's digest. */
const breakDigest = (data: string): string => data.replace(/([0-9a-fA-F])$/, (d) => (d.toLowerCase() === '0' ? '1' : '0'));

/** The zone as a node serves it under a DNSSEC fault (zones other than the fault's are returned as they are). */
export function dnssecFaultZone(zone: Zone, fault: DnssecFault | undefined, expired: () => Zone): Zone {
  if (!fault) return zone;
  if (fault === 'expire-signatures' && zone.origin === SIGNED_ZONE) return expired();
  if (fault === 'strip-rrsigs' && zone.origin === SIGNED_ZONE) {
    return { ...zone, records: zone.records.filter((r) => r.type !== 'RRSIG' || r.data.startsWith('DNSKEY ')) };
  }
  if (fault === 'wrong-ds' && zone.origin === 'lab.') {
    return { ...zone, records: zone.records.map((r) => (r.type === 'DS' && r.name === SIGNED_ZONE ? { ...r, data: breakDigest(r.data) } : r)) };
  }
  return zone;
}

/** The lab node keys a DNSSEC fault goes to, given a node or its system ("gov-dns", "lab-tld"). */
export function dnssecFaultTargets(fault: DnssecFault): string {
  return fault === 'wrong-ds' ? 'lab-tld' : 'gov-dns';
}
