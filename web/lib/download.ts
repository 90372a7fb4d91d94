// Files the API answers with (CSV exports, PDFs), fetched with the session and the active hospital
// (a plain link would go without the X-Hospital-Id header and get the person's default hospital).
import { getFile } from './api';

type Query = Parameters<typeof getFile>[1];

/** Saves a file the API answers with, under the name it gives (else `fallbackName`). */
export async function downloadFile(path: string, query: Query, fallbackName: string): Promise<void> {
  const { blob, filename } = await getFile(path, query);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename ?? fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Opens a file the API answers with (a PDF) in a new tab. */
export async function openFile(path: string): Promise<void> {
  // Opened first, while the click still counts as the person's: a tab opened after the download
  // would be blocked as a pop-up.
  const tab = window.open('', '_blank');
  try {
    const url = URL.createObjectURL((await getFile(path)).blob);
    if (tab) tab.location.href = url;
    else window.location.href = url;
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    tab?.close();
    throw err;
  }
}
