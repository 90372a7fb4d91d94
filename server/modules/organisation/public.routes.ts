import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, pageOf } from '../../../contracts/common';
import {
  AcceptInvitation,
  InvitationAccepted,
  NoQuery,
  PublicDoctor,
  PublicDoctorQuery,
  PublicHospital,
} from '../../../contracts/organisation';
import { anonCtxOf } from '../../platform/context';
import { getPublicDoctor, listPublicDoctors } from './directory.service';
import { listPublicHospitals } from './hospitals.service';
import { acceptInvitation } from './invitations.service';

const tags = ['public'];

/** What anyone may see or do without an account: the hospital list, the doctor directory, accepting an invitation. */
export function publicRoutes(root: FastifyInstance, opts: { acceptPerMinute: number }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/public/hospitals',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Active hospitals and their departments (landing page, doctor sign-up)',
        querystring: NoQuery,
        response: { 200: z.object({ items: z.array(PublicHospital) }) },
      },
    },
    async (req) => ({ items: await listPublicHospitals(req.server.db) }),
  );

  app.get(
    '/api/public/doctors',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Directory of approved doctors at active hospitals',
        querystring: PublicDoctorQuery,
        response: { 200: pageOf(PublicDoctor) },
      },
    },
    async (req) => listPublicDoctors(req.server.db, req.query),
  );

  app.get(
    '/api/public/doctors/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One approved doctor of the directory (a booking page reached with the doctor chosen)',
        params: IdParams,
        response: { 200: PublicDoctor },
      },
    },
    async (req) => getPublicDoctor(req.server.db, req.params.id),
  );

  app.post(
    '/api/invitations/accept',
    {
      config: { access: 'public', rateLimit: { max: opts.acceptPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['staff'],
        summary:
          'Accept a staff invitation: signed in, with the token alone; otherwise with a name and password for a new account',
        body: AcceptInvitation,
        response: { 201: InvitationAccepted },
      },
    },
    async (req, reply) => reply.status(201).send(await acceptInvitation(anonCtxOf(req), req.actor, req.body)),
  );
}
