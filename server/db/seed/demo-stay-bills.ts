// The bills of the demo's discharged ward stays, made as a discharge makes them (bed-days by the
// hospital's rule, medicines given on the ward) and paid at the desk, all but the last one, which
// is still owed. demo-billing.ts writes them in date order with the month's other bills.
import type { Ctx } from '../../platform/context';
import {
  createDraft,
  finaliseDraft,
  lockInvoice,
  priceStay,
  requestHash,
  takePayment,
} from '../../modules/billing';
import { stayCharges } from '../../modules/wards';
import type { Tx } from '../client';

export interface DischargedStay {
  admissionId: string;
  patientId: string;
  dischargedAt: Date;
}

/** One bill per stay, to hand to writeDemoBilling as `otherBills`. */
export function stayBills(tx: Tx, hospitalId: string, stays: DischargedStay[]) {
  const last = [...stays].sort((a, b) => b.dischargedAt.getTime() - a.dischargedAt.getTime())[0];
  return stays.map((s) => ({
    at: s.dischargedAt,
    write: async (desk: Ctx) => {
      const { charges } = await stayCharges(tx, hospitalId, s.admissionId, s.dischargedAt);
      const { lines } = await priceStay(tx, hospitalId, charges);
      const draft = await createDraft(tx, desk, {
        hospitalId,
        patientId: s.patientId,
        source: 'admission',
        sourceId: s.admissionId,
        notes: 'In-patient stay',
        lines: lines.map((l) => ({ ...l, discountKind: null, discountValue: null, discountReason: null })),
      });
      const invoice = await finaliseDraft(tx, desk, draft, { mail: false });
      if (s !== last) {
        const input = {
          idempotencyKey: `demo-stay-payment-${s.admissionId}`,
          method: 'card' as const,
          amountMinor: invoice.balanceMinor,
          advance: false,
        };
        const row = (await lockInvoice(tx, hospitalId, invoice.id))!;
        await takePayment(tx, desk, row, input, requestHash({ invoiceId: invoice.id, ...input }));
      }
      return invoice.id;
    },
  }));
}
