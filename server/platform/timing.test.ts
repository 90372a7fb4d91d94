import { describe, expect, it } from 'vitest';
import { within } from './timing';

const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('within', () => {
  it('is true when the work fulfils in time, and does not wait out the bound', async () => {
    const started = performance.now();
    expect(await within(after(5, 'done'), 5_000)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('is false when the time runs out first, and the work goes on', async () => {
    let finished = false;
    const work = after(200, null).then(() => (finished = true));
    expect(await within(work, 10)).toBe(false);
    expect(finished).toBe(false);
    await work;
    expect(finished).toBe(true);
  });

  it('rejects when the work rejects in time', async () => {
    await expect(within(Promise.reject(new Error('refused')), 1_000)).rejects.toThrow('refused');
  });
});
