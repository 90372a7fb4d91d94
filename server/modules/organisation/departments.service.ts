import type {
  CreateDepartment,
  Department,
  DepartmentQuery,
  UpdateDepartment,
} from '../../../contracts/organisation';
import type { Executor } from '../../db/client';
import { audit, diff } from '../../platform/audit/audit.service';
import { requireHospital } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';
import { AppError, constraintName, notFound, sqlState, UNIQUE_VIOLATION } from '../../platform/errors';
import { toDepartment } from './organisation.dto';
import * as repo from './organisation.repo';

function nameTaken(name: string): AppError {
  return new AppError('DEPARTMENT_EXISTS', `This hospital already has a department called “${name}”.`, {
    errors: [{ path: 'body.name', message: 'Already in use' }],
  });
}

/** Runs a change, turning a race on the (hospital, lower(name)) key into the same 409 the pre-check gives. */
async function guardName<T>(name: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (name && sqlState(err) === UNIQUE_VIOLATION && constraintName(err) === 'departments_hospital_name_uq')
      throw nameTaken(name);
    throw err;
  }
}

/** The active hospital's departments, by name; `active` filters. */
export async function listDepartments(ctx: Ctx, q: DepartmentQuery): Promise<Department[]> {
  const rows = await repo.listDepartments(ctx.db, requireHospital(ctx.actor), q.active);
  return rows.map(toDepartment);
}

/** Adds a department to the active hospital; names are unique per hospital, ignoring case. */
export async function createDepartment(ctx: Ctx, input: CreateDepartment): Promise<Department> {
  const hospitalId = requireHospital(ctx.actor);
  return guardName(input.name, () =>
    ctx.db.transaction(async (tx) => {
      if (await repo.findDepartmentByName(tx, hospitalId, input.name)) throw nameTaken(input.name);
      const row = await repo.insertDepartment(tx, {
        hospitalId,
        name: input.name,
        description: input.description,
      });
      const dto = toDepartment(row);
      await audit(tx, ctx, {
        action: 'department.created',
        entityType: 'department',
        entityId: row.id,
        after: dto,
      });
      return dto;
    }),
  );
}

/** Renames, describes, deactivates or reactivates one of the active hospital's departments. */
export async function updateDepartment(ctx: Ctx, id: string, input: UpdateDepartment): Promise<Department> {
  const hospitalId = requireHospital(ctx.actor);
  return guardName(input.name, () =>
    ctx.db.transaction(async (tx) => {
      const before = await repo.findDepartmentInHospital(tx, hospitalId, id);
      if (!before) throw notFound('Department');
      if (input.name && (await repo.findDepartmentByName(tx, hospitalId, input.name, id)))
        throw nameTaken(input.name);
      const row = await repo.updateDepartment(tx, id, input);
      const { updatedAt: _b, ...b } = toDepartment(before);
      const { updatedAt: _a, ...a } = toDepartment(row);
      await audit(tx, ctx, {
        action: 'department.updated',
        entityType: 'department',
        entityId: id,
        ...diff(b, a),
      });
      return toDepartment(row);
    }),
  );
}

/**
 * Whether a department belongs to a hospital (and, with `activeOnly`, is in use): for other modules
 * that accept a department id from a request.
 */
export async function departmentBelongsToHospital(
  exec: Executor,
  hospitalId: string,
  departmentId: string,
  opts: { activeOnly?: boolean } = {},
): Promise<boolean> {
  const row = await repo.findDepartmentInHospital(exec, hospitalId, departmentId);
  return !!row && (!opts.activeOnly || row.active);
}
