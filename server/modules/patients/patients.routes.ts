import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common';
import {
  AccessLogPage,
  CreatePatient,
  HistoryQuery,
  MergeTemporaryPatient,
  Patient,
  PatientPage,
  PatientSearch,
  RegisterExistingPerson,
  RegistrationResult,
  TimelinePage,
  UpdatePatient,
} from '../../../contracts/patients';
import { ctxOf } from '../../platform/context';
import { clinicalRoutes } from './clinical.routes';
import { patientAccessLog, patientTimeline } from './history.service';
import { mergeTemporaryPatient } from './merge.service';
import { getOwnRecord, getPatient, updatePatient } from './record.service';
import { registerExistingPerson, registerNewPatient } from './registration.service';
import { searchPatients } from './search.service';

const tags = ['patients'];
// Unknown query parameters are refused like unknown body fields.
const NoQuery = z.strictObject({});

/** Registration, search, the record itself, its allergies and conditions, timeline and access log. */
export function patientRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/patients',
    {
      config: { access: { anyOf: ['patients:create'] } },
      schema: {
        tags,
        summary:
          'Register a new patient at the active hospital (409 POSSIBLE_DUPLICATE lists likely matches)',
        body: CreatePatient,
        response: { 201: Patient },
      },
    },
    async (req, reply) => reply.status(201).send(await registerNewPatient(ctxOf(req), req.body)),
  );

  app.post(
    '/api/patients/register-existing',
    {
      config: { access: { anyOf: ['patients:create'] } },
      schema: {
        tags,
        summary:
          'Register at the active hospital a person already known to Hospitium, found by a similar name ' +
          'and their e-mail, or their date of birth and phone (never by id)',
        // The hospital is the one the caller acts in, never one named in the body.
        body: RegisterExistingPerson,
        response: { 201: RegistrationResult },
      },
    },
    async (req, reply) => reply.status(201).send(await registerExistingPerson(ctxOf(req), req.body)),
  );

  app.get(
    '/api/patients',
    {
      config: { access: { anyOf: ['patients:read'] } },
      schema: {
        tags,
        summary: "Search the active hospital's patients by name (typo-tolerant), phone or MRN",
        querystring: PatientSearch,
        response: { 200: PatientPage },
      },
    },
    async (req) => searchPatients(ctxOf(req), req.query),
  );

  app.get(
    '/api/patients/me',
    {
      config: { access: { anyOf: ['own-record:read'] } },
      schema: {
        tags,
        summary: "The signed-in patient's own record",
        querystring: NoQuery,
        response: { 200: Patient },
      },
    },
    async (req) => getOwnRecord(ctxOf(req)),
  );

  app.get(
    '/api/patients/:id',
    {
      config: { access: { anyOf: ['patients:read', 'own-record:read'] } },
      schema: {
        tags,
        summary: 'A patient record (staff: registered at their hospital; patients: their own)',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: Patient },
      },
    },
    async (req) => getPatient(ctxOf(req), req.params.id),
  );

  app.patch(
    '/api/patients/:id',
    {
      config: { access: { anyOf: ['patients:update', 'own-record:update'] } },
      schema: {
        tags,
        summary: 'Change demographics (staff) or contact details (the patient themself)',
        params: IdParams,
        body: UpdatePatient,
        response: { 200: Patient },
      },
    },
    async (req) => updatePatient(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/patients/:id/merge',
    {
      config: { access: { anyOf: ['patients:create'] } },
      schema: {
        tags,
        operationId: 'mergeTemporaryPatient',
        summary:
          "Merge a temporary record into the person's own at the active hospital once they are identified: " +
          'everything recorded under it moves there, and the temporary record is no longer found',
        params: IdParams,
        body: MergeTemporaryPatient,
        response: { 200: Patient },
      },
    },
    async (req) => mergeTemporaryPatient(ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/patients/:id/timeline',
    {
      config: { access: { anyOf: ['patients:read', 'own-record:read'] } },
      schema: {
        tags,
        summary: 'What happened to the patient, newest first',
        params: IdParams,
        querystring: HistoryQuery,
        response: { 200: TimelinePage },
      },
    },
    async (req) => patientTimeline(ctxOf(req), req.params.id, req.query),
  );

  app.get(
    '/api/patients/:id/access-log',
    {
      config: { access: { anyOf: ['own-record:read', 'audit:read'] } },
      schema: {
        tags,
        summary: 'Who opened the record and when (the patient; hospital admins for their hospital)',
        params: IdParams,
        querystring: HistoryQuery,
        response: { 200: AccessLogPage },
      },
    },
    async (req) => patientAccessLog(ctxOf(req), req.params.id, req.query),
  );

  clinicalRoutes(root);
}
