import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CancelReservation,
  CreateReservation,
  OwnReservations,
  Reservation,
  ReservationPage,
  ReservationSearch,
} from '../../../contracts/bed-reservations';
import { IdParams } from '../../../contracts/common';
import { ctxOf } from '../../platform/context';
import * as reservations from './reservations.service';

const tags = ['wards'];
const manage = { access: { anyOf: ['admissions:manage' as const] } };

/** Reserving a bed for a named patient, cancelling it, the list; and a patient's own. */
export function reservationRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/wards/reservations',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'reserveBed',
        summary:
          'Reserve a free bed for a patient registered here, from now or later until an expiry at most 7 days ahead; only that patient is then admitted into it (409 BED_OCCUPIED, BED_RESERVED for an overlapping reservation)',
        body: CreateReservation,
        response: { 201: Reservation },
      },
    },
    async (req, reply) => reply.status(201).send(await reservations.createReservation(ctxOf(req), req.body)),
  );

  app.get(
    '/api/wards/reservations',
    {
      config: { access: { anyOf: ['admissions:manage' as const, 'beds:read' as const] } },
      schema: {
        tags,
        operationId: 'listBedReservations',
        summary: 'The reservations holding beds now, earliest first (or all of them, newest first)',
        querystring: ReservationSearch,
        response: { 200: ReservationPage },
      },
    },
    async (req) => reservations.listReservations(ctxOf(req), req.query),
  );

  app.post(
    '/api/wards/reservations/:id/cancel',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'cancelBedReservation',
        summary: 'Cancel a reservation that still holds its bed; the bed is free again',
        params: IdParams,
        body: CancelReservation,
        response: { 200: Reservation },
      },
    },
    async (req) => reservations.cancelReservation(ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/me/bed-reservations',
    {
      config: { access: { anyOf: ['own-record:read' as const] } },
      schema: {
        tags,
        operationId: 'listOwnBedReservations',
        summary: 'The beds held for me now, at every hospital',
        querystring: z.strictObject({}),
        response: { 200: OwnReservations },
      },
    },
    async (req) => reservations.ownReservations(ctxOf(req)),
  );
}
