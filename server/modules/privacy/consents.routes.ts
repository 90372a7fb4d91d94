import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConsentEntry, ConsentOverview, PatientParams, RecordConsentBody } from '../../../contracts/privacy';
import { ctxOf } from '../../platform/context';
import { consentOverview, recordConsent } from './consents.service';

const tags = ['privacy'];
// Unknown query parameters are refused like unknown body fields.
const NoQuery = z.strictObject({});

/** A patient's consent decisions: read by staff of their hospitals and by the patient, recorded by both. */
export function consentsRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/patients/:patientId/consents',
    {
      config: { access: { anyOf: ['patients:read', 'own-record:read'] } },
      schema: {
        tags,
        operationId: 'getPatientConsents',
        summary: "A patient's standing decision per purpose, and every decision newest first",
        params: PatientParams,
        querystring: NoQuery,
        response: { 200: ConsentOverview },
      },
    },
    async (req) => consentOverview(ctxOf(req), req.params.patientId),
  );

  app.post(
    '/api/patients/:patientId/consents',
    {
      config: { access: { anyOf: ['patients:update', 'own-record:update'] } },
      schema: {
        tags,
        operationId: 'recordPatientConsent',
        summary:
          'Record a consent decision: staff say how it was given (written or verbal), the patient sends no method',
        params: PatientParams,
        body: RecordConsentBody,
        response: { 201: ConsentEntry },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await recordConsent(ctxOf(req), req.params.patientId, req.body)),
  );
}
