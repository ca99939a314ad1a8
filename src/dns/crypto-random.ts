// Crypto-quality random 16-bit values (query IDs, socket choice) without a syscall per query:
// one crypto.randomFillSync refills a buffer every 2048 draws.
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;

export class CryptoRandom16 {
  #pool = new Uint16Array(POOL_BYTES / 2);
  #next = this.#pool.length;

  /** A uniformly random integer in [0, 65535]. */
  next(): number {
    if (this.#next >= this.#pool.length) {
      randomFillSync(this.#pool);
      this.#next = 0;
    }
    return this.#pool[this.#next++];
  }

  /** A uniformly random integer in [0, n) for 1 <= n <= 65536 (rejection sampling, no modulo bias). */
  below(n: number): number {
    if (n <= 1) return 0;
    const limit = 65536 - (65536 % n);
    for (;;) {
      const v = this.next();
      if (v < limit) return v % n;
    }
  }
}
