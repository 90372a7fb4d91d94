// The plain-text statements booking composes (ADR 18): parameters renumbered exactly, rows written
// as drizzle writes them (ids from $defaultFn, database defaults, values mapped by their columns).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationDeliveries } from '../modules/notifications/notifications.tables';
import { appointments } from '../modules/scheduling/scheduling.tables';
import { openTestDatabase } from '../test/harness';
import { positionalRows, type Database } from './client';
import { newId } from './ids';
import { insertRows, returningAll, withWrites } from './side-writes';

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

  it('reads a date column as drizzle does: text, not a JS Date', () => {
    expect(returningAll(appointments)).toContain(`"queue_date"::text as "queueDate"`);
  });
});
