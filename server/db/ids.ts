// Ids for rows, requests and messages: UUIDv7 (time-ordered, not guessable), made in the app since
// PostgreSQL 15 has no uuidv7(). The uuid package asks the system for 16 random bytes per id; a
// profile of an authenticated read showed that system call at 3-6% of a request's CPU (two ids per
// request). Here random bytes come from a pool refilled 4 KiB at a time, and ids made in the same
// millisecond keep increasing, as the package's own generator does. The id's bytes are laid out as
// the package lays them (a test holds the two equal) in the pool itself, and turned into text by one
// native hex encoding: the package's byte array and its 16 hex pieces were about 800 bytes of
// garbage per id in an allocation profile, two ids on every read.
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = POOL_BYTES;
let lastMs = -1;
let seq = 0;

/** The offset of 16 fresh random bytes in `pool`. */
function random16(): number {
  if (offset + 16 > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    offset = 0;
  }
  offset += 16;
  return offset - 16;
}

/**
 * Writes a UUIDv7 over the 16 random bytes at `o` of `b`: 48 bits of milliseconds, the version,
 * a 32-bit sequence split around the variant bits (RFC 9562, method 1), random bits after it.
 */
export function v7Into(b: Buffer, o: number, msecs: number, seq: number): void {
  b[o] = (msecs / 0x10000000000) & 0xff;
  b[o + 1] = (msecs / 0x100000000) & 0xff;
  b[o + 2] = (msecs / 0x1000000) & 0xff;
  b[o + 3] = (msecs / 0x10000) & 0xff;
  b[o + 4] = (msecs / 0x100) & 0xff;
  b[o + 5] = msecs & 0xff;
  b[o + 6] = 0x70 | ((seq >>> 28) & 0x0f);
  b[o + 7] = (seq >>> 20) & 0xff;
  b[o + 8] = 0x80 | ((seq >>> 14) & 0x3f);
  b[o + 9] = (seq >>> 6) & 0xff;
  b[o + 10] = ((seq << 2) & 0xff) | (b[o + 10]! & 0x03);
  // Bytes 11 to 15 keep their random values.
}

/** A new UUIDv7. */
export function newId(): string {
  const o = random16();
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    seq = ((pool[o + 6]! & 0x7f) << 24) | (pool[o + 7]! << 16) | (pool[o + 8]! << 8) | pool[o + 9]!;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMs++;
  }
  v7Into(pool, o, lastMs, seq);
  const h = pool.toString('hex', o, o + 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
