import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Paging } from '../../../contracts/common';
import {
  CounterSale,
  DispensePrescription,
  Dispensing,
  EnterPrescription,
  Prescription,
  PrescriptionPage,
  PrescriptionQuery,
  Sale,
  SalePage,
} from '../../../contracts/dispensing';
import { ctxOf } from '../../platform/context';
import * as dispensing from './dispensing.service';
import * as sales from './sales.service';

const tags = ['pharmacy'];
const NoQuery = z.strictObject({});

/** Prescriptions and dispensing, and counter sales. */
export function dispensingRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/prescriptions',
    {
      config: { access: { anyOf: ['prescriptions:read'] } },
      schema: {
        tags,
        summary: "The active hospital's prescriptions",
        querystring: PrescriptionQuery,
        response: { 200: PrescriptionPage },
      },
    },
    async (req) => dispensing.listPrescriptions(ctxOf(req), req.query),
  );

  app.post(
    '/api/prescriptions',
    {
      config: { access: { anyOf: ['prescriptions:enter'] } },
      schema: {
        tags,
        summary: 'Enter a paper prescription for a patient registered here',
        body: EnterPrescription,
        response: { 201: Prescription },
      },
    },
    async (req, reply) => reply.status(201).send(await dispensing.enterPrescription(ctxOf(req), req.body)),
  );

  app.get(
    '/api/prescriptions/:id',
    {
      config: { access: { anyOf: ['prescriptions:read'] } },
      schema: {
        tags,
        summary: 'A prescription and what is left to dispense',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: Prescription },
      },
    },
    async (req) => dispensing.getPrescription(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/prescriptions/:id/dispense',
    {
      config: { access: { anyOf: ['stock:dispense'] } },
      schema: {
        tags,
        summary:
          'Dispense all or part of the lines, first expiry first out (409 INSUFFICIENT_STOCK when short)',
        params: IdParams,
        body: DispensePrescription,
        response: { 200: Dispensing },
      },
    },
    async (req) => dispensing.dispensePrescription(ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/pharmacy/sales',
    {
      config: { access: { anyOf: ['stock:dispense'] } },
      schema: {
        tags,
        summary: 'Counter sales, newest first',
        querystring: Paging,
        response: { 200: SalePage },
      },
    },
    async (req) => sales.listSales(ctxOf(req), req.query),
  );

  app.post(
    '/api/pharmacy/sales',
    {
      config: { access: { anyOf: ['stock:dispense'] } },
      schema: {
        tags,
        summary: 'Sell over the counter, priced on the server, first expiry first out',
        body: CounterSale,
        response: { 201: Sale },
      },
    },
    async (req, reply) => reply.status(201).send(await sales.sell(ctxOf(req), req.body)),
  );

  app.get(
    '/api/pharmacy/sales/:id',
    {
      config: { access: { anyOf: ['stock:dispense'] } },
      schema: {
        tags,
        summary: 'A counter sale with its lines and batches',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: Sale },
      },
    },
    async (req) => sales.getSale(ctxOf(req), req.params.id),
  );
}
