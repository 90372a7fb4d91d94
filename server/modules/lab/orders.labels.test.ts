// The sample labels' barcodes: the bars printed under each accession number, read back from the
// PDF's rectangles, are the Code 128 symbol of that accession number (whose encoding was checked
// with zbarimg, barcode.test.ts), drawn at a size a 300 dpi printer and scanner handle.
import { describe, expect, it } from 'vitest';
import type { LabOrder, LabOrderItem } from '../../../contracts/lab-orders';
import { encodeCode128 } from '../../platform/barcode';
import { labelsPdf } from './orders.labels';

const ID = '0190a0e0-0000-7000-8000-000000000001';
const person = { id: ID, name: 'Kavya Lab' };

const item = (accession: string, code: string, status: LabOrderItem['status']): LabOrderItem => ({
  id: ID,
  testId: ID,
  code,
  name: `${code} test`,
  sampleType: 'serum',
  turnaroundHours: 6,
  instructions: '',
  accession,
  status,
  collectedAt: null,
  collectedBy: null,
  sampleNote: '',
  dueAt: null,
  results: [],
  resultComment: '',
  resultedAt: null,
  resultedBy: null,
  verifiedAt: null,
  verifiedBy: null,
  version: 1,
  amendments: [],
  pendingAmendment: null,
});

const order = (items: LabOrderItem[]): LabOrder => ({
  id: ID,
  number: 'LAB-000123',
  patient: { id: ID, name: 'Aarav Patel', mrn: 'MRN-000042', sex: 'male', dateOfBirth: '1990-04-01' },
  source: 'walk_in',
  consultationId: null,
  admissionId: null,
  priority: 'routine',
  clinicalNote: '',
  status: 'awaiting_sample',
  orderedAt: '2025-03-01T09:00:00.000Z',
  orderedBy: person,
  invoiceId: null,
  cancelled: null,
  items,
});

interface Printed {
  /** Bar and space widths in modules, as the encoder gives them. */
  bars: number[];
  moduleWidth: number;
  height: number;
  top: number;
}

/** Every barcode in the PDF, in print order, read back from its filled rectangles. */
function barcodesIn(pdf: string): Printed[] {
  return [...pdf.matchAll(/q 0 g\n([^Q]*)\nQ/g)].map(([, block]) => {
    const rects = [...block!.matchAll(/^(\S+) (\S+) (\S+) (\S+) re f$/gm)].map((m) =>
      m.slice(1, 5).map(Number),
    ) as [number, number, number, number][];
    // The thinnest element is one module wide: the start symbol opens with a 2-module bar and a
    // 1-module space, so the narrowest bar or gap gives the module.
    const elements: number[] = [];
    rects.forEach(([x, , w], i) => {
      if (i > 0) {
        const [px, , pw] = rects[i - 1]!;
        elements.push(x - (px + pw));
      }
      elements.push(w);
    });
    const moduleWidth = Math.min(...elements);
    const [, y, , h] = rects[0]!;
    expect(rects.every(([, ry, , rh]) => ry === y && rh === h)).toBe(true);
    return {
      bars: elements.map((e) => Math.round(e / moduleWidth)),
      moduleWidth,
      height: h,
      top: y + h,
    };
  });
}

/** The baseline of a line of text printed as `(text) Tj`. */
function baselineOf(pdf: string, text: string): number {
  const m = new RegExp(`Td \\(${text}\\) Tj`).exec(pdf);
  expect(m, text).not.toBeNull();
  const before = pdf.slice(0, m!.index);
  return Number(/ (\S+) $/.exec(before)![1]);
}

describe('sample labels', () => {
  it("prints each sample's accession number as a barcode under it, and none for a cancelled test", () => {
    const o = order([
      item('LAB-000123-1', 'CBC', 'collected'),
      item('LAB-000123-2', 'LFT', 'cancelled'),
      item('LAB-000123-3.1', 'LIPID', 'awaiting_sample'),
    ]);
    const pdf = labelsPdf(o).body.toString('latin1');
    const printed = barcodesIn(pdf);
    expect(printed).toHaveLength(2);
    expect(printed.map((p) => p.bars)).toEqual([
      encodeCode128('LAB-000123-1').bars,
      encodeCode128('LAB-000123-3.1').bars,
    ]);
    for (const p of printed) {
      // Wide enough for a 300 dpi printer and scanner, tall enough to sweep by hand.
      expect(p.moduleWidth).toBeGreaterThanOrEqual(0.75);
      expect(p.moduleWidth).toBeLessThanOrEqual(1);
      expect(p.height).toBeGreaterThanOrEqual(25);
    }
    // Under its accession number, above the patient's name.
    const accession = baselineOf(pdf, 'LAB-000123-1');
    expect(printed[0]!.top).toBeLessThan(accession);
    expect(printed[0]!.top).toBeGreaterThan(accession - 12);
    expect(pdf.indexOf('(LAB-000123-1) Tj')).toBeLessThan(pdf.indexOf('q 0 g'));
    expect(pdf.indexOf('q 0 g')).toBeLessThan(pdf.indexOf('(Aarav Patel) Tj'));
    expect(pdf).not.toContain('(LAB-000123-2)');
  });

  it('keeps each label whole on one page when the labels run over several', () => {
    const items = Array.from({ length: 14 }, (_, i) => item(`LAB-000123-${i + 1}`, 'CBC', 'collected'));
    // No MRN, sex or birth date: a shorter label, which would otherwise be cut by a page's end.
    const unknown = {
      ...order(items),
      patient: { id: ID, name: 'Aarav Patel', mrn: null, sex: '', dateOfBirth: null },
    };
    const pdf = labelsPdf(unknown).body.toString('latin1');
    const pages = [...pdf.matchAll(/stream\n([\s\S]*?)\nendstream/g)].map(([, ops]) => ops!);
    expect(pages.length).toBeGreaterThan(1);
    const seen: string[] = [];
    for (const ops of pages) {
      // On each page, the labels' accession numbers and their barcodes, in the same order.
      const numbers = [...ops.matchAll(/\((LAB-000123-[^)]+)\) Tj/g)].map(([, n]) => n!);
      const printed = barcodesIn(ops);
      expect(printed.map((p) => p.bars)).toEqual(numbers.map((n) => encodeCode128(n).bars));
      expect(ops.match(/\(Aarav Patel\) Tj/g) ?? []).toHaveLength(numbers.length);
      expect(ops.match(/\(Ordered 2025-03-01\) Tj/g) ?? []).toHaveLength(numbers.length);
      // Inside the page's margins: above the footer, below the top.
      for (const p of printed) {
        expect(p.top - p.height).toBeGreaterThanOrEqual(50);
        expect(p.top).toBeLessThanOrEqual(841.89 - 50);
      }
      seen.push(...numbers);
    }
    expect(seen).toEqual(items.map((i) => i.accession));
  });
});
