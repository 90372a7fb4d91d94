// The plain-text statements booking composes (ADR 18): parameters renumbered exactly, rows written
// as drizzle writes them (ids from $defaultFn, database defaults, values mapped by their columns).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationDeliveries } from '../modules/notifications/notifications.tables';
import { appointments } from '../modules/scheduling/scheduling.tables';
import { openTestDatabase } from '../test/harness';
import { positionalRows, type Database } from './client';
import { newId } from './ids';
import { allWithWrites, insertRows, merged, returningAll, withWrites, type Positional } from './side-writes';

describe('withWrites', () => {
  it('numbers each piece’s parameters after the one before, leaving literals and names alone', () => {
    const p = withWrites(
      [
        { text: 'insert into a (x, y) values ($1, $2)', values: ['a1', 'a2'] },
        { text: `insert into b (x, "c$1") values ($1, '$1 and $2''s')`, values: ['b1'] },
      ],
      { text: 'select $2::int + $1::int as n', values: [1, 2] },
    );
    expect(p.text).toBe(
      `with side_write_0 as (insert into a (x, y) values ($1, $2)), ` +
        `side_write_1 as (insert into b (x, "c$1") values ($3, '$1 and $2''s')) ` +
        'select $5::int + $4::int as n',
    );
    expect(p.values).toEqual(['a1', 'a2', 'b1', 1, 2]);
  });

  it('leaves parameters alone inside comments and dollar-quoted strings', () => {
    const p = withWrites([{ text: 'select $1', values: ['w'] }], {
      text: `select $1 -- not $1\n, /* nor $2 */ $$ nor $1 $$, $q$ nor $2 $q$, $2`,
      values: ['x', 'y'],
    });
    expect(p.text).toBe(
      `with side_write_0 as (select $1) select $2 -- not $1\n, /* nor $2 */ $$ nor $1 $$, $q$ nor $2 $q$, $3`,
    );
    expect(p.values).toEqual(['w', 'x', 'y']);
  });

  it('renumbers after a literal holding "--", a dollar quote never closed, and $1 followed by $', () => {
    const p = withWrites([{ text: 'select $1', values: ['w'] }], {
      text: `select '--', $1, $1$, a$b$ $2, $q$ $2`,
      values: ['x', 'y'],
    });
    expect(p.text).toBe(`with side_write_0 as (select $1) select '--', $2, $2$, a$b$ $3, $q$ $3`);
  });

  it('renumbers one text at each offset it is taken at, however often it comes back', () => {
    const piece = { text: `update t set a = $1 where b = '$2' and c = $2`, values: ['a', 'c'] };
    const first = withWrites([piece, piece], { text: 'select $1', values: [0] });
    const again = withWrites([{ text: 'select $1, $2, $3', values: [1, 2, 3] }, piece], piece);
    expect(first.text).toBe(
      `with side_write_0 as (update t set a = $1 where b = '$2' and c = $2), ` +
        `side_write_1 as (update t set a = $3 where b = '$2' and c = $4) select $5`,
    );
    expect(again.text).toBe(
      `with side_write_0 as (select $1, $2, $3), ` +
        `side_write_1 as (update t set a = $4 where b = '$2' and c = $5) ` +
        `update t set a = $6 where b = '$2' and c = $7`,
    );
  });

  it('is the statement itself when nothing rides along', () => {
    expect(withWrites([], { text: 'select $1', values: [7] })).toEqual({ text: 'select $1', values: [7] });
  });
});

