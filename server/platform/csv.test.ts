import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('CSV export', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const f of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '=HYPERLINK("http://evil")']) {
      expect(csvCell(f).startsWith(`"'`)).toBe(true);
    }
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('keeps numbers, including negative ones, as numbers, and quotes everything', () => {
    expect(csvCell(-25)).toBe('"-25"');
    expect(csvCell(1250)).toBe('"1250"');
    expect(csvCell(null)).toBe('""');
    expect(
      toCsv([
        ['name', 'qty'],
        ['Para, "500"', 3],
      ]),
    ).toBe('"name","qty"\r\n"Para, ""500""","3"\r\n');
  });
});
