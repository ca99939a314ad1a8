// One resource record in canonical presentation form, the unit that data-correctness checks count.
// name: lower-case, absolute, trailing dot ("www.lab."). type: upper-case mnemonic ("A", "NS", "TYPE65534").
// data: canonical presentation RDATA (RFC 1035 §5.1 text, names absolute and lower-cased, single spaces),
// so two records are equal exactly when their name, type and data strings are equal.
export interface ZoneRecord {
  name: string;
  type: string;
  ttl: number;
  data: string;
}

export interface Zone {
  origin: string; // absolute, lower-case, trailing dot
  records: ZoneRecord[];
}

/** Key of an RRset: name + type. */
export const rrsetKey = (name: string, type: string): string => `${name.toLowerCase()}|${type.toUpperCase()}`;
