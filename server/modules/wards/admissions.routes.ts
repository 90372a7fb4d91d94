import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Paging } from '../../../contracts/common';
import { OwnStayPage } from '../../../contracts/discharge';
import {
  Admission,
  AdmissionPage,
  AdmissionSearch,
  AdmitPatient,
  BedBoard,
  TransferPatient,
} from '../../../contracts/wards';
import { ctxOf } from '../../platform/context';
import * as admissions from './admissions.service';
import { bedBoard } from './board.service';
import { ownStays } from './mine.service';

const tags = ['wards'];
const NoQuery = z.strictObject({});
const manage = { access: { anyOf: ['admissions:manage' as const] } };

/**
 * The bed board, admitting and transferring patients (discharge: discharge.routes.ts), and the
 * patient's own stays.
 */
export function admissionRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/wards/board',
    {
      config: { access: { anyOf: ['beds:read' as const] } },
      schema: {
        tags,
        operationId: 'getBedBoard',
        summary:
          'Every open ward with its beds, their state and patient, and the free beds by ward and bed type',
        querystring: NoQuery,
        response: { 200: BedBoard },
      },
    },
    async (req) => bedBoard(ctxOf(req)),
  );

  app.get(
    '/api/wards/admissions',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'listAdmissions',
        summary: "The hospital's admissions, newest first (open ones by default)",
        querystring: AdmissionSearch,
        response: { 200: AdmissionPage },
      },
    },
    async (req) => admissions.listAdmissions(ctxOf(req), req.query),
  );

  app.post(
    '/api/wards/admissions',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'admitPatient',
        summary:
          'Admit a patient registered here into a free bed, from a consultation, the front desk or as an emergency (409 BED_OCCUPIED, CONFLICT when already admitted)',
        body: AdmitPatient,
        response: { 201: Admission },
      },
    },
    async (req, reply) => reply.status(201).send(await admissions.admit(ctxOf(req), req.body)),
  );

  app.get(
    '/api/wards/admissions/:id',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'getAdmission',
        summary: 'An admission with every bed of the stay',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: Admission },
      },
    },
    async (req) => admissions.getAdmission(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/wards/admissions/:id/transfer',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'transferPatient',
        summary:
          'Move an admitted patient to another free bed; the old bed goes to cleaning (409 BED_OCCUPIED: nothing changes)',
        params: IdParams,
        body: TransferPatient,
        response: { 200: Admission },
      },
    },
    async (req) => admissions.transfer(ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/me/admissions',
    {
      config: { access: { anyOf: ['own-record:read'] } },
      schema: {
        tags,
        operationId: 'listOwnAdmissions',
        summary:
          'My stays in hospital at every hospital, newest first: hospital, ward and bed, times, attending doctor, and the discharge summary PDF once discharged',
        querystring: Paging,
        response: { 200: OwnStayPage },
      },
    },
    async (req) => ownStays(ctxOf(req), req.query),
  );
}
