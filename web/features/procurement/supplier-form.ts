// The supplier form's values, and the bodies of adding (every field given) and changing (only what
// changed; a cleared field is null) a supplier.
import type { Supplier } from '../../../contracts/procurement';
import { typedNumber } from './number-input';

export interface SupplierValues {
  name: string;
  contactName: string;
  email: string;
  phone: string;
  addressLine: string;
  taxId: string;
  paymentTerms: string;
  leadTimeDays: number | string;
}

const TEXT_FIELDS = ['contactName', 'email', 'phone', 'addressLine', 'taxId', 'paymentTerms'] as const;

export function supplierValues(s: Supplier | null): SupplierValues {
  return {
    name: s?.name ?? '',
    contactName: s?.contactName ?? '',
    email: s?.email ?? '',
    phone: s?.phone ?? '',
    addressLine: s?.addressLine ?? '',
    taxId: s?.taxId ?? '',
    paymentTerms: s?.paymentTerms ?? '',
    leadTimeDays: s?.leadTimeDays ?? '',
  };
}

/** A typed lead time: a number, or absent when the box is empty (the server's default then). */
const lead = (v: number | string): number | undefined =>
  typeof v === 'string' && v.trim() !== '' && typedNumber(v) === undefined ? Number.NaN : typedNumber(v);

/** The body of POST /api/suppliers: blank fields left out. */
export function toCreateSupplier(v: SupplierValues) {
  const out: Record<string, unknown> = { name: v.name.trim() };
  for (const k of TEXT_FIELDS) if (v[k].trim()) out[k] = v[k].trim();
  const days = lead(v.leadTimeDays);
  if (days !== undefined) out.leadTimeDays = days;
  return out;
}

/** The body of PATCH /api/suppliers/:id: only the fields that changed; a cleared one as null. */
export function toUpdateSupplier(v: SupplierValues, before: Supplier): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (v.name.trim() !== before.name) out.name = v.name.trim();
  for (const k of TEXT_FIELDS) {
    const now = v[k].trim() || null;
    if (now !== (before[k] ?? null)) out[k] = now;
  }
  const days = lead(v.leadTimeDays);
  if (days !== undefined && days !== before.leadTimeDays) out.leadTimeDays = days;
  return out;
}
