import { describe, expect, it } from 'vitest';
import { PdfDocument, pdfString, printable } from './pdf';

describe('the PDF writer', () => {
  it('spells superscripts the standard fonts lack, and keeps those they have', () => {
    expect(printable('×10⁶/µL and ×10³/µL')).toBe('×10^6/µL and ×10³/µL');
    expect(pdfString('10⁶')).toBe('(10^6)');
    expect(pdfString('10³')).toBe('(10\\263)');
  });

  it('wraps a table row’s last cell onto lines of its own, and cuts the others', () => {
    const doc = new PdfDocument('t');
    const sentence =
      'Normocytic normochromic red cells; no abnormal cells, no parasites and no blasts seen in the smear at all today.';
    doc.row(['A very long analyte name that cannot fit its column', sentence], [0, 100]);
    const body = doc.toBuffer().toString('latin1');
    expect(body).toContain('(A very long analyte\\205)'); // cut at a word, with an ellipsis (WinAnsi 0x85)
    const shown = [...body.matchAll(/\((Normocytic[^)]*|[^()]*today\.)\) Tj/g)].map((m) => m[1]);
    expect(shown.length).toBe(2);
    expect(shown.join(' ')).toBe(sentence);
  });
});
