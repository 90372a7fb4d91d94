// Ward charges (ADR 14): a service from the price list given on an open stay is charged at the
// price and tax it has at that moment, in one transaction with its audit event; a retry with the
// same idempotency key returns the first charge. Until discharge a charge made in error is voided
// with a reason (kept, audited); after it the stay is billed, and a wrong charge is put right on
// the bill with a credit note. Charges are read by anyone who admits or nurses at the hospital.
import type {
  ChargeableServicePage,
  ChargeableServiceSearch,
  ChargeWardService,
  VoidWardCharge,
  WardCharge,
  WardChargeList,
} from '../../../contracts/ward-charges';
import type { Executor } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit, auditRead } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { sha256 } from '../../platform/crypto';
import { AppError, notFound } from '../../platform/errors';
import { hospitalFacts, priceInvoiceLine, servicesInUse, serviceToCharge } from '../billing';
import * as admissions from './nursing.repo';
import { authors, heldAdmission, iso, momentOf, replayed } from './nursing.service';
import * as repo from './service-charges.repo';

async function present(exec: Executor, admissionId: string, ids?: string[]): Promise<WardCharge[]> {
  const rows = await repo.listCharges(exec, admissionId, ids);
  const by = await authors(
    exec,
    rows.flatMap((r) => (r.voidedBy ? [r.chargedBy, r.voidedBy] : [r.chargedBy])),
  );
  return rows.map((r) => ({
    id: r.id,
    serviceId: r.serviceId,
    code: r.code,
    name: r.name,
    quantity: r.quantity,
    unitPriceMinor: r.unitPriceMinor,
    taxRateBp: r.taxRateBp,
    totalMinor: r.voidedAt ? 0 : priceInvoiceLine(r).totalMinor,
    givenAt: iso(r.givenAt),
    note: r.note,
    chargedBy: by(r.chargedBy),
    chargedAt: iso(r.createdAt),
    voided: r.voidedAt ? { at: iso(r.voidedAt), by: by(r.voidedBy!), reason: r.voidReason! } : null,
  }));
}

const billed = () =>
  new AppError(
    'INVALID_TRANSITION',
    'The patient has been discharged and the stay billed: a wrong charge is put right on the bill with a credit note.',
  );

export async function chargeService(
  ctx: Ctx,
  admissionId: string,
  input: ChargeWardService,
): Promise<WardCharge> {
  const hospitalId = requireHospital(ctx.actor);
  const { idempotencyKey, ...asked } = input;
  const hash = sha256(JSON.stringify({ admissionId, ...asked }));
  const chargeId = await ctx.db.transaction(async (tx) => {
    // Held (share) against a discharge, which bills the stay's charges, until this one commits.
    const admission = await heldAdmission(tx, hospitalId, admissionId);
    const earlier = await repo.findChargeByKey(tx, hospitalId, idempotencyKey);
    if (earlier) return replayed(earlier, admissionId, hash, 'charge');
    if (admission.status !== 'active') throw billed();
    const service = await serviceToCharge(tx, hospitalId, input.serviceId, 'body');
    const givenAt = momentOf(input.givenAt, admission.admittedAt, 'givenAt');
    const row = await repo.claimCharge(tx, {
      hospitalId,
      admissionId,
      serviceId: service.id,
      code: service.code,
      name: service.name,
      unitPriceMinor: service.priceMinor,
      taxRateBp: service.taxRateBp,
      quantity: input.quantity,
      givenAt,
      note: input.note || null,
      idempotencyKey,
      requestHash: hash,
      chargedBy: ctx.actor.userId,
    });
    // The same key claimed meanwhile by a request that has now committed: answer with its charge.
    if (!row) {
      return replayed(
        await repo.findChargeByKey(tx, hospitalId, idempotencyKey),
        admissionId,
        hash,
        'charge',
      );
    }
    await audit(tx, ctx, {
      action: 'wards.service.charged',
      entityType: 'admission_service_charge',
      entityId: row.id,
      patientId: admission.patientId,
      after: {
        admissionId,
        serviceId: service.id,
        code: service.code,
        quantity: input.quantity,
        unitPriceMinor: service.priceMinor,
        taxRateBp: service.taxRateBp,
        givenAt: iso(givenAt),
        note: row.note,
      },
    });
    return row.id;
  });
  return (await present(ctx.db, admissionId, [chargeId]))[0]!;
}

export async function voidCharge(
  ctx: Ctx,
  admissionId: string,
  chargeId: string,
  input: VoidWardCharge,
): Promise<WardCharge> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const admission = await heldAdmission(tx, hospitalId, admissionId);
    const [charge] = await repo.listCharges(tx, admissionId, [chargeId]);
    if (!charge) throw notFound('Charge');
    if (admission.status !== 'active') throw billed();
    const voided = await repo.voidCharge(tx, admissionId, chargeId, {
      by: ctx.actor.userId,
      reason: input.reason,
    });
    if (!voided) throw new AppError('INVALID_TRANSITION', 'That charge has already been voided.');
    await audit(tx, ctx, {
      action: 'wards.service.charge_voided',
      entityType: 'admission_service_charge',
      entityId: chargeId,
      patientId: admission.patientId,
      before: { voided: false },
      after: { voided: true, reason: input.reason },
    });
  });
  return (await present(ctx.db, admissionId, [chargeId]))[0]!;
}

/** Every charge of the stay, voided ones too, in the order given; the read is audited. */
export async function listCharges(ctx: Ctx, admissionId: string): Promise<WardChargeList> {
  const hospitalId = requireHospital(ctx.actor);
  const admission = await admissions.findAdmission(ctx.db, hospitalId, admissionId);
  if (!admission) throw notFound('Admission');
  // Independent reads on the pool: asked for together rather than one after the other.
  const [items, { currency }] = await Promise.all([
    present(ctx.db, admissionId),
    hospitalFacts(ctx.db, hospitalId),
  ]);
  await auditRead(ctx, {
    action: 'wards.service_charges.read',
    entityType: 'admission',
    entityId: admissionId,
    patientId: admission.patientId,
  });
  return { currency, items };
}

/** The price list's services in use, for choosing what to charge. */
export function chargeableServices(ctx: Ctx, q: ChargeableServiceSearch): Promise<ChargeableServicePage> {
  return servicesInUse(ctx.db, requireHospital(ctx.actor), q);
}
