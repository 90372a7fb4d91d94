// Writes asked for together go out as one statement on a real PostgreSQL, and each still stands or
// falls on its own (ADR 24): a refused statement wrote nothing, its writes run again alone, one at a
// time, and each caller gets its own row or its own error; a deadlock is run again; an error that
// may have followed a commit is never answered by running the writes again.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/harness';
import { BatchedWrites, DEADLOCK_BACKOFF_MS } from './batched-writes';
import { positionalRows, type Database } from './client';
import type { Positional } from './side-writes';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  await database.query(`create table bw_main (id uuid primary key, slot int not null unique, label text)`);
  await database.query(`create table bw_side (id uuid primary key, main_id uuid not null, note text)`);
});
afterAll(async () => database?.close());

/** A batcher on the test database that records every statement it sends. */
function writer(o: { maxBatch?: number; before?: (p: Positional) => void } = {}) {
  const statements: Positional[] = [];
  /** Statements running now, and the most that ever ran at once. */
  const running = { now: 0, most: 0 };
  const batches = new BatchedWrites<{ id: string; slot: number; label: string }>(async (p) => {
    statements.push(p);
    o.before?.(p);
    running.most = Math.max(running.most, ++running.now);
    try {
      return await positionalRows(database.db, p);
    } finally {
      running.now--;
    }
  }, o.maxBatch);
  /** Takes `slot` under `label`, with a side row noting it. */
  const take = (slot: number, label: string) => {
    const id = randomUUID();
    return batches.write(
      {
        writes: [
          {
            text: 'insert into bw_side (id, main_id, note) values ($1, $2, $3)',
            values: [randomUUID(), id, label],
          },
        ],
        main: {
          text: 'insert into bw_main (id, slot, label) values ($1, $2, $3) returning id, slot, label',
          values: [id, slot, label],
        },
      },
      id,
    );
  };
  return { batches, statements, running, take };
}

const sideNotes = async (labels: string[]) =>
  (
    await database.query<{ note: string }>(
      `select note from bw_side where note = any($1::text[]) order by note`,
      [labels],
    )
  ).rows.map((r) => r.note);

