// Synthetic zones for probe tests and benches: a zone file text with `names` owner names spread over
// A, AAAA, TXT and MX, a few CNAMEs and delegations with glue; parsed by the real zone-file parser
// so that every record is in canonical form.
import { parseZoneFile } from '../../zone/zonefile.ts';
import type { Zone } from '../../zone/zone-types.ts';

export function zoneText(origin: string, names: number, delegations = 3): string {
  const o = origin.endsWith('.') ? origin : origin + '.';
  const lines = [
    `$ORIGIN ${o}`, '$TTL 300',
    `@ IN SOA ns1.${o} hostmaster.${o} 2026112301 3600 600 86400 300`,
    `@ IN NS ns1.${o}`, `@ IN NS ns2.${o}`,
    'ns1 IN A 127.0.0.53', 'ns2 IN AAAA ::1',
  ];
  for (let i = 0; i < names; i++) {
    const h = `h${i}`;
    switch (i % 4) {
      case 0: lines.push(`${h} IN A 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, `${h} IN A 10.200.${(i >> 8) & 255}.${i & 255}`); break;
      case 1: lines.push(`${h} IN AAAA 2001:db8::${i.toString(16)}`); break;
      case 2: lines.push(`${h} IN TXT "v=probe ${i}"`); break;
      default: lines.push(`${h} IN MX 10 mail${i}.${o}`); break;
    }
    if (i % 50 === 7) lines.push(`alias${i} IN CNAME ${h}`);
  }
  for (let d = 0; d < delegations; d++) {
    lines.push(`sub${d} IN NS ns.sub${d}`, `sub${d} IN NS ns.example.net.`, `ns.sub${d} IN A 192.0.2.${d + 1}`);
  }
  return lines.join('\n') + '\n';
}

export function generatedZone(origin: string, names: number, delegations = 3): Zone {
  return parseZoneFile(zoneText(origin, names, delegations), { origin });
}

/** Number of records of the types the lab server may tamper with (A, AAAA, TXT, MX). */
export const tamperableCount = (zone: Zone) => zone.records.filter(r => ['A', 'AAAA', 'TXT', 'MX'].includes(r.type)).length;
