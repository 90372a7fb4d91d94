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
import { admissionServiceCharges } from '../../modules/wards/service-charges.tables';
import type { Tx } from '../client';
import type { PricedService } from './demo-prices';
import { newId } from '../ids';

export interface DischargedStay {
  admissionId: string;
  patientId: string;
  dischargedAt: Date;
}

/** A service given on a ward (a code of the hospital's price list). */
export interface DemoWardCharge {
  admissionId: string;
  code: string;
  quantity: number;
  givenAt: Date;
}

/**
 * The wards' services as the nurse charges them: priced from the price list as it stands, written
 * before the stays' bills so that those of discharged stays carry them.
 */
export async function writeWardCharges(
  tx: Tx,
  o: {
    hospitalId: string;
    nurse: string;
    charges: DemoWardCharge[];
    service: (code: string) => PricedService;
  },
): Promise<void> {
  if (o.charges.length === 0) return;
  await tx.insert(admissionServiceCharges).values(
    o.charges.map((c, i) => {
      const s = o.service(c.code);
      const idempotencyKey = `demo-ward-charge-${c.admissionId}-${i}`;
      return {
        id: newId(),
        hospitalId: o.hospitalId,
        admissionId: c.admissionId,
        serviceId: s.id,
        code: s.code,
        name: s.name,
        unitPriceMinor: s.priceMinor,
        taxRateBp: s.taxRateBp,
        quantity: c.quantity,
        givenAt: c.givenAt,
        idempotencyKey,
        requestHash: idempotencyKey,
        chargedBy: o.nurse,
        createdAt: c.givenAt,
      };
    }),
  );
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
