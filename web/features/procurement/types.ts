// The answers of the procurement endpoints this session's contract adds (reorder suggestions,
// spend insights), as the screens read them.

export interface ReorderSuggestion {
  medicineId: string;
  medicineName: string;
  strength: string | null;
  form: string;
  storeId: string;
  storeName: string;
  /** Dispensing units in the store, usable (not expired). */
  onHand: number;
  reorderLevel: number;
  /** Packs on open orders, not yet received. */
  onOrderPacks: number;
  packSize: number;
  avgDaily30: number;
  avgDaily90: number;
  suggestedPacks: number;
  supplier: { id: string; name: string; leadTimeDays: number } | null;
  /** Per pack. */
  lastPriceMinor: number | null;
}

export interface ReorderSuggestions {
  safetyStockDays: number;
  currency: string;
  items: ReorderSuggestion[];
}

export interface CreatedDraftOrder {
  id: string;
  number: string;
  supplierId: string;
  supplierName: string;
  lineCount: number;
  totalMinor: number;
}

export interface ProcurementInsights {
  currency: string;
  spendByMonth: { month: string; totalMinor: number }[];
}