describe('insertRows', () => {
  it('lists every column, takes $defaultFn for a missing id and the database default for the rest', () => {
    const at = new Date('2027-01-02T03:04:05.000Z');
    const p = insertRows(notificationDeliveries, [
      {
        messageId: newId(),
        idempotencyKey: 'k',
        template: 't',
        kind: 'general',
        channel: 'sms',
        recipient: '+911234567890',
        status: 'queued',
        mandatory: true,
        sentAt: at,
      },
    ]);
    expect(p.text).toMatch(/^insert into "notification_deliveries" \("id", "message_id", /);
    expect(p.text).toContain('default'); // attempts, created_at…
    expect(p.values[0]).toMatch(/^[0-9a-f-]{36}$/); // the id, from its $defaultFn
    expect(p.values).toContain(at.toISOString()); // a timestamp as its column maps it
  });

  it('refuses a key the table has no column for, and SQL in place of a value', () => {
    expect(() => insertRows(appointments, [{ nope: 1 } as never])).toThrow(/no column for "nope"/);
    expect(() =>
      insertRows(appointments, [{ reason: eq(appointments.id, appointments.id) as never }]),
    ).toThrow(/holds SQL/);
  });
});

/** A delivery row to insert, told apart by its key. */
const delivery = (key: string) => ({
  id: newId(),
  messageId: newId(),
  idempotencyKey: key,
  template: 'test.merged',
  kind: 'general',
  channel: 'email' as const,
  recipient: '',
  status: 'skipped' as const,
  mandatory: false,
});
const SKIP = ' on conflict ("template", "idempotency_key", "channel") do nothing';
const inserts = (p: Positional, table: string) => p.text.split(`insert into "${table}"`).length - 1;

describe('merged', () => {
  it('makes the inserts of one table and suffix one INSERT where the first was, leaving the rest in place', () => {
    const plain: Positional = { text: 'select $1', values: ['x'] };
    const rows = ['a', 'b', 'c'].map(delivery);
    const [a, b, c] = rows.map((r) => insertRows(notificationDeliveries, [r], SKIP));
    const otherSuffix = insertRows(notificationDeliveries, [delivery('d')]);
    const out = merged([a!, plain, b!, otherSuffix, c!]);
    expect(out).toHaveLength(3);
    expect(out[0]!.text).toBe(insertRows(notificationDeliveries, rows, SKIP).text);
    expect(out[0]!.values).toEqual([...a!.values, ...b!.values, ...c!.values]);
    expect(out[1]).toBe(plain);
    expect(out[2]).toBe(otherSuffix);
  });

  it('keeps a write that has nothing of its kind to go with as it is', () => {
    const a = insertRows(notificationDeliveries, [delivery('a')]);
    const b = insertRows(appointments, [{ id: newId(), reason: 'r' }]);
    const out = merged([a, b]);
    expect(out[0]).toBe(a);
    expect(out[1]).toBe(b);
  });
});

describe('against the database', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => database?.close());

  it('writes a row that reads back as drizzle reads it, and returns it under property names', async () => {
    const id = newId();
    const p = insertRows(
      notificationDeliveries,
      [
        {
          id,
          messageId: newId(),
          idempotencyKey: 'k-1',
          template: 'test.template',
          kind: 'general',
          channel: 'email',
          recipient: '',
          status: 'skipped',
          mandatory: false,
          lastError: 'no address',
        },
      ],
      returningAll(notificationDeliveries),
    );
    const [returned] = await positionalRows<Record<string, unknown>>(database.db, p);
    const [read] = await database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.id, id));
    expect(returned).toEqual(read);
    expect(read).toMatchObject({ status: 'skipped', attempts: 0, lastError: 'no address', jobId: null });
    expect(read!.createdAt).toBeInstanceOf(Date);
  });

  it('writes several items’ rows with one INSERT per table, and returns every main row', async () => {
    const keys = ['m1', 'm2', 'm3'].map((k) => `${k}-${newId()}`);
    const items = keys.map((k) => ({
      writes: [insertRows(notificationDeliveries, [delivery(`side-${k}`)], SKIP)],
      main: insertRows(notificationDeliveries, [delivery(k)], returningAll(notificationDeliveries)),
    }));
    const p = allWithWrites(items);
    expect(inserts(p, 'notification_deliveries')).toBe(2); // the side rows, the main rows
    const returned = await positionalRows<{ idempotencyKey: string }>(database.db, p);
    expect(returned.map((r) => r.idempotencyKey).sort()).toEqual([...keys].sort());
    const written = await database.query<{ n: number }>(
      `select count(*)::int as n from notification_deliveries where idempotency_key = any($1)`,
      [keys.map((k) => `side-${k}`)],
    );
    expect(written.rows[0]!.n).toBe(3);
  });

  it('reads a date column as drizzle does: text, not a JS Date', () => {
    expect(returningAll(appointments)).toContain(`"queue_date"::text as "queueDate"`);
  });
});
