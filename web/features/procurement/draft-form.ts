// A draft purchase order as its form holds it, and the bodies of creating and changing one.
import type { PurchaseOrder, SupplierItem } from '../../../contracts/procurement';
import { toMajor, toMinor } from '../../lib/money';
import { typedNumber } from './number-input';

export interface DraftLineValues {
  key: string;
  medicineId: string;
  /** Known once the line has a medicine (from the order, or the catalog pick). */
  medicineName: string;
  packSize: number | null;
  packs: number | string;
  /** Per pack, in major units; empty: the supplier's last price. */
  unitPrice: number | string;
}

export interface DraftValues {
  supplierId: string;
  storeId: string;
  expectedOn: string | null;
  notes: string;
  lines: DraftLineValues[];
}

let next = 0;
export const newDraftLine = (): DraftLineValues => ({
  key: `po-line-${++next}`,
  medicineId: '',
  medicineName: '',
  packSize: null,
  packs: '',
  unitPrice: '',
});

const num = typedNumber;

/** A draft's values as the form edits them (its prices as typed amounts). */
export function draftValuesOf(o: PurchaseOrder): DraftValues {
  return {
    supplierId: o.supplierId,
    storeId: o.storeId,
    expectedOn: o.expectedOn,
    notes: o.notes ?? '',
    lines: o.lines.map((l) => ({
      key: `po-line-${++next}`,
      medicineId: l.medicineId,
      medicineName: l.medicineName,
      packSize: l.packSize,
      packs: l.packsOrdered,
      unitPrice: toMajor(l.unitPriceMinor, o.currency),
    })),
  };
}

function linesOf(values: DraftValues, currency: string) {
  return values.lines.map((l) => {
    const price = num(l.unitPrice);
    return {
      medicineId: l.medicineId || undefined,
      packs: num(l.packs),
      ...(price === undefined ? {} : { unitPriceMinor: toMinor(price, currency) }),
    };
  });
}

/** The body of POST /api/purchase-orders (the contract checks it before it is sent). */
export function toCreateOrder(values: DraftValues, currency: string) {
  return {
    supplierId: values.supplierId || undefined,
    storeId: values.storeId || undefined,
    ...(values.expectedOn ? { expectedOn: values.expectedOn } : {}),
    ...(values.notes.trim() ? { notes: values.notes.trim() } : {}),
    lines: linesOf(values, currency),
  };
}

/** The body of PATCH /api/purchase-orders/:id: the whole draft, its lines replacing the old ones. */
export function toUpdateOrder(values: DraftValues, currency: string) {
  return {
    storeId: values.storeId || undefined,
    expectedOn: values.expectedOn || null,
    notes: values.notes.trim() || null,
    lines: linesOf(values, currency),
  };
}

/** Error paths of the body (`lines.0.unitPriceMinor`) as the form's field names. */
export const toDraftFormPath = (path: string): string => path.replace(/\.unitPriceMinor$/, '.unitPrice');

/** Where the contract's problems with a draft body go: each on the form's own field. */
export const draftErrorSink = (form: { setErrors(e: Record<string, string>): void }) => ({
  setErrors: (e: Record<string, string>) =>
    form.setErrors(Object.fromEntries(Object.entries(e).map(([k, v]) => [toDraftFormPath(k), v]))),
});

/** The server's names of the price fields, as the form's (for applyServerErrors). */
export const draftServerPaths = (values: DraftValues): Record<string, string> =>
  Object.fromEntries(values.lines.map((_, i) => [`lines.${i}.unitPriceMinor`, `lines.${i}.unitPrice`]));

/** What a line comes to: its price (typed, else the supplier's last) times its packs, in minor units. */
export function lineTotalMinor(
  line: DraftLineValues,
  item: SupplierItem | undefined,
  currency: string,
): number | null {
  const packs = num(line.packs);
  const typed = num(line.unitPrice);
  const price = typed !== undefined ? toMinor(typed, currency) : (item?.lastPriceMinor ?? undefined);
  return packs === undefined || price === undefined ? null : packs * price;
}

/**
 * The lines with neither a typed price nor a last price from the supplier (the server would refuse
 * them), as form paths for their price fields.
 */
export function linesWithoutPrice(values: DraftValues, items: readonly SupplierItem[]): string[] {
  return values.lines.flatMap((l, i) =>
    l.medicineId &&
    num(l.unitPrice) === undefined &&
    items.find((it) => it.medicineId === l.medicineId)?.lastPriceMinor == null
      ? [`lines.${i}.unitPrice`]
      : [],
  );
}
