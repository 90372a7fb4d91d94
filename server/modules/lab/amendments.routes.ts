import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NoBody } from '../../../contracts/common';
import { LabOrder, LabOrderItemParams } from '../../../contracts/lab-orders';
import { AmendResults } from '../../../contracts/lab-results';
import type { Permission } from '../../../contracts/permissions';
import { ctxOf } from '../../platform/context';
import * as amendments from './amendments.service';

const tags = ['lab'];
const access = (...anyOf: Permission[]) => ({ access: { anyOf } });

/** Corrections of verified results (ADR 35): entered with a reason, released by a second person. */
export function amendmentRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.put(
    '/api/lab/orders/:id/items/:itemId/amendment',
    {
      config: access('lab-results:enter'),
      schema: {
        tags,
        operationId: 'amendLabResults',
        summary:
          "Correct a verified test's results: every analyte again with the reason, as the next version; again until a second person releases it",
        params: LabOrderItemParams,
        body: AmendResults,
        response: { 200: LabOrder },
      },
    },
    async (req) => amendments.amendResults(ctxOf(req), req.params.id, req.params.itemId, req.body),
  );

  app.post(
    '/api/lab/orders/:id/items/:itemId/amendment/release',
    {
      config: access('lab-results:verify'),
      schema: {
        tags,
        operationId: 'releaseLabAmendment',
        summary:
          "Release a test's correction as a second person (not who entered it): it supersedes the results before, which are kept; whoever ordered the test and the patient are told",
        params: LabOrderItemParams,
        body: NoBody,
        response: { 200: LabOrder },
      },
    },
    async (req) => amendments.releaseAmendment(ctxOf(req), req.params.id, req.params.itemId),
  );

  app.post(
    '/api/lab/orders/:id/items/:itemId/amendment/withdraw',
    {
      config: access('lab-results:enter'),
      schema: {
        tags,
        operationId: 'withdrawLabAmendment',
        summary: "Withdraw a test's correction not yet released: the released results stand",
        params: LabOrderItemParams,
        body: NoBody,
        response: { 200: LabOrder },
      },
    },
    async (req) => amendments.withdrawAmendment(ctxOf(req), req.params.id, req.params.itemId),
  );
}
