// Lookups by key that many requests make at once, coalesced into one statement. Under load every
// request's own query is a round trip that wakes a PostgreSQL backend on the cores the app shares
// with it; a CPU profile of the patient read (issue 8) put a third of the app's main thread in the
// `writev` that sends those queries. The keys asked for while the event loop handles one round of
// I/O (the requests that arrived together) go out as one statement on the pool, and each caller
// gets its own row. Nothing waits on a timer: the batch is sent as soon as that round is done, so a
// lone request pays no delay. Only for reads of committed data outside a transaction: a batch sees
// what had committed when it was sent, after every one of its callers asked. Callers that ask for
// the same key get the same value: treat it as read-only.

import type { Db } from './client';

/** A UUID, in either case: an id that is not one has no row, and need not be sent. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Waiter<V> {
  resolve(value: V | undefined): void;
  reject(err: unknown): void;
}

/**
 * `flush`, called once at the end of the event loop's current round of I/O however often it is
 * asked for in that round: the requests that arrived together have all asked by then, and nothing
 * waits on a timer.
 */
export function oncePerTurn(flush: () => void): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      flush();
    });
  };
}

export class BatchedLookup<V> {
  private pending = new Map<string, Waiter<V>[]>();
  private readonly schedule = oncePerTurn(() => this.flush());
  /** Statements sent and the keys they carried, since the start. */
  readonly sent = { fetches: 0, keys: 0 };

  /**
   * @param fetch the rows for a set of distinct keys, by key (a key without a row is left out)
   * @param maxBatch the most keys in one statement
   */
  constructor(
    private readonly fetch: (keys: string[]) => Promise<Map<string, V>>,
    private readonly maxBatch = 200,
  ) {}

  load(key: string): Promise<V | undefined> {
    return new Promise<V | undefined>((resolve, reject) => {
      const waiters = this.pending.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.pending.set(key, [{ resolve, reject }]);
      this.schedule();
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = new Map();
    const keys = [...batch.keys()];
    for (let i = 0; i < keys.length; i += this.maxBatch) {
      const chunk = keys.slice(i, i + this.maxBatch);
      this.sent.fetches++;
      this.sent.keys += chunk.length;
      // Started inside a promise: a fetch that throws at once fails its callers, not the process.
      Promise.resolve()
        .then(() => this.fetch(chunk))
        .then(
          (found) => {
            for (const key of chunk) for (const w of batch.get(key)!) w.resolve(found.get(key));
          },
          (err: unknown) => {
            for (const key of chunk) for (const w of batch.get(key)!) w.reject(err);
          },
        );
    }
  }
}

/** One batcher per database (each pool batches its own statements), made by `make` on first use. */
export function perDatabase<B extends object>(make: (db: Db) => B): (db: Db) => B {
  const lookups = new WeakMap<Db, B>();
  return (db) => {
    let lookup = lookups.get(db);
    if (!lookup) {
      lookup = make(db);
      lookups.set(db, lookup);
    }
    return lookup;
  };
}
