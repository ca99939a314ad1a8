// `dnswarden dnssec <name>`: resolves a name iteratively from the trust anchor's zone and validates
// every step (src/dnssec/iterate.ts), printing the verdict and the chain (contracts "DNSSEC check").
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { createDnsClient } from '../dns/dns-client.ts';
import { canonicalType } from '../zone/rr-types.ts';
import { fqdn } from '../core/dns-names.ts';
import { parseTrustAnchor, rootTrustAnchor } from '../dnssec/records.ts';
import type { TrustAnchor } from '../dnssec/records.ts';
import { resolveAndValidate, rootHints } from '../dnssec/iterate.ts';
import type { DnssecResult, Server } from '../dnssec/iterate.ts';
import { VerifyCache } from '../dnssec/validate-rrset.ts';
import { UsageError, expectPositionals, parseArgs } from './args.ts';

export const help = `usage: dnswarden dnssec <name> [--type <rrtype>] [--trust-anchor <file>] [--server <address[:port]>] [--json]

Resolves <name> iteratively from the servers of the trust anchor's zone, following referrals and glue,
and validates every step: each zone's DNSKEY RRset from its DS (or the anchor), each referral's DS or
the parent's NSEC/NSEC3 proof that there is none, then the answer (with wildcard proofs) or the denial.
Algorithms 8, 10, 13, 14, 15, 16; DS digests 1, 2, 4.

  --type <rrtype>         the record type to ask for (default A)
  --trust-anchor <file>   DS or DNSKEY records in presentation format (as Unbound's trust-anchor-file);
                          default: the built-in root anchors (KSK 20326 and 38696)
  --server <addr[:port]>  a server of the anchor's zone (default: the root hints); referrals are followed
                          on the same port ([v6addr]:port for IPv6)
  --json                  print {name, type, status, reason, chain: [{zone, status, algorithms,
                          signaturesExpireAt}], answer: [...]}

status: secure | insecure (a provable unsigned delegation) | bogus (reason: signature-expired,
signature-not-yet-valid, no-matching-ds, missing-signature, bad-signature, bad-denial, no-matching-key,
missing-dnskey, no-trust-anchor-match) | indeterminate (no-answer, no-glue, lame, loop).

Exit status: 0 secure or insecure; 1 bogus or indeterminate; 2 usage error.
`;

export function parseServer(text: string): Server {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  let address: string, port = 53;
  if (v6) { address = v6[1]; if (v6[2]) port = Number(v6[2]); } else if (isIP(text)) address = text;
  else {
    const i = text.lastIndexOf(':');
    address = i > 0 ? text.slice(0, i) : text;
    if (i > 0) port = Number(text.slice(i + 1));
  }
  if (!isIP(address) || !Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`bad --server '${text}'`);
  return { address, port };
}

function loadAnchor(file: string | undefined): TrustAnchor {
  if (!file) return rootTrustAnchor();
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { throw new UsageError(`cannot read --trust-anchor ${file}: ${(e as Error).message}`); }
  try { return parseTrustAnchor(text); } catch (e) { throw new UsageError(`--trust-anchor ${file}: ${(e as Error).message}`); }
}

function humanText(r: DnssecResult): string {
  const lines = [`${r.name} ${r.type}: ${r.status}${r.reason ? ` (${r.reason})` : ''}`];
  if (r.detail) lines.push(`  ${r.detail}`);
  for (const c of r.chain) {
    lines.push(`  ${c.zone} ${c.status}${c.algorithms.length ? ` algorithms ${c.algorithms.join(',')}` : ''}` +
      `${c.signaturesExpireAt ? ` keys signed until ${c.signaturesExpireAt}` : ''}`);
  }
  for (const a of r.answer) lines.push(`  ${a}`);
  return lines.join('\n') + '\n';
}

export async function run(argv: string[]): Promise<number> {
  const { options, positionals } = parseArgs(argv, {
    type: { type: 'string', short: 't' }, 'trust-anchor': { type: 'string' }, server: { type: 'string', short: 's' },
    json: { type: 'boolean' },
  });
  expectPositionals(positionals, ['<name>']);
  let type: string;
  try { type = canonicalType(options.type ?? 'A'); } catch { throw new UsageError(`unknown --type '${options.type}'`); }
  const anchor = loadAnchor(options['trust-anchor']);
  const servers = options.server ? [parseServer(options.server)] : rootHints();
  const client = createDnsClient({ udpSockets: 4 });
  try {
    const result = await resolveAndValidate({
      name: fqdn(positionals[0]), type, anchor, servers, client,
      ctx: { now: Math.floor(Date.now() / 1000), cache: new VerifyCache() },
    });
    process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : humanText(result));
    return result.status === 'secure' || result.status === 'insecure' ? 0 : 1;
  } finally {
    await client.close();
  }
}
