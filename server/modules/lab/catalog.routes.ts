import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common';
import { ChargeableServicePage, ChargeableServiceSearch } from '../../../contracts/ward-charges';
import { CreateLabTest, LabTest, LabTestPage, LabTestSearch, UpdateLabTest } from '../../../contracts/lab';
import type { Permission } from '../../../contracts/permissions';
import { ctxOf } from '../../platform/context';
import * as catalog from './catalog.service';

const tags = ['lab'];
const access = (...anyOf: Permission[]) => ({ access: { anyOf } });

/** The lab's test catalog. */
export function catalogRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/lab/tests',
    {
      config: access('lab-tests:read'),
      schema: {
        tags,
        operationId: 'listLabTests',
        summary: "The lab's tests at the hospital: sample, turnaround, price and what each measures",
        querystring: LabTestSearch,
        response: { 200: LabTestPage },
      },
    },
    async (req) => catalog.listTests(ctxOf(req), req.query),
  );

  app.get(
    '/api/lab/tests/:id',
    {
      config: access('lab-tests:read'),
      schema: {
        tags,
        operationId: 'getLabTest',
        summary: 'One lab test with its analytes and their reference and critical limits',
        params: IdParams,
        response: { 200: LabTest },
      },
    },
    async (req) => catalog.getTest(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/lab/tests',
    {
      config: access('lab-tests:manage'),
      schema: {
        tags,
        operationId: 'createLabTest',
        summary:
          'Add a test to the catalog (code unique at the hospital), billed as a service on the price list',
        body: CreateLabTest,
        response: { 201: LabTest },
      },
    },
    async (req, reply) => reply.status(201).send(await catalog.createTest(ctxOf(req), req.body)),
  );

  app.patch(
    '/api/lab/tests/:id',
    {
      config: access('lab-tests:manage'),
      schema: {
        tags,
        operationId: 'updateLabTest',
        summary:
          'Change a test: its name, sample, turnaround, instructions, service or analytes (the list is replaced), or take it off the catalog',
        params: IdParams,
        body: UpdateLabTest,
        response: { 200: LabTest },
      },
    },
    async (req) => catalog.updateTest(ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/lab/billable-services',
    {
      config: access('lab-tests:manage'),
      schema: {
        tags,
        operationId: 'listLabBillableServices',
        summary: "The price list's services in use whose code or name holds q, to bill a test as",
        querystring: ChargeableServiceSearch,
        response: { 200: ChargeableServicePage },
      },
    },
    async (req) => catalog.billableServices(ctxOf(req), req.query),
  );
}
