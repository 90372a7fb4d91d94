// Emergency admission of an unidentified patient (POST /api/wards/admissions/emergency): the
// temporary record, its MRN and the admission into the bed in one transaction, so a bed taken
// meanwhile (409 BED_OCCUPIED) leaves no orphan record behind.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { EmergencyAdmission } from '../../../contracts/emergency';
import { Admission } from '../../../contracts/wards';
import { requireHospital } from '../../platform/auth/actor';
import { ctxOf, type Ctx } from '../../platform/context';
import { createTemporaryPatient } from '../patients';
import { admitIn, readOne } from './admissions.service';

export async function admitUnidentified(ctx: Ctx, input: EmergencyAdmission): Promise<Admission> {
  const hospitalId = requireHospital(ctx.actor);
  const id = await ctx.db.transaction(async (tx) => {
    const { patientId } = await createTemporaryPatient(tx, ctx, hospitalId, input.patient);
    return admitIn(tx, ctx, hospitalId, {
      patientId,
      bedId: input.bedId,
      source: 'emergency',
      reason: input.reason,
      overrideReservation: input.overrideReservation,
    });
  });
  return readOne(ctx.db, hospitalId, id);
}

export function emergencyRoutes(root: FastifyInstance): void {
  root.withTypeProvider<ZodTypeProvider>().post(
    '/api/wards/admissions/emergency',
    {
      config: { access: { anyOf: ['admissions:manage' as const] } },
      schema: {
        tags: ['wards'],
        operationId: 'admitUnidentifiedPatient',
        summary:
          'Admit someone whose details are not known yet: a temporary patient record (completed later at the front desk) and the admission in one step',
        body: EmergencyAdmission,
        response: { 201: Admission },
      },
    },
    async (req, reply) => reply.status(201).send(await admitUnidentified(ctxOf(req), req.body)),
  );
}
