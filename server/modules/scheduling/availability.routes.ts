import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, NoBody, Ok } from '../../../contracts/common';
import {
  Availability,
  AvailabilityException,
  AvailabilityQuery,
  AvailabilityTemplate,
  CreateAvailabilityException,
  CreateAvailabilityTemplate,
  NextFreeList,
  NextFreeQuery,
  SlotList,
  SlotQuery,
} from '../../../contracts/scheduling';
import { ctxOf } from '../../platform/context';
import * as availability from './availability.service';

/** Weekly hours and exceptions (/api/availability/…) and a doctor's free slots. */
export function availabilityRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['scheduling'];
  const editors = { access: { anyOf: ['availability:manage-own' as const, 'availability:manage' as const] } };

  app.get(
    '/api/availability',
    {
      config: editors,
      schema: {
        tags,
        operationId: 'getAvailability',
        summary: "A doctor's weekly hours, leave and the hospital's holidays (doctors: their own by default)",
        querystring: AvailabilityQuery,
        response: { 200: Availability },
      },
    },
    async (req) => availability.getAvailability(ctxOf(req), req.query.doctorId),
  );

  app.post(
    '/api/availability/templates',
    {
      config: editors,
      schema: {
        tags,
        operationId: 'createAvailabilityTemplate',
        summary: 'Add weekly consulting hours (409 CONFLICT when they overlap hours already set)',
        body: CreateAvailabilityTemplate,
        response: { 201: AvailabilityTemplate },
      },
    },
    async (req, reply) => reply.status(201).send(await availability.addTemplate(ctxOf(req), req.body)),
  );

  app.delete(
    '/api/availability/templates/:id',
    {
      config: editors,
      schema: {
        tags,
        operationId: 'deleteAvailabilityTemplate',
        summary: 'Remove weekly hours (appointments already booked stay)',
        params: IdParams,
        body: NoBody,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await availability.removeTemplate(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/availability/exceptions',
    {
      config: editors,
      schema: {
        tags,
        operationId: 'createAvailabilityException',
        summary:
          "A doctor's leave, or (doctorId null, admins) a hospital holiday; whole days or a time range",
        body: CreateAvailabilityException,
        response: { 201: AvailabilityException },
      },
    },
    async (req, reply) => reply.status(201).send(await availability.addException(ctxOf(req), req.body)),
  );

  app.delete(
    '/api/availability/exceptions/:id',
    {
      config: editors,
      schema: {
        tags,
        operationId: 'deleteAvailabilityException',
        summary: 'Withdraw leave or a holiday',
        params: IdParams,
        body: NoBody,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await availability.removeException(ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/doctors/next-free',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        operationId: 'listNextFreeSlots',
        summary: "Each bookable doctor's first free slot in the next two weeks (the doctor finder)",
        querystring: NextFreeQuery,
        response: { 200: NextFreeList },
      },
    },
    async (req) => availability.nextFreeSlots(ctxOf(req), req.query),
  );

  app.get(
    '/api/doctors/:id/slots',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        operationId: 'listDoctorSlots',
        summary: "A bookable doctor's free slots between two local dates (at most 31 days)",
        params: IdParams,
        querystring: SlotQuery,
        response: { 200: SlotList },
      },
    },
    async (req) => availability.listSlots(ctxOf(req), req.params.id, req.query),
  );
}
