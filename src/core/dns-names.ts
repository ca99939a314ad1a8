// Small helpers on domain names in the form the core, the probes, the truth, the lab and the servers
// use: absolute (trailing dot), lower-case, "." for the root. Pure. (Names from a master file go through
// `absoluteName` in src/zone/presentation-text.ts instead, which also resolves relative names and escapes.)

/** A name as an absolute, lower-case FQDN: " WWW.Example.LAB" → "www.example.lab."; "." stays ".". */
export function fqdn(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

/**
 * Whether `name` is `zone` or below it (both absolute and lower-case): every name is under the root
 * ".". Label-wise, so "xexample.lab." is not under "example.lab.".
 */
export function isUnder(name: string, zone: string): boolean {
  return zone === '.' || name === zone || name.endsWith(`.${zone}`);
}

/** The parent of an absolute name ("a.b.lab." → "b.lab."; "lab." → "."); null for the root. */
export function parentName(name: string): string | null {
  if (name === '.') return null;
  const i = name.indexOf('.');
  return i < 0 || i === name.length - 1 ? '.' : name.slice(i + 1);
}
