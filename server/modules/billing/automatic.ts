// Bills that make themselves (ADR 13): other modules call these inside the transaction of the
// event, so the event and its bill commit together or not at all. A finished consultation leaves
// a draft with the consultation fee for the front desk to complete; a pharmacy counter sale,
// already priced and paid for at the counter, gets a final invoice at once.
import { withDoctorTitle } from '../../../contracts/names';
import type { Tx } from '../../db/client';
import type { Ctx } from '../../platform/context';
import { finaliseDraft } from './invoice-finalise';
import * as repo from './invoices.repo';
import { createDraft } from './invoices.service';
import { priceInvoiceLine } from './money';
import * as prices from './price-list.repo';
import { consultationFee } from './price-list.service';

/**
 * A draft invoice for a closed consultation, at the fee of the doctor's department or else the
 * doctor's own, once per consultation. None when the fee is nothing. Returns the invoice's id.
 */
export async function billConsultation(
  tx: Tx,
  ctx: Ctx,
  c: { consultationId: string; hospitalId: string; patientId: string; doctorProfileId: string },
): Promise<string | null> {
  const existing = await repo.findBySource(tx, c.hospitalId, 'consultation', c.consultationId);
  if (existing) return existing.id;
  const fee = await consultationFee(tx, c.hospitalId, c.doctorProfileId);
  if (!fee || fee.feeMinor === 0) return null;
  const doctor = await prices.doctorOf(tx, c.hospitalId, c.doctorProfileId);
  const base = { quantity: 1, unitPriceMinor: fee.feeMinor, taxRateBp: fee.taxRateBp };
  const row = await createDraft(tx, ctx, {
    hospitalId: c.hospitalId,
    patientId: c.patientId,
    source: 'consultation',
    sourceId: c.consultationId,
    departmentId: fee.departmentId,
    doctorProfileId: c.doctorProfileId,
    lines: [
      {
        ...base,
        kind: 'consultation',
        refId: c.consultationId,
        description: `Consultation - ${withDoctorTitle(doctor?.name ?? 'doctor')}`,
        discountKind: null,
        discountValue: null,
        discountReason: null,
        ...priceInvoiceLine(base),
      },
    ],
  });
  return row.id;
}

/** The final invoice of a pharmacy counter sale, its lines as the sale charged them. */
export async function billPharmacySale(tx: Tx, ctx: Ctx, saleId: string): Promise<string | null> {
  const sale = await repo.pharmacySale(tx, saleId);
  if (!sale || sale.lines.length === 0) return null;
  const existing = await repo.findBySource(tx, sale.hospitalId, 'pharmacy_sale', saleId);
  if (existing) return existing.id;
  const draft = await createDraft(tx, ctx, {
    hospitalId: sale.hospitalId,
    patientId: sale.patientId,
    source: 'pharmacy_sale',
    sourceId: saleId,
    lines: sale.lines.map((l) => {
      const base = { quantity: l.quantity, unitPriceMinor: l.unitPriceMinor, taxRateBp: l.taxRateBp };
      return {
        ...base,
        kind: 'medicine',
        refId: l.medicineId,
        description: l.label,
        discountKind: null,
        discountValue: null,
        discountReason: null,
        ...priceInvoiceLine(base),
      };
    }),
  });
  return (await finaliseDraft(tx, ctx, draft)).id;
}
