// File names as the uploader gave them are display text only: they never reach the file system.

// C0/C1 controls, and the bidi marks and overrides that make "exe.pdf" display as "fdp.exe".
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BIDI = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const MAX_NAME_CHARS = 150;
const EXTENSION = /\.[A-Za-z0-9]{1,8}$/;

/** The uploader's file name, safe to store and show: no folders, no control or bidi characters, at most 150 characters. */
export function cleanFileName(raw: string | undefined): string {
  let name = (raw ?? '').normalize('NFC');
  name = name.split(/[\\/]/).pop() ?? '';
  name = name.replace(CONTROL_OR_BIDI, '').replace(/\s+/g, ' ').trim();
  name = name.replace(/^[.\s]+/, ''); // no "..", no hidden names
  const chars = [...name];
  if (chars.length > MAX_NAME_CHARS) {
    const ext = EXTENSION.exec(name)?.[0] ?? '';
    name =
      chars
        .slice(0, MAX_NAME_CHARS - ext.length)
        .join('')
        .trimEnd() + ext;
  }
  return name || 'document';
}

const EXT_OF: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/**
 * The name a download is saved under: the stored name with the extension of the sniffed type (so
 * "scan.exe" holding a PDF is saved as "scan.pdf"), and none of the characters file systems refuse.
 */
export function downloadName(originalName: string, contentType: string): string {
  const ext = EXT_OF[contentType] ?? 'bin';
  const base = cleanFileName(originalName)
    .replace(EXTENSION, '')
    .replace(/[<>:"/\\|?*]/g, '_')
    .trim();
  return `${base || 'document'}.${ext}`;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the exact name as RFC 5987 UTF-8. */
export function attachmentHeader(name: string): string {
  const ascii = name.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
