// Ids for rows, requests and messages: UUIDv7 (time-ordered, not guessable), made in the app since
// PostgreSQL 15 has no uuidv7(). The uuid package asks the system for 16 random bytes per id; a
// profile of an authenticated read showed that system call at 3-6% of a request's CPU (two ids per
// request). Here random bytes come from a pool refilled 4 KiB at a time, and ids made in the same
// millisecond keep increasing, as the package's own generator does.
import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = POOL_BYTES;
let lastMs = -1;
let seq = 0;

function random16(): Uint8Array {
  if (offset + 16 > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + 16);
  offset += 16;
  return bytes;
}

/** A new UUIDv7. */
export function newId(): string {
  const random = random16();
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMs++;
  }
  return v7({ msecs: lastMs, seq, random });
}
