// The lab's test catalog: list, read, add and change tests. Each test is billed as a service of
// the hospital's price list, which must be on it (and in use) when the test is added or moved to it;
// billing keeps the price. Every change is audited in its transaction.
import type {
  CreateLabTest,
  LabAnalyte,
  LabTest,
  LabTestPage,
  LabTestSearch,
  UpdateLabTest,
} from '../../../contracts/lab';
import type { ChargeableServicePage, ChargeableServiceSearch } from '../../../contracts/ward-charges';
import type { Executor } from '../../db/client';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { hospitalFacts, servicesInUse, serviceToCharge } from '../billing';
import * as repo from './lab.repo';

const toAnalyte = (a: repo.AnalyteRow): LabAnalyte => ({
  id: a.id,
  name: a.name,
  kind: a.kind as LabAnalyte['kind'],
  unit: a.unit,
  decimals: a.decimals,
  refLow: a.refLow,
  refHigh: a.refHigh,
  refLowFemale: a.refLowFemale,
  refHighFemale: a.refHighFemale,
  criticalLow: a.criticalLow,
  criticalHigh: a.criticalHigh,
});

async function present(exec: Executor, rows: repo.ListedTest[]): Promise<LabTest[]> {
  const analytes = await repo.analytesOf(
    exec,
    rows.map((r) => r.id),
  );
  return rows.map((t) => ({
    id: t.id,
    code: t.code,
    name: t.name,
    sampleType: t.sampleType as LabTest['sampleType'],
    turnaroundHours: t.turnaroundHours,
    instructions: t.instructions,
    service: {
      id: t.serviceId,
      code: t.serviceCode,
      name: t.serviceName,
      priceMinor: t.priceMinor,
      taxRateBp: t.taxRateBp,
      active: t.serviceActive,
    },
    active: t.active,
    analytes: analytes.filter((a) => a.testId === t.id).map(toAnalyte),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  }));
}

/** The active hospital's tests, those in use first, by code. */
export async function listTests(ctx: Ctx, q: LabTestSearch): Promise<LabTestPage> {
  const hospitalId = requireHospital(ctx.actor);
  const active = q.active === 'all' ? null : q.active === 'true';
  const [{ rows, total }, { currency }] = await Promise.all([
    repo.searchTests(ctx.db, hospitalId, { text: q.q, active, limit: q.limit, offset: q.offset }),
    hospitalFacts(ctx.db, hospitalId),
  ]);
  return { items: await present(ctx.db, rows), total, limit: q.limit, offset: q.offset, currency };
}

async function readTest(exec: Executor, hospitalId: string, id: string): Promise<LabTest> {
  const row = await repo.findListed(exec, hospitalId, id);
  if (!row) throw notFound('Lab test');
  return (await present(exec, [row]))[0]!;
}

export function getTest(ctx: Ctx, id: string): Promise<LabTest> {
  return readTest(ctx.db, requireHospital(ctx.actor), id);
}

export async function createTest(ctx: Ctx, input: CreateLabTest): Promise<LabTest> {
  const hospitalId = requireHospital(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    await serviceToCharge(tx, hospitalId, input.serviceId, 'body');
    const { analytes, ...fields } = input;
    const row = await repo.insertTest(tx, { hospitalId, ...fields });
    await repo.replaceAnalytes(tx, row.id, analytes);
    await audit(tx, ctx, {
      action: 'lab.test.created',
      entityType: 'lab_test',
      entityId: row.id,
      after: input,
    });
    return readTest(tx, hospitalId, row.id);
  });
}

export async function updateTest(ctx: Ctx, id: string, input: UpdateLabTest): Promise<LabTest> {
  const hospitalId = requireHospital(ctx.actor);
  return ctx.db.transaction(async (tx) => {
    const before = await repo.lockTest(tx, hospitalId, id);
    if (!before) throw notFound('Lab test');
    if (input.serviceId && input.serviceId !== before.serviceId) {
      await serviceToCharge(tx, hospitalId, input.serviceId, 'body');
    }
    const { analytes, ...fields } = input;
    const was = analytes ? (await repo.analytesOf(tx, [id])).map(toAnalyte) : undefined;
    if (Object.keys(fields).length > 0) await repo.updateTest(tx, id, fields);
    if (analytes) await repo.replaceAnalytes(tx, id, analytes);
    await audit(tx, ctx, {
      action: 'lab.test.updated',
      entityType: 'lab_test',
      entityId: id,
      before: {
        name: before.name,
        sampleType: before.sampleType,
        turnaroundHours: before.turnaroundHours,
        instructions: before.instructions,
        serviceId: before.serviceId,
        active: before.active,
        ...(was ? { analytes: was.map(({ id: _id, ...a }) => a) } : {}),
      },
      after: input,
    });
    return readTest(tx, hospitalId, id);
  });
}

/** The price list's services in use, to choose the one a test is billed as. */
export function billableServices(ctx: Ctx, q: ChargeableServiceSearch): Promise<ChargeableServicePage> {
  return servicesInUse(ctx.db, requireHospital(ctx.actor), q);
}
