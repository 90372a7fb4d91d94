import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AddAddendum,
  CheckedPrescription,
  CloseConsultation,
  Consultation,
  Icd10ImportReport,
  Icd10Search,
  Icd10SearchResult,
  OpenConsultation,
  PatientVisitsParams,
  PrescribingAid,
  PrescribingAidQuery,
  PrescriptionDraft,
  UpdateConsultation,
  VisitPage,
  VisitQuery,
} from '../../../contracts/clinical';
import { IdParams, NoBody } from '../../../contracts/common';
import { ctxOf } from '../../platform/context';
import { replyWithPdf } from '../../platform/pdf';
import { AppError } from '../../platform/errors';
import * as consultations from './consultations.service';
import * as prescriptionCheck from './prescription-check';
import * as icd10 from './icd10.service';
import * as visits from './visits.service';

const NoQuery = z.strictObject({});
const MAX_CSV_BYTES = 10 * 1024 * 1024;

const WRITE = { access: { anyOf: ['consultations:write' as const] } };
const READ = { access: { anyOf: ['consultations:read' as const, 'consultations:write' as const] } };

/** ICD-10 search and import, consultations, prescriptions and visit histories. */
export async function clinicalRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/icd10',
    {
      config: {
        // Whoever discharges a patient (admissions:manage) writes the summary's diagnoses too.
        access: { anyOf: ['consultations:write', 'consultations:read', 'admissions:manage', 'icd10:import'] },
      },
      schema: {
        tags: ['icd10'],
        operationId: 'searchIcd10',
        summary: 'Search active ICD-10 codes: a code or its beginning first, then titles (typo-tolerant)',
        querystring: Icd10Search,
        response: { 200: Icd10SearchResult },
      },
    },
    async (req) => icd10.searchIcd10(ctxOf(req), req.query),
  );

  // The code set as a file: multipart/form-data (a part named "file") or a text/csv body. Parsed
  // here only, so no other route accepts either.
  await root.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: MAX_CSV_BYTES, files: 1, fields: 0, parts: 2, headerPairs: 100 },
    });
    scope.addContentTypeParser(
      'text/csv',
      { parseAs: 'string', bodyLimit: MAX_CSV_BYTES },
      (_req, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/icd10/import',
      {
        bodyLimit: MAX_CSV_BYTES + 64 * 1024,
        config: { access: { anyOf: ['icd10:import'] } },
        schema: {
          tags: ['icd10'],
          operationId: 'importIcd10',
          summary:
            'Import ICD-10 codes from CSV (code,title[,chapter]) as multipart/form-data (file) or text/csv; a file with any bad row changes nothing (422 lists the rows)',
          consumes: ['multipart/form-data', 'text/csv'],
          response: { 200: Icd10ImportReport },
        },
      },
      async (req) => {
        let csv: string;
        if (req.isMultipart()) {
          let file: Buffer | null = null;
          try {
            for await (const part of req.parts()) {
              if (part.type !== 'file' || part.fieldname !== 'file' || file) {
                throw new AppError('BAD_REQUEST', 'Send one CSV file, in a part named "file".');
              }
              file = await part.toBuffer();
              if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', 'The file is over 10 MB.');
            }
          } catch (err) {
            if (err instanceof AppError) throw err;
            const code = (err as { code?: string }).code;
            if (code === 'FST_REQ_FILE_TOO_LARGE')
              throw new AppError('PAYLOAD_TOO_LARGE', 'The file is over 10 MB.');
            throw new AppError('BAD_REQUEST', 'The upload is not well-formed multipart/form-data.');
          }
          if (!file) throw new AppError('BAD_REQUEST', 'Send one CSV file, in a part named "file".');
          csv = file.toString('utf8');
        } else if (typeof req.body === 'string') {
          csv = req.body;
        } else {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the codes as multipart/form-data or text/csv.');
        }
        if (csv.includes('\u0000')) throw new AppError('VALIDATION_FAILED', 'The file is not text.');
        return icd10.importIcd10(ctxOf(req), csv);
      },
    );
  });

  const tags = ['consultations'];

  app.post(
    '/api/consultations',
    {
      config: WRITE,
      schema: {
        tags,
        operationId: 'openConsultation',
        summary:
          "Open a consultation: from one's own checked-in appointment (asking again answers the open one, 200) or for a walk-in registered here (201)",
        body: OpenConsultation,
        response: { 200: Consultation, 201: Consultation },
      },
    },
    async (req, reply) => {
      const { consultation, created } = await consultations.openConsultation(ctxOf(req), req.body);
      return reply.status(created ? 201 : 200).send(consultation);
    },
  );

  app.get(
    '/api/consultations/:id',
    {
      config: READ,
      schema: {
        tags,
        operationId: 'getConsultation',
        summary:
          'A consultation of the active hospital, with vitals, diagnoses, allergies, prescription and addenda',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: Consultation },
      },
    },
    async (req) => consultations.getConsultation(ctxOf(req), req.params.id),
  );

  app.patch(
    '/api/consultations/:id',
    {
      config: WRITE,
      schema: {
        tags,
        operationId: 'updateConsultation',
        summary:
          'Write complaint, notes, follow-up, lab requests, vitals and diagnoses (its doctor, while open)',
        params: IdParams,
        body: UpdateConsultation,
        response: { 200: Consultation },
      },
    },
    async (req) => consultations.updateConsultation(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/consultations/:id/prescription',
    {
      config: WRITE,
      schema: {
        tags,
        operationId: 'checkConsultationPrescription',
        summary:
          'Check a prescription draft: quantities worked out, directions worded, allergy warnings and stock per line (nothing is kept; closing writes it)',
        params: IdParams,
        body: PrescriptionDraft,
        response: { 200: CheckedPrescription },
      },
    },
    async (req) => prescriptionCheck.checkPrescription(ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/consultations/:id/prescribing-aid',
    {
      config: WRITE,
      schema: {
        tags,
        operationId: 'getPrescribingAid',
        summary: "A medicine for this consultation's patient: allergy warnings and stock on hand",
        params: IdParams,
        querystring: PrescribingAidQuery,
        response: { 200: PrescribingAid },
      },
    },
    async (req) => prescriptionCheck.prescribingAid(ctxOf(req), req.params.id, req.query.medicineId),
  );

  app.post(
    '/api/consultations/:id/close',
    {
      config: WRITE,
      schema: {
        tags,
        operationId: 'closeConsultation',
        summary:
          "Close: the prescription goes to the pharmacy's queue, the appointment is completed, the record is final",
        params: IdParams,
        body: CloseConsultation.or(NoBody),
        response: { 200: Consultation },
      },
    },
    async (req) => consultations.closeConsultation(ctxOf(req), req.params.id, req.body ?? {}),
  );

  app.post(
    '/api/consultations/:id/addenda',
    {
      config: WRITE,
      schema: {
        tags,
        operationId: 'addConsultationAddendum',
        summary: 'Add words to a closed consultation (a doctor of its hospital)',
        params: IdParams,
        body: AddAddendum,
        response: { 201: Consultation },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await consultations.addAddendum(ctxOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/consultations/:id/prescription.pdf',
    {
      config: { access: { anyOf: ['consultations:read', 'consultations:write', 'own-record:read'] } },
      schema: {
        tags,
        operationId: 'getPrescriptionPdf',
        summary: 'The printed prescription of a closed consultation (clinical staff here, or the patient)',
        params: IdParams,
        querystring: NoQuery,
      },
    },
    async (req, reply) => {
      return replyWithPdf(reply, await visits.prescriptionPdf(ctxOf(req), req.params.id));
    },
  );

  app.get(
    '/api/patients/:id/visits',
    {
      config: READ,
      schema: {
        tags,
        operationId: 'listPatientVisits',
        summary: "A patient's consultations at the active hospital, newest first",
        params: PatientVisitsParams,
        querystring: VisitQuery,
        response: { 200: VisitPage },
      },
    },
    async (req) => visits.visitsOfPatient(ctxOf(req), req.params.id, req.query),
  );

  app.get(
    '/api/me/visits',
    {
      config: { access: { anyOf: ['own-record:read'] } },
      schema: {
        tags,
        operationId: 'listOwnVisits',
        summary: 'My consultations at every hospital, newest first',
        querystring: VisitQuery,
        response: { 200: VisitPage },
      },
    },
    async (req) => visits.ownVisits(ctxOf(req), req.query),
  );
}
