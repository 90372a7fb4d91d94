// Single-row writes that many requests make at once, sent as one statement (ADR 24). Each write is
// an INSERT … RETURNING with the writes riding along with it (ADR 18); those asked for while the
// event loop handles one round of I/O go out together, as the reads of `BatchedLookup` do: one
// round trip, one backend woken, one commit for the lot, instead of one of each per request.
//
// A write must still stand or fall on its own. When the shared statement is refused by the
// database (a taken slot, a key used twice, any constraint), nothing of it was written, and each
// write runs again alone, so every caller gets its own answer: the refusals their own error, the
// others their row; a write refused only by a deadlock runs again, after a pause. An error that
// may have come after the commit (a lost connection) is passed to every caller of the batch, as it
// would be for a statement of their own. Only for writes on the pool outside a transaction: a write
// in a transaction belongs to that transaction's connection.
import pg from 'pg';
import { oncePerTurn } from './batched-lookup';
import { allWithWrites, type Positional, type WithWrites } from './side-writes';

/** SQLSTATE deadlock_detected, and how many times a write refused by one runs before it fails. */
const DEADLOCK = '40P01';
const DEADLOCK_ATTEMPTS = 10;
/** How long a write refused by a deadlock waits before it runs again, per attempt (with jitter). */
export const DEADLOCK_BACKOFF_MS = 25;

interface Pending<R> {
  item: WithWrites;
  id: string;
  resolve(row: R): void;
  reject(err: unknown): void;
}

export class BatchedWrites<R extends { id: string }> {
  private pending: Pending<R>[] = [];
  private readonly schedule = oncePerTurn(() => this.flush());
  /**
   * Writes run again alone go one at a time. Refused batches are mostly writes that want the same
   * slot: run at once, each would wait in the constraint's check for another's row still being
   * written, in circles PostgreSQL can only break by refusing one (a deadlock, after a second).
   */
  private lane: Promise<void> = Promise.resolve();
  /** Statements sent, the writes they carried, and the statements run alone after a refusal (each try). */
  readonly sent = { statements: 0, writes: 0, alone: 0 };

  /**
   * @param run the rows a statement returns
   * @param maxBatch the most writes in one statement (each carries its parameters; PostgreSQL
   *   takes at most 65,535 in a statement)
   */
  constructor(
    private readonly run: (p: Positional) => Promise<R[]>,
    private readonly maxBatch = 8,
  ) {}

  /** Writes `item`, whose main statement returns the one row with this `id`; resolves with it. */
  write(item: WithWrites, id: string): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, id, resolve, reject });
      this.schedule();
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    for (let i = 0; i < batch.length; i += this.maxBatch) {
      void this.together(batch.slice(i, i + this.maxBatch));
    }
  }

  private async together(chunk: Pending<R>[]): Promise<void> {
    let rows: R[];
    try {
      this.sent.statements++;
      this.sent.writes += chunk.length;
      rows = await this.run(allWithWrites(chunk.map((p) => p.item)));
    } catch (err) {
      // Refused by the database: the statement wrote nothing, so each write may run alone. (A
      // lone write refused is its own answer, unless only a deadlock refused it.)
      if (err instanceof pg.DatabaseError && (chunk.length > 1 || err.code === DEADLOCK)) {
        const deadlocks = err.code === DEADLOCK ? 1 : 0;
        for (const p of chunk) this.lane = this.lane.then(() => this.alone(p, deadlocks));
      } else {
        for (const p of chunk) p.reject(err);
      }
      return;
    }
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const p of chunk) settle(p, byId.get(p.id));
  }

  /**
   * Runs `p` alone. `deadlocks`: how many deadlocks have refused it so far (its batch's included).
   * After a deadlock it waits before it runs again, and the writes behind it in the lane with it:
   * the write that survived must first wake, finish its check and commit. Run again at once, a
   * write put its row in first, and the survivor, still checking, waited on it again: another
   * deadlock a second later, the newcomer refused again. In the bench's race through two instances
   * that starved up to 19 of 50 writes into answers of 500.
   */
  private async alone(p: Pending<R>, deadlocks: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (deadlocks > 0) {
        await new Promise((r) => setTimeout(r, DEADLOCK_BACKOFF_MS * deadlocks * (0.5 + Math.random())));
      }
      this.sent.statements++;
      this.sent.alone++;
      try {
        settle(p, (await this.run(allWithWrites([p.item])))[0]);
        return;
      } catch (err) {
        // Writes taking the same slot at the same moment each wait for the other's row in the
        // constraint's check: PostgreSQL breaks the circle by refusing one of them, which wrote
        // nothing; run again, it meets the other's committed row and gets its real answer.
        const deadlocked = err instanceof pg.DatabaseError && err.code === DEADLOCK;
        if (!deadlocked || attempt >= DEADLOCK_ATTEMPTS) {
          p.reject(err);
          return;
        }
        deadlocks++;
      }
    }
  }
}

/** Answers a write with its row, or with an error if its statement returned none for it. */
function settle<R>(p: Pending<R>, row: R | undefined): void {
  if (row) p.resolve(row);
  else p.reject(new Error(`batched write: no row came back for ${p.id}`));
}
