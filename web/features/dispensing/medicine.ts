import type { Medicine } from '../../../contracts/pharmacy';
import { get } from '../../lib/api';

/** "Paracetamol 500 mg (Crocin)": a medicine's name as lists show it; the form is worded apart. */
export function medicineName(m: { genericName: string; strength: string; brandName: string | null }): string {
  return `${m.genericName} ${m.strength}${m.brandName ? ` (${m.brandName})` : ''}`;
}

export const medicineSearchKey = (q: string) => ['medicines', 'search', q] as const;

/** The active hospital's catalog matching a name, brand or barcode, best match first. */
export const searchMedicines = (q: string, signal?: AbortSignal) =>
  get<{ items: Medicine[]; total: number }>('/api/medicines', { q, limit: 10 }, signal);

/** The one medicine whose barcode is exactly what was typed (a scanner types the code, then Enter). */
export function byBarcode(items: readonly Medicine[], typed: string): Medicine | undefined {
  const code = typed.trim();
  return code ? items.find((m) => m.barcode === code) : undefined;
}