describe('BatchedWrites', () => {
  it('sends the writes asked for together as one statement and gives each caller its own row', async () => {
    const { batches, statements, take } = writer();
    const rows = await Promise.all([101, 102, 103, 104, 105].map((n) => take(n, `together-${n}`)));

    expect(rows.map((r) => [r.slot, r.label])).toEqual(
      [101, 102, 103, 104, 105].map((n) => [n, `together-${n}`]),
    );
    expect(statements).toHaveLength(1);
    expect(statements[0]!.text).toMatch(/^with side_write_0 as \(insert into bw_side .*main_4 as \(insert/);
    expect(batches.sent).toEqual({ statements: 1, writes: 5, alone: 0 });
    expect(await sideNotes([101, 102, 103, 104, 105].map((n) => `together-${n}`))).toHaveLength(5);
  });

  it('runs each write alone when the shared statement is refused: one error, the rest written', async () => {
    const { batches, statements, running, take } = writer();
    await take(201, 'taken-before');
    statements.length = 0;

    const answers = await Promise.allSettled([
      take(202, 'refused-a'),
      take(201, 'refused-b'), // taken already
      take(203, 'refused-c'),
      take(203, 'refused-d'), // the same slot as the write before it, in the same batch
    ]);

    // Run alone, the two writes for 203 race: whichever commits first has it.
    const statuses = answers.map((a) => a.status);
    expect(statuses.slice(0, 2)).toEqual(['fulfilled', 'rejected']);
    expect(statuses.slice(2).sort()).toEqual(['fulfilled', 'rejected']);
    for (const a of answers) {
      if (a.status === 'rejected') {
        expect(a.reason).toBeInstanceOf(pg.DatabaseError);
        expect((a.reason as pg.DatabaseError).code).toBe('23505');
      }
    }
    const winner = answers[2]!.status === 'fulfilled' ? 'refused-c' : 'refused-d';
    // The shared statement, then each write alone, one at a time (writes for one slot at once
    // would wait for each other in circles); the refused ones left nothing riding along.
    expect(statements).toHaveLength(5);
    expect(running.most).toBe(1);
    expect(batches.sent).toMatchObject({ writes: 5, alone: 4 });
    expect(await sideNotes(['refused-a', 'refused-b', 'refused-c', 'refused-d'])).toEqual(
      ['refused-a', winner].sort(),
    );
    const { rows } = await database.query<{ slot: number; label: string }>(
      `select slot, label from bw_main where slot in (201, 202, 203) order by slot`,
    );
    expect(rows).toEqual([
      { slot: 201, label: 'taken-before' },
      { slot: 202, label: 'refused-a' },
      { slot: 203, label: winner },
    ]);
  });

  it('never runs the writes again after an error that did not come from the database', async () => {
    let failures = 1;
    const { batches, take } = writer({
      before: () => {
        // What a lost connection looks like: the statement may or may not have committed.
        if (failures-- > 0) throw new Error('Connection terminated unexpectedly');
      },
    });
    const answers = await Promise.allSettled([take(301, 'lost-a'), take(302, 'lost-b')]);

    expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected']);
    expect(batches.sent).toEqual({ statements: 1, writes: 2, alone: 0 });
    expect(await sideNotes(['lost-a', 'lost-b'])).toEqual([]);
  });

  it('runs a write again when only a deadlock refused it, and gives up after the tenth', async () => {
    // PostgreSQL's answer when two writes each wait for the other's row (40P01): it wrote nothing.
    const deadlock = () =>
      Object.assign(new pg.DatabaseError('deadlock detected', 0, 'error'), { code: '40P01' });
    /** A writer whose statements are refused by a deadlock `n` times, then run. */
    const deadlocking = (n: number) =>
      writer({
        before: () => {
          if (n-- > 0) throw deadlock();
        },
      });
    const once = deadlocking(1);
    const row = await once.take(501, 'deadlocked-once');
    expect(row).toMatchObject({ slot: 501, label: 'deadlocked-once' });
    expect(once.batches.sent).toEqual({ statements: 2, writes: 1, alone: 1 });

    // Writes racing for one slot through two instances meet deadlocks in chains, one broken per
    // deadlock_timeout (5 to 10 in each run of the booking bench's race): a write may meet several.
    const chained = deadlocking(6);
    expect(await chained.take(503, 'deadlocked-six-times')).toMatchObject({ slot: 503 });
    expect(chained.batches.sent).toEqual({ statements: 7, writes: 1, alone: 6 });

    // Each run again waits first, longer each time: the write that survived the deadlock must get
    // to commit before this one puts its row in again (the bench's race starved writes without it).
    const times: number[] = [];
    let refusals = 3;
    const paced = writer({
      before: () => {
        times.push(performance.now());
        if (refusals-- > 0) throw deadlock();
      },
    });
    await paced.take(504, 'deadlocked-paced');
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps).toHaveLength(3);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(0.5 * DEADLOCK_BACKOFF_MS * (i + 1) - 1));

    const always = deadlocking(Infinity);
    await expect(always.take(502, 'deadlocked-always')).rejects.toMatchObject({ code: '40P01' });
    expect(always.batches.sent).toEqual({ statements: 11, writes: 1, alone: 10 });
    expect(
      await sideNotes(['deadlocked-once', 'deadlocked-six-times', 'deadlocked-paced', 'deadlocked-always']),
    ).toEqual(['deadlocked-once', 'deadlocked-paced', 'deadlocked-six-times']);
  });

  it('splits a batch over the largest size, and a write asked for later goes in a statement of its own', async () => {
    const { statements, take } = writer({ maxBatch: 2 });
    await Promise.all([401, 402, 403].map((n) => take(n, `split-${n}`)));
    expect(statements.map((s) => s.values.length)).toEqual([12, 6]);

    await take(404, 'split-404');
    expect(statements).toHaveLength(3);
    // Alone, it is the statement a single write has always been: no `main_0` around it.
    expect(statements[2]!.text).toMatch(
      /^with side_write_0 as \(insert into bw_side .*\) insert into bw_main/,
    );
  });
});
