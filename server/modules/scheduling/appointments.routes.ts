import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common';
import {
  Appointment,
  AppointmentPage,
  BookAppointment,
  CancelAppointment,
  DayAppointmentQuery,
  DoctorDayQuery,
  OwnAppointmentQuery,
  RescheduleAppointment,
} from '../../../contracts/scheduling';
import { ctxOf } from '../../platform/context';
import * as appointments from './appointments.service';
import * as booking from './booking.service';

const NoQuery = z.strictObject({});

/** Booking, moving and cancelling appointments, and the lists of patients, front desk and doctors. */
export function appointmentRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['scheduling'];
  const bookers = { access: { anyOf: ['appointments:book-own' as const, 'appointments:book' as const] } };
  const readers = {
    access: {
      anyOf: [
        'appointments:book-own' as const,
        'appointments:book' as const,
        'appointments:read' as const,
        'appointments:read-own' as const,
      ],
    },
  };

  app.post(
    '/api/appointments',
    {
      // Booking writes appointments, audit rows, notices and jobs, and at most a registration
      // (patient_registrations): no principal changes, so no wait for them (ADR 27; booking.test.ts).
      config: { ...bookers, principalsUnchanged: true },
      schema: {
        tags,
        operationId: 'createAppointment',
        summary:
          'Book a free slot: a patient for themselves, or the front desk for a patient registered here (409 SLOT_TAKEN, PATIENT_BUSY)',
        body: BookAppointment,
        response: { 201: Appointment },
      },
    },
    async (req, reply) => reply.status(201).send(await booking.book(ctxOf(req), req.body)),
  );

  app.get(
    '/api/appointments',
    {
      config: { access: { anyOf: ['appointments:read' as const] } },
      schema: {
        tags,
        operationId: 'listAppointments',
        summary: "The active hospital's appointments on a local day, by doctor and status",
        querystring: DayAppointmentQuery,
        response: { 200: AppointmentPage },
      },
    },
    async (req) => appointments.listDayAppointments(ctxOf(req), req.query),
  );

  app.get(
    '/api/appointments/mine',
    {
      config: { access: { anyOf: ['appointments:book-own' as const] } },
      schema: {
        tags,
        operationId: 'listOwnAppointments',
        summary: 'My appointments, upcoming (soonest first) or past (latest first)',
        querystring: OwnAppointmentQuery,
        response: { 200: AppointmentPage },
      },
    },
    async (req) => appointments.listOwnAppointments(ctxOf(req), req.query),
  );

  app.get(
    '/api/doctors/me/appointments',
    {
      config: { access: { anyOf: ['appointments:read-own' as const] } },
      schema: {
        tags,
        operationId: 'listOwnDoctorAppointments',
        summary: 'My schedule as a doctor at the active hospital on a local day',
        querystring: DoctorDayQuery,
        response: { 200: AppointmentPage },
      },
    },
    async (req) => appointments.listOwnDoctorDay(ctxOf(req), req.query),
  );

  app.get(
    '/api/appointments/:id',
    {
      config: readers,
      schema: {
        tags,
        operationId: 'getAppointment',
        summary: 'One appointment: my own, my patient’s (doctors), or one at the active hospital (staff)',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: Appointment },
      },
    },
    async (req) => appointments.getAppointment(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/appointments/:id/reschedule',
    {
      config: bookers,
      schema: {
        tags,
        operationId: 'rescheduleAppointment',
        summary: 'Move to another free slot of the same doctor, atomically',
        params: IdParams,
        body: RescheduleAppointment,
        response: { 200: Appointment },
      },
    },
    async (req) => booking.reschedule(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/appointments/:id/cancel',
    {
      config: bookers,
      schema: {
        tags,
        operationId: 'cancelAppointment',
        summary: 'Cancel: the patient up to the cut-off, staff at any time with a reason',
        params: IdParams,
        body: CancelAppointment,
        response: { 200: Appointment },
      },
    },
    async (req) => booking.cancel(ctxOf(req), req.params.id, req.body),
  );
}
