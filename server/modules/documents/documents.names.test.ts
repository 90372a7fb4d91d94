import { describe, expect, it } from 'vitest';
import { attachmentHeader, cleanFileName, downloadName } from './documents.names';

describe('file names', () => {
  it('keeps only the last path part, without control or bidi characters or leading dots', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\x\\scan.pdf')).toBe('scan.pdf');
    expect(cleanFileName('report\u202Efdp.exe')).toBe('reportfdp.exe');
    expect(cleanFileName('a\u0000b\u0085c.pdf')).toBe('abc.pdf');
    expect(cleanFileName('  .hidden  name.pdf ')).toBe('hidden name.pdf');
    expect(cleanFileName('..')).toBe('document');
    expect(cleanFileName('')).toBe('document');
    expect(cleanFileName(undefined)).toBe('document');
  });

  it('shortens long names to 150 characters, keeping the extension', () => {
    const name = cleanFileName(`${'é'.repeat(400)}.jpeg`);
    expect([...name]).toHaveLength(150);
    expect(name.endsWith('.jpeg')).toBe(true);
  });

  it('saves downloads under the extension of the sniffed type, without characters file systems refuse', () => {
    expect(downloadName('scan.exe', 'application/pdf')).toBe('scan.pdf');
    expect(downloadName('x-ray', 'image/png')).toBe('x-ray.png');
    expect(downloadName('a:b*c?.jpg', 'image/jpeg')).toBe('a_b_c_.jpg');
    expect(downloadName('.pdf', 'application/pdf')).toBe('pdf.pdf');
  });

  it('writes Content-Disposition with an ASCII fallback and the UTF-8 name', () => {
    expect(attachmentHeader('a "b"\\c.pdf')).toBe(
      `attachment; filename="a _b__c.pdf"; filename*=UTF-8''a%20%22b%22%5Cc.pdf`,
    );
    expect(attachmentHeader("it's (1).pdf")).toBe(
      `attachment; filename="it's (1).pdf"; filename*=UTF-8''it%27s%20%281%29.pdf`,
    );
    expect(attachmentHeader('ü.png')).toBe(`attachment; filename="_.png"; filename*=UTF-8''%C3%BC.png`);
  });
});
