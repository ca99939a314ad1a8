// Verified signatures and keys of one probe cycle. A signed zone probed at full speed sees the same
// RRsets and signatures again and again; the cache keys a result by the signature octets and keeps the
// exact signed data, so a hit costs a map lookup and one memcmp and a changed RRset under a reused
// signature is never taken for verified. Make a new cache (or clear()) per cycle.

export interface VerifyCacheStats { verifications: number; hits: number; entries: number }

export class VerifyCache {
  private readonly results = new Map<string, { data: Uint8Array; keyTag: number; ok: boolean }>();
  private verifications = 0;
  private hits = 0;
  private readonly maxEntries: number;

  constructor(maxEntries = 1_000_000) {
    this.maxEntries = maxEntries;
  }

  /** The cached result of this signature over exactly this data with this key, or undefined. */
  lookup(signature: Uint8Array, keyTag: number, data: Uint8Array): boolean | undefined {
    const hit = this.results.get(Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength).toString('base64'));
    if (!hit || hit.keyTag !== keyTag || !Buffer.from(hit.data).equals(data)) return undefined;
    this.hits++;
    return hit.ok;
  }

  store(signature: Uint8Array, keyTag: number, data: Uint8Array, ok: boolean): void {
    this.verifications++;
    if (this.results.size >= this.maxEntries) this.results.clear();
    this.results.set(Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength).toString('base64'), { data, keyTag, ok });
  }

  /** Counts a verification that was not cached (no cache given still counts nothing). */
  stats(): VerifyCacheStats {
    return { verifications: this.verifications, hits: this.hits, entries: this.results.size };
  }

  clear(): void {
    this.results.clear();
    this.verifications = 0;
    this.hits = 0;
  }
}
