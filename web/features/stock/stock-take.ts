// Counting a stock take: the counts typed on screen against those saved, and the differences the
// review shows once counting is done.
import type { StockTake } from '../../../contracts/stock-control';

export type StockTakeLine = StockTake['lines'][number];
/** Counts typed on this screen, by batch: a number, or '' for a field cleared. */
export type Edits = Record<string, number | string>;

/** The count a line shows: what was typed here, else what was saved. */
export function countOf(line: StockTakeLine, edits: Edits): number | null {
  const typed = edits[line.batchId];
  if (typed === undefined) return line.counted;
  return typeof typed === 'number' && Number.isFinite(typed) ? typed : null;
}

/** The counts to save: typed here, whole, and different from what the server holds. */
export function countsToSave(
  lines: readonly StockTakeLine[],
  edits: Edits,
): { batchId: string; counted: number }[] {
  return lines.flatMap((l) => {
    const typed = edits[l.batchId];
    if (typeof typed !== 'number' || !Number.isInteger(typed) || typed < 0 || typed === l.counted) return [];
    return [{ batchId: l.batchId, counted: typed }];
  });
}

/** How many lines have a count, typed or saved. */
export function countedLines(lines: readonly StockTakeLine[], edits: Edits): number {
  return lines.filter((l) => countOf(l, edits) !== null).length;
}

export interface Differences {
  /** Lines whose count differs from the expected quantity. */
  lines: number;
  /** Units counted beyond what was expected, and short of it. */
  over: number;
  short: number;
  uncounted: number;
}

/** What posting would adjust, from a revealed stock take. */
export function differences(lines: readonly StockTakeLine[]): Differences {
  const d: Differences = { lines: 0, over: 0, short: 0, uncounted: 0 };
  for (const l of lines) {
    if (l.counted === null) {
      d.uncounted++;
      continue;
    }
    const diff = l.difference ?? (l.expected === null ? 0 : l.counted - l.expected);
    if (diff === 0) continue;
    d.lines++;
    if (diff > 0) d.over += diff;
    else d.short -= diff;
  }
  return d;
}
