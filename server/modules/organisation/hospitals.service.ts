import type {
  CreateHospital,
  Hospital,
  HospitalQuery,
  PublicHospital,
  UpdateHospital,
} from '../../../contracts/organisation';
import type { Db, Executor } from '../../db/client';
import { audit, diff } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, constraintName, notFound, sqlState, UNIQUE_VIOLATION } from '../../platform/errors';
import { toHospital } from './organisation.dto';
import * as repo from './organisation.repo';
import { administers, canSeeHospital, isPlatformAdmin, memberHospitalIds } from './organisation.scope';

/** The hospitals the caller works at; a platform admin sees all of them, active or not. */
export async function listHospitals(
  ctx: Ctx,
  q: HospitalQuery,
): Promise<{ items: Hospital[]; total: number; limit: number; offset: number }> {
  const ids = isPlatformAdmin(ctx.actor) ? undefined : memberHospitalIds(ctx.actor);
  const { rows, total } = await repo.listHospitals(ctx.db, { ids, q: q.q }, q);
  return { items: rows.map(toHospital), total, limit: q.limit, offset: q.offset };
}

/** One hospital the caller works at (or any, for a platform admin); others answer 404. */
export async function getHospital(ctx: Ctx, id: string): Promise<Hospital> {
  const row = canSeeHospital(ctx.actor, id) ? await repo.findHospital(ctx.db, id) : undefined;
  if (!row) throw notFound('Hospital');
  return toHospital(row);
}

function codeTaken(code: string): AppError {
  return new AppError('HOSPITAL_CODE_TAKEN', `Another hospital already uses the code ${code}.`, {
    errors: [{ path: 'body.code', message: 'Already in use' }],
  });
}

/** Adds a hospital to the installation (platform admins). */
export async function createHospital(ctx: Ctx, input: CreateHospital): Promise<Hospital> {
  try {
    return await ctx.db.transaction(async (tx) => {
      if (await repo.findHospitalByCode(tx, input.code)) throw codeTaken(input.code);
      const row = await repo.insertHospital(tx, {
        code: input.code,
        name: input.name,
        addressLine: input.address,
        city: input.city,
        country: input.country,
        phone: input.phone,
        email: input.email,
        timeZone: input.timeZone,
        currency: input.currency,
      });
      const dto = toHospital(row);
      await audit(tx, ctx, {
        action: 'hospital.created',
        entityType: 'hospital',
        entityId: row.id,
        hospitalId: row.id,
        after: dto,
      });
      return dto;
    });
  } catch (err) {
    // Two admins creating the same code at once: the unique key decides.
    if (sqlState(err) === UNIQUE_VIOLATION && constraintName(err) === 'hospitals_code_unique')
      throw codeTaken(input.code);
    throw err;
  }
}

/**
 * Edits a hospital. Its hospital admin may change the details and the staff 2FA rule; only a
 * platform admin may deactivate or reactivate it.
 */
export async function updateHospital(ctx: Ctx, id: string, input: UpdateHospital): Promise<Hospital> {
  if (!canSeeHospital(ctx.actor, id)) throw notFound('Hospital');
  if (!administers(ctx.actor, id))
    throw new AppError('FORBIDDEN', 'Only this hospital’s admin, acting in it, can change it.');
  if (input.active !== undefined && !isPlatformAdmin(ctx.actor)) {
    throw new AppError('FORBIDDEN', 'Only a platform admin can deactivate or reactivate a hospital.');
  }
  return ctx.db.transaction(async (tx) => {
    const before = await repo.lockHospital(tx, id);
    if (!before) throw notFound('Hospital');
    const { address, ...rest } = input;
    const row = await repo.updateHospital(tx, id, {
      ...rest,
      ...(address === undefined ? {} : { addressLine: address }),
    });
    const { updatedAt: _b, ...b } = toHospital(before);
    const { updatedAt: _a, ...a } = toHospital(row);
    const change = diff(b, a);
    const action =
      input.active === false
        ? 'hospital.deactivated'
        : input.active === true
          ? 'hospital.reactivated'
          : 'hospital.updated';
    await audit(tx, ctx, { action, entityType: 'hospital', entityId: id, hospitalId: id, ...change });
    return toHospital(row);
  });
}

/** Active hospitals and their active departments, for the landing page and the doctor sign-up form. */
export async function listPublicHospitals(db: Db): Promise<PublicHospital[]> {
  const rows = await repo.listActiveHospitalsWithDepartments(db);
  return rows.map(({ hospital: h, departments }) => ({
    id: h.id,
    name: h.name,
    city: h.city,
    country: h.country,
    departments,
  }));
}

/** What other modules need to know of a hospital: its name, time zone and currency. */
export interface HospitalInfo {
  id: string;
  code: string;
  name: string;
  timeZone: string;
  currency: string;
  active: boolean;
  requireStaffTwoFactor: boolean;
}

/** A hospital's settings for other modules (times shown in its zone, money in its currency); null if unknown. */
export async function findHospitalInfo(exec: Executor, id: string): Promise<HospitalInfo | null> {
  const h = await repo.findHospital(exec, id);
  if (!h) return null;
  return {
    id: h.id,
    code: h.code,
    name: h.name,
    timeZone: h.timeZone,
    currency: h.currency,
    active: h.active,
    requireStaffTwoFactor: h.requireStaffTwoFactor,
  };
}
