// Code 128: the golden module strings below were rendered onto a label PDF, rasterised at 300 dpi
// (pdftoppm) and decoded back to the same text by zbarimg, a decoder written apart from this one;
// the checks are worked by hand from the symbology's rule.
import { describe, expect, it } from 'vitest';
import { checkValue, encodeCode128, modulePattern, QUIET_ZONE } from './barcode';

const GOLDEN: Record<string, string> = {
  // Code set B, then C for the order number's six digits, then B again.
  'LAB-000123-1':
    '00000000001101001000010001101110101000110001000101100010011011100101110111101101100110011001101100111011011101011110111010011011100100111001101000100110011000111010110000000000',
  // Starts in code set C; the odd last digit in B.
  '12345':
    '000000000011010011100101100111001000101100010111101110110111001001110101100011000111010110000000000',
  // Code set B throughout, punctuation and braces included.
  'Hello, World! ~{}':
    '00000000001101001000011000101000101100100001100101000011001010000100011110101011001110011011001100111010001101000111101010010011110110010100001000010011011001101100110110011001000101111011110110110101000111101000101111011000111010110000000000',
};

describe('Code 128', () => {
  it.each(Object.entries(GOLDEN))('encodes %s as the modules zbarimg decoded', (text, modules) => {
    const code = encodeCode128(text);
    expect(modulePattern(code)).toBe(modules);
    expect(code.width).toBe(modules.length);
  });

  it("switches code sets where it shortens the symbol and checks it by the standard's sum", () => {
    // Start B, L A B -, Code C, 00 01 23, Code B, - 1, check, stop.
    const { values } = encodeCode128('LAB-000123-1');
    expect(values).toEqual([104, 44, 33, 34, 13, 99, 0, 1, 23, 100, 13, 17, 5, 106]);
    // 104 + 44·1 + 33·2 + 34·3 + 13·4 + 99·5 + 0·6 + 1·7 + 23·8 + 100·9 + 13·10 + 17·11 = 2271 ≡ 5.
    expect(checkValue(values.slice(0, -2))).toBe(5);
    // A recollected sample's accession: the odd run after the dot stays in B.
    expect(encodeCode128('LAB-000123-2.1').values).toEqual([
      104, 44, 33, 34, 13, 99, 0, 1, 23, 100, 13, 18, 14, 17, 96, 106,
    ]);
    // Four digits between letters would cost two switches to save two symbols: left in B.
    expect(encodeCode128('A1234B').values.slice(0, 7)).toEqual([104, 33, 17, 18, 19, 20, 34]);
    // An odd run in the middle keeps its first digit in B and the even rest in C.
    expect(encodeCode128('A1234567').values.slice(0, 7)).toEqual([104, 33, 17, 99, 23, 45, 67]);
  });

  it('gives every character of code set B a symbol of 11 modules with an even count of bar modules', () => {
    for (let c = 32; c <= 126; c++) {
      const { values, bars, width } = encodeCode128(String.fromCharCode(c));
      expect(values).toEqual([104, c - 32, (104 + c - 32) % 103, 106]);
      // Start, data and check: 3 bars and 3 spaces each; the stop has a fourth bar, 13 modules.
      expect(bars).toHaveLength(6 * 3 + 7);
      for (let s = 0; s < 3; s++) {
        const symbol = bars.slice(s * 6, s * 6 + 6);
        expect(symbol.reduce((a, b) => a + b)).toBe(11);
        expect((symbol[0]! + symbol[2]! + symbol[4]!) % 2).toBe(0);
        expect(Math.max(...symbol)).toBeLessThanOrEqual(4);
      }
      expect(bars.slice(18)).toEqual([2, 3, 3, 1, 1, 1, 2]);
      expect(width).toBe(3 * 11 + 13 + 2 * QUIET_ZONE);
    }
    // No two characters share a pattern.
    const patterns = new Set<string>();
    for (let c = 32; c <= 126; c++)
      patterns.add(encodeCode128(String.fromCharCode(c)).bars.slice(6, 12).join(''));
    expect(patterns.size).toBe(95);
  });

  it('refuses what code set B cannot hold', () => {
    for (const bad of ['', 'LAB\n1', 'é', 'a\u0000b', '\u007f', '€', '🙂']) {
      expect(() => encodeCode128(bad), JSON.stringify(bad)).toThrow(RangeError);
    }
  });
});
