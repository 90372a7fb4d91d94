import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Uuid } from '../../../contracts/common';
import {
  ChargeableServicePage,
  ChargeableServiceSearch,
  ChargeWardService,
  VoidWardCharge,
  WardCharge,
  WardChargeList,
} from '../../../contracts/ward-charges';
import { ctxOf } from '../../platform/context';
import * as charges from './service-charges.service';

const tags = ['wards'];
const NoQuery = z.strictObject({});
/** Whoever admits or nurses: the nurse or doctor who gave the service, the desk that bills it. */
const config = { access: { anyOf: ['admissions:manage' as const, 'nursing:record' as const] } };
const ChargeParams = z.strictObject({ id: Uuid, chargeId: Uuid });

/** Ward charges: services from the price list given on a stay, billed with it. */
export function serviceChargeRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/wards/chargeable-services',
    {
      config,
      schema: {
        tags,
        operationId: 'listChargeableServices',
        summary: "The price list's services in use whose code or name holds q, by code",
        querystring: ChargeableServiceSearch,
        response: { 200: ChargeableServicePage },
      },
    },
    async (req) => charges.chargeableServices(ctxOf(req), req.query),
  );

  app.get(
    '/api/wards/admissions/:id/service-charges',
    {
      config,
      schema: {
        tags,
        operationId: 'listWardCharges',
        summary: 'Every service charged on the stay, voided ones too, in the order they were given',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: WardChargeList },
      },
    },
    async (req) => charges.listCharges(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/wards/admissions/:id/service-charges',
    {
      config,
      schema: {
        tags,
        operationId: 'chargeWardService',
        summary:
          'Charge a service from the price list given on an open stay, at its price and tax now (a retry with the same key charges once)',
        params: IdParams,
        body: ChargeWardService,
        response: { 201: WardCharge },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await charges.chargeService(ctxOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/wards/admissions/:id/service-charges/:chargeId/void',
    {
      config,
      schema: {
        tags,
        operationId: 'voidWardCharge',
        summary: 'Void a charge made in error, with the reason, before the patient is discharged',
        params: ChargeParams,
        body: VoidWardCharge,
        response: { 200: WardCharge },
      },
    },
    async (req) => charges.voidCharge(ctxOf(req), req.params.id, req.params.chargeId, req.body),
  );
}
