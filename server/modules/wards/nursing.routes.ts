import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common';
import {
  MedicationAdministration,
  MedicationAdministrationList,
  NursingNote,
  NursingNoteList,
  RecordAdministration,
  RecordVitals,
  VitalsChart,
  VitalsReading,
  WriteNursingNote,
} from '../../../contracts/nursing';
import { ctxOf } from '../../platform/context';
import * as mar from './nursing.mar.service';
import * as nursing from './nursing.service';

const tags = ['wards'];
const NoQuery = z.strictObject({});
/** Nurses and doctors; not the front desk, which admits and discharges but does not nurse. */
const config = { access: { anyOf: ['nursing:record' as const] } };

/** A ward stay's nursing record: vitals, nursing notes and the medication administration record. */
export function nursingRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/wards/admissions/:id/vitals',
    {
      config,
      schema: {
        tags,
        operationId: 'getAdmissionVitals',
        summary: 'Every set of vital signs charted on the stay, oldest first',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: VitalsChart },
      },
    },
    async (req) => nursing.vitalsChart(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/wards/admissions/:id/vitals',
    {
      config,
      schema: {
        tags,
        operationId: 'recordAdmissionVitals',
        summary:
          'Chart a set of vital signs on an open stay (taken now unless said; never in the future or before admission)',
        params: IdParams,
        body: RecordVitals,
        response: { 201: VitalsReading },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await nursing.recordVitals(ctxOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/wards/admissions/:id/notes',
    {
      config,
      schema: {
        tags,
        operationId: 'listNursingNotes',
        summary: 'Every nursing note of the stay, oldest first, with the notes correcting each',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: NursingNoteList },
      },
    },
    async (req) => nursing.listNotes(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/wards/admissions/:id/notes',
    {
      config,
      schema: {
        tags,
        operationId: 'writeNursingNote',
        summary:
          'Add a nursing note to an open stay; notes are never changed, a correction is a new note naming the one it corrects',
        params: IdParams,
        body: WriteNursingNote,
        response: { 201: NursingNote },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await nursing.writeNote(ctxOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/wards/admissions/:id/medications',
    {
      config,
      schema: {
        tags,
        operationId: 'listMedicationAdministrations',
        summary:
          'The medication administration record of the stay, oldest first, with batches and who gave them',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: MedicationAdministrationList },
      },
    },
    async (req) => mar.listAdministrations(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/wards/admissions/:id/medications',
    {
      config,
      schema: {
        tags,
        operationId: 'recordMedicationAdministration',
        summary:
          "Record a dose given (taken from the ward's store, first expiry first) or not given (refused, held, unavailable, with the reason)",
        params: IdParams,
        body: RecordAdministration,
        response: { 201: MedicationAdministration },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await mar.recordAdministration(ctxOf(req), req.params.id, req.body)),
  );
}
