// Occupancy: the ward-by-ward picture now and the census over the last days (GET
// /api/wards/occupancy), and the dashboard's bed figures. Counts only, no patient data.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { OccupancyQuery, OccupancyReport } from '../../../contracts/ward-occupancy';
import type { WardKind } from '../../../contracts/wards';
import { requireHospital } from '../../platform/auth/actor';
import { ctxOf, type Ctx } from '../../platform/context';
import type { DashboardSource } from '../module';
import * as repo from './occupancy.repo';

export async function occupancyReport(ctx: Ctx, days: number): Promise<OccupancyReport> {
  const hospitalId = requireHospital(ctx.actor);
  const [wards, byDay, figures] = await Promise.all([
    repo.bedsByWard(ctx.db, hospitalId),
    repo.occupancyByDay(ctx.db, hospitalId, days),
    repo.admissionFigures(ctx.db, hospitalId, days),
  ]);
  return {
    wards: wards.map((w) => ({
      wardId: w.ward_id,
      name: w.name,
      kind: w.kind as WardKind,
      beds: w.beds,
      occupied: w.occupied,
      available: w.available,
      reserved: w.reserved,
      cleaning: w.cleaning,
      maintenance: w.maintenance,
    })),
    days: byDay,
    admittedToday: figures.admitted_today,
    dischargedToday: figures.discharged_today,
    averageStayDays:
      figures.average_days === null ? null : Math.round(Number(figures.average_days) * 10) / 10,
  };
}

export function occupancyRoutes(root: FastifyInstance): void {
  root.withTypeProvider<ZodTypeProvider>().get(
    '/api/wards/occupancy',
    {
      config: { access: { anyOf: ['beds:read' as const] } },
      schema: {
        tags: ['wards'],
        operationId: 'getWardOccupancy',
        summary:
          'Beds by state in each open ward, patients in a bed at each midnight census of the last days, admissions and discharges today',
        querystring: OccupancyQuery,
        response: { 200: OccupancyReport },
      },
    },
    async (req) => occupancyReport(ctxOf(req), req.query.days),
  );
}

/** Beds occupied and free now, at the active hospital. */
export const wardFigures: DashboardSource = {
  keys: ['bedsOccupied', 'bedsFree'],
  async load(ctx, _wanted, hospital) {
    if (!hospital) return {};
    const c = await repo.bedCounts(ctx.db, hospital.id);
    return { bedsOccupied: c.occupied, bedsFree: c.free };
  },
};
