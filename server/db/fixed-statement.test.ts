import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fixedStatement } from './fixed-statement';

describe('fixedStatement', () => {
  it('builds its text once and fills each run’s values in place of the placeholders', () => {
    let builds = 0;
    const statement = fixedStatement<{ a: number; b: string[] }>(() => {
      builds++;
      return sql`select ${sql.placeholder('b')}::text[] as b, ${sql`${sql.placeholder('a')}::int`} + ${1} as a`;
    });
    const first = statement({ a: 2, b: ['x'] });
    const second = statement({ a: 5, b: ['y', 'z'] });
    expect(builds).toBe(1);
    expect(first.text).toBe('select $1::text[] as b, $2::int + $3 as a');
    expect(second.text).toBe(first.text);
    expect(first.values).toEqual([['x'], 2, 1]);
    expect(second.values).toEqual([['y', 'z'], 5, 1]);
  });

  it('refuses a run that leaves a placeholder without a value', () => {
    const statement = fixedStatement<{ a: number }>(() => sql`select ${sql.placeholder('a')}`);
    expect(() => statement({} as { a: number })).toThrow(/a/);
  });
});
