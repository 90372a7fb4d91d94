// A small PDF 1.4 writer for printed documents made of text: A4 pages, Helvetica and Helvetica-Bold
// (the standard fonts every reader has, so nothing is embedded), WinAnsi text, lines wrapped to a
// width, new pages as needed, and the Code 128 barcodes of sample labels as vector bars. Content
// streams are left uncompressed: the file stays small for a page of text, and tests can read what
// was printed. Characters outside WinAnsi print as "?".
import type { FastifyReply } from 'fastify';
import { encodeCode128 } from './barcode';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;

// Advance widths of Helvetica for ASCII 32..126, in thousandths of the font size (Adobe AFM).
// prettier-ignore
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
  556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778,
  722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
  278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/** WinAnsi (cp1252) bytes that differ from Latin-1, by Unicode code point. */
const WIN_ANSI: Record<number, number> = {
  0x20ac: 0x80,
  0x201a: 0x82,
  0x0192: 0x83,
  0x201e: 0x84,
  0x2026: 0x85,
  0x2020: 0x86,
  0x2021: 0x87,
  0x02c6: 0x88,
  0x2030: 0x89,
  0x0160: 0x8a,
  0x2039: 0x8b,
  0x0152: 0x8c,
  0x017d: 0x8e,
  0x2018: 0x91,
  0x2019: 0x92,
  0x201c: 0x93,
  0x201d: 0x94,
  0x2022: 0x95,
  0x2013: 0x96,
  0x2014: 0x97,
  0x02dc: 0x98,
  0x2122: 0x99,
  0x0161: 0x9a,
  0x203a: 0x9b,
  0x0153: 0x9c,
  0x017e: 0x9e,
  0x0178: 0x9f,
};

/** Superscript digits WinAnsi lacks (it has ¹ ² ³), written as "^6" (units such as ×10⁶/µL). */
const SUPERSCRIPT: Record<string, string> = {
  '⁰': '^0',
  '⁴': '^4',
  '⁵': '^5',
  '⁶': '^6',
  '⁷': '^7',
  '⁸': '^8',
  '⁹': '^9',
};

/** The text with characters the standard fonts lack spelled out where there is a usual way. */
export function printable(text: string): string {
  return text.replace(/[⁰⁴-⁹]/g, (c) => SUPERSCRIPT[c] ?? c);
}

/** The WinAnsi byte of a character, or "?" for one the standard fonts cannot show. */
function winAnsi(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x20 && cp <= 0x7e) return cp;
  if (cp >= 0xa0 && cp <= 0xff) return cp;
  return WIN_ANSI[cp] ?? 0x3f;
}

/** A PDF string literal of the text: WinAnsi bytes, with ( ) \ escaped and the rest as octal. */
export function pdfString(text: string): string {
  let out = '(';
  for (const ch of printable(text).replace(/[\r\n\t]+/g, ' ')) {
    const b = winAnsi(ch);
    if (b === 0x28 || b === 0x29 || b === 0x5c) out += '\\' + String.fromCharCode(b);
    else if (b < 0x20 || b > 0x7e) out += '\\' + b.toString(8).padStart(3, '0');
    else out += String.fromCharCode(b);
  }
  return out + ')';
}

/** Width of a text in points (bold is taken as 6% wider, which errs on the side of wrapping). */
export function textWidth(text: string, size: number, bold = false): number {
  let units = 0;
  for (const ch of printable(text)) {
    const b = winAnsi(ch);
    units += b >= 32 && b <= 126 ? HELVETICA[b - 32]! : 556;
  }
  return (units / 1000) * size * (bold ? 1.06 : 1);
}

/** Splits text into lines no wider than `width`, at spaces where it can, mid-word where it must. */
export function wrap(text: string, width: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let current = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const tried = current ? `${current} ${word}` : word;
      if (textWidth(tried, size, bold) <= width) {
        current = tried;
        continue;
      }
      if (current) lines.push(current);
      current = word;
      while (textWidth(current, size, bold) > width) {
        let cut = current.length - 1;
        while (cut > 1 && textWidth(current.slice(0, cut), size, bold) > width) cut--;
        lines.push(current.slice(0, cut));
        current = current.slice(cut);
      }
    }
    lines.push(current);
  }
  return lines;
}

