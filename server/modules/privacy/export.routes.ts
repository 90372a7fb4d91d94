import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PatientExport, PatientParams } from '../../../contracts/privacy';
import { ctxOf } from '../../platform/context';
import { exportPatientData } from './export.service';

const tags = ['privacy'];
// Unknown query parameters are refused like unknown body fields.
const NoQuery = z.strictObject({});

/** A patient's download of all their data, as one JSON file. */
export function exportRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/patients/:patientId/export',
    {
      config: { access: { anyOf: ['own-record:read'] } },
      schema: {
        tags,
        operationId: 'exportPatientData',
        summary:
          'Everything held about the signed-in patient, at every hospital, as a JSON file to download ' +
          '(the patient themself only; anyone else gets 404)',
        params: PatientParams,
        querystring: NoQuery,
        response: { 200: PatientExport },
      },
    },
    async (req, reply) => {
      const data = await exportPatientData(ctxOf(req), req.params.patientId);
      return reply
        .type('application/json; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="hospitium-export-${data.exportedAt.slice(0, 10)}.json"`,
        )
        .send(data);
    },
  );
}
