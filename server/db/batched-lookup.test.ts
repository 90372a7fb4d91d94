// Lookups asked for together go out as one fetch of their distinct keys; each caller gets its own
// value (or undefined), a failed fetch fails only the callers of that fetch, and a lookup asked
// for later starts a batch of its own.
import { describe, expect, it } from 'vitest';
import { BatchedLookup } from './batched-lookup';

/** A lookup over a fixed table that records the keys of every fetch. */
function lookupOf(table: Record<string, string>, o: { maxBatch?: number; failOn?: string } = {}) {
  const fetches: string[][] = [];
  const lookup = new BatchedLookup<string>(async (keys) => {
    fetches.push(keys);
    if (o.failOn && keys.includes(o.failOn)) throw new Error(`no connection for ${o.failOn}`);
    return new Map(keys.filter((k) => k in table).map((k) => [k, table[k]!]));
  }, o.maxBatch);
  return { lookup, fetches };
}

describe('BatchedLookup', () => {
  it('sends the keys asked for together in one fetch, each once, and answers each caller', async () => {
    const { lookup, fetches } = lookupOf({ a: 'Asha', b: 'Bilal', c: 'Chen' });
    const answers = await Promise.all(['a', 'b', 'a', 'z', 'c'].map((k) => lookup.load(k)));
    expect(answers).toEqual(['Asha', 'Bilal', 'Asha', undefined, 'Chen']);
    expect(fetches).toEqual([['a', 'b', 'z', 'c']]);
    expect(lookup.sent).toEqual({ fetches: 1, keys: 4 });
  });

  it('splits a batch over the largest size', async () => {
    const { lookup, fetches } = lookupOf({ a: '1', b: '2', c: '3', d: '4', e: '5' }, { maxBatch: 2 });
    expect(await Promise.all(['a', 'b', 'c', 'd', 'e'].map((k) => lookup.load(k)))).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    expect(fetches).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('fails only the callers whose fetch failed', async () => {
    const { lookup } = lookupOf({ a: '1', b: '2', c: '3' }, { maxBatch: 2, failOn: 'c' });
    const answers = await Promise.allSettled(['a', 'b', 'c'].map((k) => lookup.load(k)));
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((answers[2] as PromiseRejectedResult).reason).toBeInstanceOf(Error);
  });

  it('fails the callers, not the process, when the fetch throws before it returns a promise', async () => {
    const lookup = new BatchedLookup<string>(() => {
      throw new Error('pool closed');
    });
    await expect(Promise.all([lookup.load('a'), lookup.load('b')])).rejects.toThrow('pool closed');
  });

  it('starts a new batch for a lookup asked for after the last one was sent', async () => {
    const { lookup, fetches } = lookupOf({ a: '1', b: '2' });
    const first = lookup.load('a');
    await new Promise((r) => setImmediate(r));
    const second = lookup.load('b');
    expect(await Promise.all([first, second])).toEqual(['1', '2']);
    expect(fetches).toEqual([['a'], ['b']]);
  });
});