export interface TextOptions {
  size?: number;
  bold?: boolean;
  /** Left edge, from the margin. */
  indent?: number;
  /** Right-aligned on the line instead. */
  right?: boolean;
  /** Space after the block. */
  gap?: number;
}

/** Lays out text from the top of the page down, starting a new page when one is full. */
export class PdfDocument {
  private pages: string[][] = [[]];
  private y = A4.height - MARGIN;
  readonly contentWidth = A4.width - 2 * MARGIN;

  constructor(private readonly title: string) {}

  private get ops(): string[] {
    return this.pages[this.pages.length - 1]!;
  }

  private ensure(height: number): void {
    if (this.y - height >= MARGIN) return;
    this.pages.push([]);
    this.y = A4.height - MARGIN;
  }

  /** A block of wrapped text. */
  text(value: string, o: TextOptions = {}): void {
    const size = o.size ?? 10;
    const leading = size * 1.3;
    const indent = o.indent ?? 0;
    for (const l of wrap(value, this.contentWidth - indent, size, o.bold)) {
      this.ensure(leading);
      this.y -= leading;
      const x = o.right ? A4.width - MARGIN - textWidth(l, size, o.bold) : MARGIN + indent;
      this.ops.push(
        `BT /${o.bold ? 'F2' : 'F1'} ${size} Tf ${x.toFixed(2)} ${this.y.toFixed(2)} Td ${pdfString(l)} Tj ET`,
      );
    }
    this.y -= o.gap ?? 0;
  }

  /** Two texts on one line: one at the left, one at the right edge. */
  pair(left: string, right: string, o: { size?: number; bold?: boolean } = {}): void {
    const size = o.size ?? 10;
    this.ensure(size * 1.3);
    this.y -= size * 1.3;
    const font = o.bold ? 'F2' : 'F1';
    const rx = A4.width - MARGIN - textWidth(right, size, o.bold);
    this.ops.push(`BT /${font} ${size} Tf ${MARGIN} ${this.y.toFixed(2)} Td ${pdfString(left)} Tj ET`);
    this.ops.push(
      `BT /${font} ${size} Tf ${rx.toFixed(2)} ${this.y.toFixed(2)} Td ${pdfString(right)} Tj ET`,
    );
  }

  /**
   * One row of a table: each cell at its column's left edge (points from the margin), cut to fit
   * before the next column starts, but the last, which wraps onto more lines as it needs. Bold
   * cells are given by index.
   */
  row(cells: string[], columns: number[], o: { size?: number; bold?: number[] } = {}): void {
    const size = o.size ?? 9;
    const leading = size * 1.4;
    // The last cell runs to the right margin and wraps onto lines of its own; the others are cut.
    const last = cells.length - 1;
    const lines = wrap(cells[last] ?? '', this.contentWidth - columns[last]!, size, o.bold?.includes(last));
    this.ensure(leading * lines.length);
    this.y -= leading;
    const put = (text: string, i: number) => {
      const bold = o.bold?.includes(i) ?? false;
      const x = MARGIN + columns[i]!;
      this.ops.push(
        `BT /${bold ? 'F2' : 'F1'} ${size} Tf ${x.toFixed(2)} ${this.y.toFixed(2)} Td ${pdfString(text)} Tj ET`,
      );
    };
    cells.slice(0, last).forEach((cell, i) => {
      const room = columns[i + 1]! - columns[i]! - 6;
      const bold = o.bold?.includes(i);
      const [fitted = ''] = wrap(cell, room, size, bold);
      const cut = fitted.length < cell.length;
      put(cut ? `${wrap(cell, room - textWidth('…', size, bold), size, bold)[0]}…` : fitted, i);
    });
    lines.forEach((text, k) => {
      if (k > 0) this.y -= leading;
      put(text, last);
    });
  }

