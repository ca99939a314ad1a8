// SOA serial numbers compared by RFC 1982 serial arithmetic (32-bit, wrapping). Pure.
// s1 < s2 when (s1 < s2 and s2 − s1 < 2^31) or (s1 > s2 and s1 − s2 > 2^31); two serials exactly
// 2^31 apart are not comparable (RFC 1982 §3.2 leaves it undefined), which we report as 'unknown'.

const HALF = 2 ** 31;

export type SerialOrder = 'older' | 'same' | 'newer' | 'unknown';

/** How serial `a` stands to serial `b`: 'older' when a precedes b, 'newer' when it follows. */
export function compareSerials(a: number, b: number): SerialOrder {
  if (a === b) return 'same';
  const d = (b - a + 2 ** 32) % 2 ** 32; // distance from a forward to b
  if (d === HALF) return 'unknown';
  return d < HALF ? 'older' : 'newer';
}

/** The serial field of SOA RDATA in presentation form ("mname rname serial refresh retry expire minimum"). */
export function serialOfSoaData(data: string | undefined): number | null {
  if (!data) return null;
  const field = data.trim().split(/\s+/)[2];
  if (field === undefined || !/^\d+$/.test(field)) return null;
  const n = Number(field);
  return n <= 0xffffffff ? n : null;
}
