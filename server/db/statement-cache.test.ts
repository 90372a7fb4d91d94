// Often-run statements are prepared once per connection: from their third use, only parameterised
// ones, never past the connection's limit, and never when turned off; the answers do not change.
import { randomUUID } from 'node:crypto';
import { describe, expect, it, inject } from 'vitest';
import { openDatabase } from './client';
import { MAX_PREPARED_PER_CONNECTION, nameQuery, PREPARE_AFTER, statementName } from './statement-cache';

const unique = () => `select $1::text as v /* ${randomUUID()} */`;

describe('nameQuery', () => {
  it('names a parameterised text from its third use in the process, with the same name each time', () => {
    const text = unique();
    const prepared = new Set<string>();
    const sent = [1, 2, 3, 4].map(() => nameQuery({ text, values: ['a'] }, undefined, prepared));
    expect(PREPARE_AFTER).toBe(3);
    expect(sent[0]).toEqual({ text, values: ['a'] });
    expect(sent[1]).toEqual({ text, values: ['a'] });
    const name = (sent[2] as { name: string }).name;
    expect(name).toMatch(/^hs_[\w-]{22}$/);
    expect(sent[3]).toEqual({ text, values: ['a'], name });
    expect(statementName(text)).toBe(name);
    expect([...prepared]).toEqual([name]);
  });

  it('leaves alone what must not or need not be prepared', () => {
    const prepared = new Set<string>();
    const text = unique();
    for (let i = 0; i < PREPARE_AFTER; i++) statementName(text);
    // No parameters: the simple protocol, one message (begin, commit, DDL).
    expect(nameQuery('begin', undefined, prepared)).toBe('begin');
    expect(nameQuery({ text }, [], prepared)).toEqual({ text });
    // Already named, or a streamed query (a cursor) that drives the protocol itself.
    expect(nameQuery({ text, name: 'mine', values: [1] }, undefined, prepared)).toEqual({
      text,
      name: 'mine',
      values: [1],
    });
    const cursor = { text, values: [1], submit: () => undefined };
    expect(nameQuery(cursor, undefined, prepared)).toBe(cursor);
    expect(prepared.size).toBe(0);
    // A text with its values passed separately is named too.
    expect(nameQuery(text, ['x'], prepared)).toMatchObject({ text, name: statementName(text) });
  });

  it('stops preparing new texts on a connection that holds its limit, and still runs the known ones', () => {
    const known = unique();
    for (let i = 0; i < PREPARE_AFTER; i++) statementName(known);
    const prepared = new Set<string>([statementName(known)!]);
    for (let i = 1; i < MAX_PREPARED_PER_CONNECTION; i++) prepared.add(`other_${i}`);
    const fresh = unique();
    for (let i = 0; i < PREPARE_AFTER; i++) statementName(fresh);
    expect(nameQuery({ text: fresh, values: [1] }, undefined, prepared)).toEqual({
      text: fresh,
      values: [1],
    });
    expect(nameQuery({ text: known, values: [1] }, undefined, prepared)).toMatchObject({
      name: statementName(known),
    });
    expect(prepared.size).toBe(MAX_PREPARED_PER_CONNECTION);
  });
});

describe('on a real connection', () => {
  async function preparedOn(prepare: boolean) {
    const database = await openDatabase({
      url: inject('pgServerUrl'),
      poolSize: 1,
      prepareStatements: prepare,
    });
    try {
      const text = `select $1::int + $2::int as sum /* ${randomUUID()} */`;
      const sums: number[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await database.query<{ sum: number }>(text, [i, 10]);
        sums.push(r.rows[0]!.sum);
      }
      const held = await database.query<{ statement: string }>(
        'select statement from pg_prepared_statements where statement = $1',
        [text],
      );
      return { sums, held: held.rows.length };
    } finally {
      await database.close();
    }
  }

  it('prepares the statement on the server once it is used often, with the same answers', async () => {
    const on = await preparedOn(true);
    expect(on.sums).toEqual([10, 11, 12, 13, 14, 15]);
    expect(on.held).toBe(1);
  });

  it('prepares nothing when turned off (DATABASE_PREPARE_STATEMENTS=false)', async () => {
    const off = await preparedOn(false);
    expect(off.sums).toEqual([10, 11, 12, 13, 14, 15]);
    expect(off.held).toBe(0);
  });
});
