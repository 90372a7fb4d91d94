import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BillingService,
  BillingServicePage,
  BillingServiceSearch,
  CreateBillingService,
  DepartmentFeeList,
  DepartmentParams,
  SetDepartmentFee,
  UpdateBillingService,
} from '../../../contracts/price-list';
import { IdParams } from '../../../contracts/common';
import type { Permission } from '../../../contracts/permissions';
import { ctxOf } from '../../platform/context';
import * as prices from './price-list.service';

const tags = ['billing'];
const NoQuery = z.strictObject({});
const access = (...anyOf: Permission[]) => ({ access: { anyOf } });

/** The price list: services, and the consultation fees of departments. */
export function priceListRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/billing/services',
    {
      config: access('invoices:manage', 'price-list:manage'),
      schema: {
        tags,
        operationId: 'listBillingServices',
        summary: "The hospital's services with their prices and tax rates",
        querystring: BillingServiceSearch,
        response: { 200: BillingServicePage },
      },
    },
    async (req) => prices.listServices(ctxOf(req), req.query),
  );

  app.post(
    '/api/billing/services',
    {
      config: access('price-list:manage'),
      schema: {
        tags,
        operationId: 'createBillingService',
        summary: 'Add a service to the price list (code unique at the hospital)',
        body: CreateBillingService,
        response: { 201: BillingService },
      },
    },
    async (req, reply) => reply.status(201).send(await prices.createService(ctxOf(req), req.body)),
  );

  app.patch(
    '/api/billing/services/:id',
    {
      config: access('price-list:manage'),
      schema: {
        tags,
        operationId: 'updateBillingService',
        summary:
          "Change a service's name, price or tax, or take it off the list (bills already made keep theirs)",
        params: IdParams,
        body: UpdateBillingService,
        response: { 200: BillingService },
      },
    },
    async (req) => prices.updateService(ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/billing/consultation-fees',
    {
      config: access('invoices:manage', 'price-list:manage'),
      schema: {
        tags,
        operationId: 'listDepartmentConsultationFees',
        summary:
          "Each department's consultation fee, where the hospital set one (else each doctor's own applies)",
        querystring: NoQuery,
        response: { 200: DepartmentFeeList },
      },
    },
    async (req) => prices.listDepartmentFees(ctxOf(req)),
  );

  app.put(
    '/api/billing/consultation-fees/:departmentId',
    {
      config: access('price-list:manage'),
      schema: {
        tags,
        operationId: 'setDepartmentConsultationFee',
        summary: "Set a department's consultation fee and its tax (both): it replaces its doctors' own fees",
        params: DepartmentParams,
        body: SetDepartmentFee,
        response: { 200: DepartmentFeeList },
      },
    },
    async (req) => prices.setDepartmentFee(ctxOf(req), req.params.departmentId, req.body),
  );

  app.delete(
    '/api/billing/consultation-fees/:departmentId',
    {
      config: access('price-list:manage'),
      schema: {
        tags,
        operationId: 'clearDepartmentConsultationFee',
        summary: "Remove a department's fee: its doctors' own fees apply again",
        params: DepartmentParams,
        response: { 200: DepartmentFeeList },
      },
    },
    async (req) => prices.clearDepartmentFee(ctxOf(req), req.params.departmentId),
  );
}
