import type { QueryClient } from '@tanstack/react-query';
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

/**
 * After stock moved (a sale, a dispensing, an order set aside or given out): every cached figure
 * that shows stock is stale, or the pharmacist would read the old on-hand for up to the cache's
 * 30 seconds on the medicine's page, its batches and its ledger.
 */
export async function refreshStockFigures(client: QueryClient): Promise<void> {
  await Promise.all(
    ['stock', 'medicine', 'medicines', 'shop', 'dashboard'].map((root) =>
      client.invalidateQueries({ queryKey: [root] }),
    ),
  );
}