  /** A hospital's letterhead: its name, address and contacts, ruled off. Returns the address. */
  letterhead(h: {
    name: string;
    addressLine?: string | null;
    city?: string | null;
    country?: string | null;
    phone?: string | null;
    email?: string | null;
  }): string {
    this.text(h.name, { size: 16, bold: true });
    const address = [h.addressLine, h.city, h.country].filter(Boolean).join(', ');
    if (address) this.text(address, { size: 9 });
    const contact = [h.phone && `Phone ${h.phone}`, h.email].filter(Boolean).join('   ');
    if (contact) this.text(contact, { size: 9 });
    this.rule();
    return address;
  }

  /** A horizontal rule across the text width. */
  rule(gap = 6): void {
    this.ensure(gap * 2);
    this.y -= gap;
    this.ops.push(`0.5 w ${MARGIN} ${this.y.toFixed(2)} m ${A4.width - MARGIN} ${this.y.toFixed(2)} l S`);
    this.y -= gap;
  }

  /**
   * A Code 128 barcode of the value at the left margin (wider than its quiet zone, so the bars may
   * start there), as filled rectangles: vector bars stay sharp at any printer's resolution. The
   * human-readable text is the caller's to print. A module width that is a whole number of dots
   * (0.96 pt is 4 at 300 dpi) prints every bar the same width.
   */
  barcode(value: string, o: { height: number; moduleWidth: number }): void {
    const code = encodeCode128(value);
    if ((code.width - code.quietZone) * o.moduleWidth > this.contentWidth + MARGIN) {
      throw new RangeError(`The barcode of "${value}" is wider than the page.`);
    }
    this.ensure(o.height);
    this.y -= o.height;
    const bars: string[] = [];
    let x = MARGIN;
    code.bars.forEach((modules, i) => {
      const w = modules * o.moduleWidth;
      if (i % 2 === 0) {
        bars.push(`${x.toFixed(3)} ${this.y.toFixed(2)} ${w.toFixed(3)} ${o.height.toFixed(2)} re f`);
      }
      x += w;
    });
    this.ops.push(`q 0 g\n${bars.join('\n')}\nQ`);
  }

  /** Starts a new page unless `height` points still fit on this one: a block kept whole. */
  keep(height: number): void {
    this.ensure(height);
  }

  space(points: number): void {
    this.y -= points;
  }

  /** The finished file. */
  toBuffer(now = new Date()): Buffer {
    const objects: string[] = [];
    const add = (body: string) => {
      objects.push(body);
      return objects.length;
    };
    const catalog = add('<< /Type /Catalog /Pages 2 0 R >>');
    add(''); // the page tree, written once the pages are known
    const f1 = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
    const f2 = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
    const kids: number[] = [];
    this.pages.forEach((ops, i) => {
      const footer = `BT /F1 8 Tf ${MARGIN} 30 Td ${pdfString(`${this.title} - page ${i + 1} of ${this.pages.length}`)} Tj ET`;
      const stream = [...ops, footer].join('\n');
      const content = add(
        `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
      );
      kids.push(
        add(
          `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] ` +
            `/Resources << /Font << /F1 ${f1} 0 R /F2 ${f2} 0 R >> >> /Contents ${content} 0 R >>`,
        ),
      );
    });
    objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
    const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const info = add(
      `<< /Title ${pdfString(this.title)} /Producer (Hospitium) /CreationDate (D:${stamp}Z) >>`,
    );

    let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
    const offsets: number[] = [];
    objects.forEach((body, i) => {
      offsets.push(Buffer.byteLength(out, 'latin1'));
      out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    });
    const xref = Buffer.byteLength(out, 'latin1');
    out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
    out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return Buffer.from(out, 'latin1');
  }
}

/** Answers with a PDF shown in the browser (not downloaded), never sniffed as anything else or cached. */
export function replyWithPdf(reply: FastifyReply, pdf: { body: Buffer; filename: string }) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="${pdf.filename}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(pdf.body);
}
