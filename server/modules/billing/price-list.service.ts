// The hospital's price list: services with their price and tax, and the consultation fee of a
// department, which replaces its doctors' own fees (the fee on each doctor's profile) when set.
import type {
  BillingService,
  BillingServiceSearch,
  CreateBillingService,
  DepartmentFee,
  SetDepartmentFee,
  UpdateBillingService,
} from '../../../contracts/price-list';
import type { Executor } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { departmentBelongsToHospital, findBookableDoctor } from '../organisation';
import * as repo from './price-list.repo';

const toService = (r: repo.ServiceRow): BillingService => ({
  id: r.id,
  code: r.code,
  name: r.name,
  priceMinor: r.priceMinor,
  taxRateBp: r.taxRateBp,
  active: r.active,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** The active hospital's services, active ones first, by code. */
export async function listServices(ctx: Ctx, q: BillingServiceSearch) {
  const hospitalId = requireHospital(ctx.actor);
  const active = q.active === 'all' ? null : q.active === 'true';
  const [{ rows, total }, hospital] = await Promise.all([
    repo.searchServices(ctx.db, hospitalId, { text: q.q, active, limit: q.limit, offset: q.offset }),
    repo.hospitalFacts(ctx.db, hospitalId),
  ]);
  return { items: rows.map(toService), total, limit: q.limit, offset: q.offset, currency: hospital.currency };
}

export async function createService(ctx: Ctx, input: CreateBillingService): Promise<BillingService> {
  const hospitalId = requireHospital(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertService(tx, { hospitalId, ...input });
    await audit(tx, ctx, {
      action: 'billing.service.created',
      entityType: 'billing_service',
      entityId: row.id,
      after: input,
    });
    return toService(row);
  });
}

export async function updateService(
  ctx: Ctx,
  id: string,
  input: UpdateBillingService,
): Promise<BillingService> {
  const hospitalId = requireHospital(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findService(tx, hospitalId, id, true);
    if (!before) throw notFound('Service');
    const row = await repo.updateService(tx, id, input);
    await audit(tx, ctx, {
      action: 'billing.service.updated',
      entityType: 'billing_service',
      entityId: id,
      before: {
        name: before.name,
        priceMinor: before.priceMinor,
        taxRateBp: before.taxRateBp,
        active: before.active,
      },
      after: input,
    });
    return toService(row);
  });
}

/** Every department of the active hospital with the consultation fee set for it, if any. */
export async function listDepartmentFees(ctx: Ctx): Promise<{ items: DepartmentFee[]; currency: string }> {
  const hospitalId = requireHospital(ctx.actor);
  const [rows, hospital] = await Promise.all([
    repo.departmentFees(ctx.db, hospitalId),
    repo.hospitalFacts(ctx.db, hospitalId),
  ]);
  return {
    items: rows.map((r) => ({ ...r, updatedAt: r.updatedAt?.toISOString() ?? null })),
    currency: hospital.currency,
  };
}

async function departmentHere(exec: Executor, hospitalId: string, departmentId: string) {
  if (!(await departmentBelongsToHospital(exec, hospitalId, departmentId))) throw notFound('Department');
}

export async function setDepartmentFee(
  ctx: Ctx,
  departmentId: string,
  input: SetDepartmentFee,
): Promise<{ items: DepartmentFee[]; currency: string }> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    await departmentHere(tx, hospitalId, departmentId);
    const before = await repo.departmentFee(tx, hospitalId, departmentId);
    await repo.setDepartmentFee(tx, { hospitalId, departmentId, ...input, updatedBy: ctx.actor.userId });
    await audit(tx, ctx, {
      action: 'billing.department_fee.set',
      entityType: 'department',
      entityId: departmentId,
      before: before ? { feeMinor: before.feeMinor, taxRateBp: before.taxRateBp } : null,
      after: input,
    });
  });
  return listDepartmentFees(ctx);
}

export async function clearDepartmentFee(
  ctx: Ctx,
  departmentId: string,
): Promise<{ items: DepartmentFee[]; currency: string }> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    await departmentHere(tx, hospitalId, departmentId);
    const before = await repo.departmentFee(tx, hospitalId, departmentId);
    if (!before) throw notFound('Department fee');
    await repo.clearDepartmentFee(tx, hospitalId, departmentId);
    await audit(tx, ctx, {
      action: 'billing.department_fee.cleared',
      entityType: 'department',
      entityId: departmentId,
      before: { feeMinor: before.feeMinor, taxRateBp: before.taxRateBp },
    });
  });
  return listDepartmentFees(ctx);
}

export interface ConsultationFee {
  feeMinor: number;
  taxRateBp: number;
  departmentId: string | null;
  /** Where the fee came from. */
  from: 'department' | 'doctor';
}

/**
 * What a consultation with the doctor costs: the fee the hospital set for the doctor's department
 * if it set one, else the doctor's own (untaxed: outpatient care is exempt from GST in India, and
 * a department fee states its tax where one applies). Null for a doctor who is not bookable here.
 */
export async function consultationFee(
  exec: Executor,
  hospitalId: string,
  doctorProfileId: string,
): Promise<ConsultationFee | null> {
  const doctor = await findBookableDoctor(exec, hospitalId, doctorProfileId);
  if (!doctor) return null;
  const department = doctor.departmentId
    ? await repo.departmentFee(exec, hospitalId, doctor.departmentId)
    : null;
  if (department) {
    return {
      feeMinor: department.feeMinor,
      taxRateBp: department.taxRateBp,
      departmentId: doctor.departmentId,
      from: 'department',
    };
  }
  return {
    feeMinor: doctor.consultationFeeMinor,
    taxRateBp: 0,
    departmentId: doctor.departmentId,
    from: 'doctor',
  };
}

/** Refuses a line priced from a service that is out of use. */
export function serviceInUse(s: repo.ServiceRow, path: string): void {
  if (!s.active) {
    throw new AppError('RULE_VIOLATION', `${s.name} is no longer on the price list.`, {
      errors: [{ path: `${path}.serviceId`, message: 'Out of use' }],
    });
  }
}

/**
 * A page of the hospital's services in use whose code or name holds `q`, by code, with the
 * currency: what another module's screen offers to choose from (a ward's charges, a lab test's
 * billing), through that module's own route and permission.
 */
export async function servicesInUse(
  exec: Executor,
  hospitalId: string,
  q: { q?: string; limit: number; offset: number },
) {
  const [{ rows, total }, { currency }] = await Promise.all([
    repo.searchServices(exec, hospitalId, { text: q.q, limit: q.limit, offset: q.offset, active: true }),
    repo.hospitalFacts(exec, hospitalId),
  ]);
  return {
    items: rows.map(({ id, code, name, priceMinor, taxRateBp }) => ({
      id,
      code,
      name,
      priceMinor,
      taxRateBp,
    })),
    total,
    limit: q.limit,
    offset: q.offset,
    currency,
  };
}

/**
 * A service to charge now: on this hospital's price list (else 404) and in use (else 422), with
 * its price and tax at this moment. `path` names the field that chose it.
 */
export async function serviceToCharge(exec: Executor, hospitalId: string, id: string, path: string) {
  const s = await repo.findService(exec, hospitalId, id);
  if (!s) {
    throw new AppError('NOT_FOUND', 'Service not found.', {
      errors: [{ path: `${path}.serviceId`, message: 'Not on the price list' }],
    });
  }
  serviceInUse(s, path);
  return s;
}
