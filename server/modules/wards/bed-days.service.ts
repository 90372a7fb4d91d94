// The running bill of a stay and the hospital's bed-day rule (ADR 14, "Bed-days and the bill"): the
// stays counted by the rule in the hospital's zone, grouped by ward and bed type at the rate each
// stay kept, plus the services charged, the lab tests ordered (ADR 30) and the medicines given on
// the ward; billing prices them the same way it will on the discharge's invoice.
import type {
  AdmissionCharges,
  BedDayCharge,
  DischargeCheck,
  UpdateWardBillingSettings,
  WardBillingSettings,
} from '../../../contracts/discharge';
import type { BedType } from '../../../contracts/wards';
import type { Executor } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit, auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { admissionInvoice, hospitalFacts, patientBalance, priceStay, type StayCharges } from '../billing';
import * as repo from './admissions.repo';
import { chargedDays, groupDays } from './bed-days';
import * as bills from './discharge.repo';
import { administeredForBill } from './nursing.repo';
import { chargesForBill } from './service-charges.repo';
import { labTestsForBill, ordersAwaitingSample } from './stay-lab.repo';

const BED_TYPE_NAMES: Record<BedType, string> = {
  standard: 'standard',
  semi_private: 'semi-private',
  private: 'private',
  icu: 'ICU',
  isolation: 'isolation',
  cot: 'cot',
};

type Grouped = Omit<BedDayCharge, 'totalMinor'>;

/** The stay's bed-days by the hospital's rule, counted up to `until` for a bed still held. */
export async function stayCharges(
  exec: Executor,
  hospitalId: string,
  admissionId: string,
  until: Date,
): Promise<{
  bedDays: Grouped[];
  charges: StayCharges;
  rule: WardBillingSettings['bedDayRule'];
  timeZone: string;
}> {
  // One after another: inside a transaction these share one connection.
  const stays = await bills.billStays(exec, admissionId);
  const { bedDayRule: rule, bedDayTaxRateBp: taxRateBp } = await bills.billingSettings(exec, hospitalId);
  const { timeZone } = await hospitalFacts(exec, hospitalId);
  const given = await administeredForBill(exec, hospitalId, admissionId);
  const services = await chargesForBill(exec, admissionId);
  const labTests = await labTestsForBill(exec, admissionId);
  const groups = groupDays(
    chargedDays(stays, rule, timeZone, until),
    (s) => ({ wardId: s.wardId, wardName: s.wardName, bedType: s.bedType }),
    (k) => `${k.wardId}|${k.bedType}`,
  );
  const bedDays = groups.map((g) => ({
    ...g.key,
    dailyRateMinor: g.dailyRateMinor,
    taxRateBp,
    days: g.days,
    from: g.from,
    to: g.to,
  }));
  const quantities = new Map<string, number>();
  for (const g of given) quantities.set(g.medicineId, (quantities.get(g.medicineId) ?? 0) + g.quantity);
  return {
    bedDays,
    rule,
    timeZone,
    charges: {
      bedDays: bedDays.map((b) => ({
        description: `Bed-days, ${b.wardName} (${BED_TYPE_NAMES[b.bedType]} bed), ${b.from === b.to ? b.from : `${b.from} to ${b.to}`}`,
        days: b.days,
        dailyRateMinor: b.dailyRateMinor,
        taxRateBp: b.taxRateBp,
      })),
      services: services.map(({ name, ...s }) => ({ ...s, description: name })),
      labTests,
      medicines: [...quantities].map(([medicineId, quantity]) => ({ medicineId, quantity })),
    },
  };
}

/**
 * What the patient owes at the hospital, given the stay's charges not yet invoiced, and, while they
 * are in, the lab orders whose samples are awaited (which hold up the discharge).
 */
export async function checkOf(
  exec: Executor,
  hospitalId: string,
  a: { id: string; patientId: string; status: string },
  unbilledMinor: number,
): Promise<DischargeCheck> {
  const balance = await patientBalance(exec, hospitalId, a.patientId);
  const invoice = await admissionInvoice(exec, hospitalId, a.id);
  const labOrdersAwaitingSample = a.status === 'active' ? await ordersAwaitingSample(exec, a.id) : [];
  const owedMinor = balance.outstandingMinor + unbilledMinor;
  const fromAdvanceMinor = Math.min(balance.advanceMinor, owedMinor);
  return {
    admissionId: a.id,
    currency: balance.currency,
    unbilledMinor,
    admissionInvoice: invoice,
    openInvoices: balance.openInvoices,
    draftInvoices: balance.draftInvoices,
    outstandingMinor: balance.outstandingMinor,
    advanceMinor: balance.advanceMinor,
    owedMinor,
    fromAdvanceMinor,
    toCollectMinor: owedMinor - fromAdvanceMinor,
    labOrdersAwaitingSample,
  };
}

/** The stay's bill so far (to the discharge, once discharged) and what the patient owes here. */
export async function admissionCharges(ctx: Ctx, id: string): Promise<AdmissionCharges> {
  const hospitalId = requireHospital(ctx.actor);
  const admission = await repo.findAdmission(ctx.db, hospitalId, id);
  if (!admission) throw notFound('Admission');
  const countedTo = admission.dischargedAt ?? new Date();
  const stay = await stayCharges(ctx.db, hospitalId, id, countedTo);
  const priced = await priceStay(ctx.db, hospitalId, stay.charges);
  const discharged = admission.status === 'discharged';
  const check = await checkOf(ctx.db, hospitalId, admission, discharged ? 0 : priced.totals.totalMinor);
  await auditRead(ctx, {
    action: 'wards.admission.charges_read',
    entityType: 'admission',
    entityId: id,
    patientId: admission.patientId,
  });
  const line = (l: (typeof priced.lines)[number]) => ({
    name: l.description,
    quantity: l.quantity,
    unitPriceMinor: l.unitPriceMinor,
    taxRateBp: l.taxRateBp,
    totalMinor: l.totalMinor,
  });
  return {
    admissionId: id,
    status: admission.status as AdmissionCharges['status'],
    currency: check.currency,
    bedDayRule: stay.rule,
    timeZone: stay.timeZone,
    countedTo: new Date(countedTo).toISOString(),
    bedDays: stay.bedDays.map((b, i) => ({ ...b, totalMinor: priced.lines[i]!.totalMinor })),
    services: priced.lines.flatMap((l) =>
      l.kind === 'service' ? [{ serviceId: l.refId!, ...line(l) }] : [],
    ),
    medicines: priced.lines.flatMap((l) =>
      l.kind === 'medicine' ? [{ medicineId: l.refId!, ...line(l) }] : [],
    ),
    netMinor: priced.totals.netMinor,
    taxMinor: priced.totals.taxMinor,
    totalMinor: priced.totals.totalMinor,
    check,
  };
}

export async function getBillingSettings(ctx: Ctx): Promise<WardBillingSettings> {
  return bills.billingSettings(ctx.db, requireHospital(ctx.actor));
}

/**
 * Chooses how the hospital counts bed-days, and their tax, from now on (stays still open are billed
 * by them at discharge); invoices already made keep theirs.
 */
export async function updateBillingSettings(
  ctx: Ctx,
  input: UpdateWardBillingSettings,
): Promise<WardBillingSettings> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const before = await bills.billingSettings(tx, hospitalId);
    await bills.setBillingSettings(tx, hospitalId, { ...before, ...input }, ctx.actor.userId);
    await audit(tx, ctx, {
      action: 'wards.billing_settings_changed',
      entityType: 'hospital',
      entityId: hospitalId,
      before,
      after: input,
    });
  });
  return getBillingSettings(ctx);
}
