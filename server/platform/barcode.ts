// Code 128, the linear barcode of sample tubes: what a lab's hand scanner reads at every bench and
// types back as the text it holds. Code set B carries printable ASCII one character a symbol; runs
// of digits long enough to gain from it switch to code set C, two digits a symbol, which keeps an
// accession number's barcode short enough for a tube label. Written from the symbology's tables
// (ISO/IEC 15417); its output was checked by decoding printed labels with zbarimg.

/**
 * The bar and space widths, in modules, of symbol values 0..106 (106 is the stop, whose extra
 * final bar makes it 7 elements and 13 modules); each other symbol is 3 bars and 3 spaces, 11
 * modules, its bars an even number of them.
 */
// prettier-ignore
const PATTERNS = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
];

const CODE_C = 99; // in code set B: what follows is code set C
const CODE_B = 100; // in code set C: what follows is code set B
const START_B = 104;
const START_C = 105;
const STOP = 106;

/** Blank modules a scanner needs either side of the bars to find where they begin and end. */
export const QUIET_ZONE = 10;

export interface Code128 {
  /** The symbol values in order: start, data (with any code set switches), the check, stop. */
  values: number[];
  /** Bar and space widths in modules, left to right, beginning and ending with a bar. */
  bars: number[];
  /** The quiet zone each side, in modules. */
  quietZone: number;
  /** The whole width in modules, both quiet zones included. */
  width: number;
}

/** How many digits follow from `from`. */
function digitsFrom(text: string, from: number): number {
  let i = from;
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  return i - from;
}

/**
 * The data symbols of the text: code set B, and code set C for a run of digits where it makes the
 * barcode shorter (4 or more at either end, where one switch pays for itself; 6 or more between
 * letters, where it takes two). An odd run keeps its first digit in code set B.
 */
function dataValues(text: string): number[] {
  const values: number[] = [];
  let set: 'B' | 'C' | null = null;
  let i = 0;
  while (i < text.length) {
    let run = digitsFrom(text, i);
    if (run >= (i === 0 || i + run === text.length ? 4 : 6)) {
      if (run % 2 === 1 && set === 'B') {
        values.push(text.charCodeAt(i) - 32);
        i++;
        run--;
      }
      if (set !== 'C') values.push(set === null ? START_C : CODE_C);
      set = 'C';
      for (const end = i + run - (run % 2); i < end; i += 2) values.push(Number(text.slice(i, i + 2)));
      continue;
    }
    if (set !== 'B') values.push(set === null ? START_B : CODE_B);
    set = 'B';
    values.push(text.charCodeAt(i) - 32);
    i++;
  }
  return values;
}

/** The check symbol: the start's value plus each later symbol's value times its place, mod 103. */
export function checkValue(values: readonly number[]): number {
  return values.reduce((sum, v, place) => sum + v * Math.max(place, 1), 0) % 103;
}

/** The Code 128 symbol of a text of printable ASCII (32..126); anything else throws. */
export function encodeCode128(text: string): Code128 {
  if (text.length === 0) throw new RangeError('A barcode needs at least one character.');
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 32 || c > 126) {
      throw new RangeError(`Code 128 (code set B) cannot hold U+${c.toString(16).padStart(4, '0')}.`);
    }
  }
  const data = dataValues(text);
  const values = [...data, checkValue(data), STOP];
  const bars = values.flatMap((v) => [...PATTERNS[v]!].map(Number));
  const modules = bars.reduce((a, b) => a + b, 0);
  return { values, bars, quietZone: QUIET_ZONE, width: modules + 2 * QUIET_ZONE };
}

/** The symbol as modules, "1" dark and "0" light, quiet zones included: for tests and debugging. */
export function modulePattern(code: Code128): string {
  const quiet = '0'.repeat(code.quietZone);
  return quiet + code.bars.map((w, i) => (i % 2 === 0 ? '1' : '0').repeat(w)).join('') + quiet;
}
