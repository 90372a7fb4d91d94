import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, pageOf } from '../../../contracts/common';
import {
  DoctorProfile,
  DoctorQuery,
  NoBody,
  NoQuery,
  RejectDoctor,
  UpdateDoctorProfile,
} from '../../../contracts/organisation';
import { ctxOf } from '../../platform/context';
import * as doctors from './doctors.service';

const tags = ['doctors'];

/** Doctor profiles: the hospital's list, the doctor's own, edits, and approval of applications. */
export function doctorRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/doctors',
    {
      config: { access: { anyOf: ['doctors:read'] } },
      schema: {
        tags,
        summary: 'Doctor profiles of the active hospital (filter by status: pending, approved, rejected)',
        querystring: DoctorQuery,
        response: { 200: pageOf(DoctorProfile) },
      },
    },
    async (req) => doctors.listDoctors(ctxOf(req), req.query),
  );

  app.get(
    '/api/doctors/me',
    {
      // A pending applicant holds no role yet, so this needs only a signed-in person.
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Your own doctor profiles and their approval status',
        querystring: NoQuery,
        response: { 200: z.object({ items: z.array(DoctorProfile) }) },
      },
    },
    async (req) => ({ items: await doctors.myDoctorProfiles(ctxOf(req)) }),
  );

  app.get(
    '/api/doctors/:id',
    {
      config: { access: { anyOf: ['doctors:read'] } },
      schema: {
        tags,
        summary: 'One doctor profile of the active hospital',
        params: IdParams,
        response: { 200: DoctorProfile },
      },
    },
    async (req) => doctors.getDoctor(ctxOf(req), req.params.id),
  );

  app.patch(
    '/api/doctors/:id',
    {
      // The doctor edits their own profile (even while pending, when they hold no role); the hospital
      // admin edits the hospital's. The service answers 404 to everyone else.
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Edit a doctor profile (your own, or as the hospital admin)',
        params: IdParams,
        body: UpdateDoctorProfile,
        response: { 200: DoctorProfile },
      },
    },
    async (req) => doctors.updateDoctorProfile(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/doctors/:id/approve',
    {
      config: { access: { anyOf: ['doctors:approve'] } },
      schema: {
        tags,
        summary: 'Approve a pending doctor; grants the doctor role here',
        params: IdParams,
        body: NoBody,
        response: { 200: DoctorProfile },
      },
    },
    async (req) => doctors.approveDoctor(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/doctors/:id/reject',
    {
      config: { access: { anyOf: ['doctors:approve'] } },
      schema: {
        tags,
        summary: 'Reject a pending doctor with a reason (mailed to them)',
        params: IdParams,
        body: RejectDoctor,
        response: { 200: DoctorProfile },
      },
    },
    async (req) => doctors.rejectDoctor(ctxOf(req), req.params.id, req.body.reason),
  );
}
