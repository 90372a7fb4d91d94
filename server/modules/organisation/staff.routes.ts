import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, pageOf } from '../../../contracts/common';
import {
  CreateInvitation,
  Invitation,
  InvitationQuery,
  NoBody,
  SetStaffRoles,
  StaffMember,
  StaffQuery,
  UserIdParams,
} from '../../../contracts/organisation';
import { ctxOf } from '../../platform/context';
import * as invitations from './invitations.service';
import * as staff from './staff.service';

const tags = ['staff'];

/** The active hospital's staff directory, their roles, and invitations to join. */
export function staffRoutes(root: FastifyInstance, deps: { publicUrl: string }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/staff',
    {
      config: { access: { anyOf: ['staff:read'] } },
      schema: {
        tags,
        summary: 'People holding roles at the active hospital',
        querystring: StaffQuery,
        response: { 200: pageOf(StaffMember) },
      },
    },
    async (req) => staff.listStaff(ctxOf(req), req.query),
  );

  app.put(
    '/api/staff/:userId/roles',
    {
      config: { access: { anyOf: ['staff:manage'] } },
      schema: {
        tags,
        summary: 'Set the roles someone holds at the active hospital',
        params: UserIdParams,
        body: SetStaffRoles,
        response: { 200: StaffMember },
      },
    },
    async (req) => staff.setStaffRoles(ctxOf(req), req.params.userId, req.body),
  );

  app.post(
    '/api/staff/:userId/deactivate',
    {
      config: { access: { anyOf: ['staff:manage'] } },
      schema: {
        tags,
        summary: 'Suspend all of someone’s roles at the active hospital',
        params: UserIdParams,
        body: NoBody,
        response: { 200: StaffMember },
      },
    },
    async (req) => staff.deactivateStaff(ctxOf(req), req.params.userId),
  );

  app.post(
    '/api/staff/:userId/reactivate',
    {
      config: { access: { anyOf: ['staff:manage'] } },
      schema: {
        tags,
        summary: 'Restore someone’s roles at the active hospital',
        params: UserIdParams,
        body: NoBody,
        response: { 200: StaffMember },
      },
    },
    async (req) => staff.reactivateStaff(ctxOf(req), req.params.userId),
  );

  app.get(
    '/api/staff/invitations',
    {
      config: { access: { anyOf: ['staff:read'] } },
      schema: {
        tags,
        summary: 'Open invitations of the active hospital',
        querystring: InvitationQuery,
        response: { 200: pageOf(Invitation) },
      },
    },
    async (req) => invitations.listInvitations(ctxOf(req), req.query),
  );

  app.post(
    '/api/staff/invitations',
    {
      config: { access: { anyOf: ['staff:manage'] } },
      schema: {
        tags,
        summary: 'Invite someone by email to a role at the active hospital (the link is valid 7 days)',
        body: CreateInvitation,
        response: { 201: Invitation },
      },
    },
    async (req, reply) => reply.status(201).send(await invitations.inviteStaff(ctxOf(req), deps, req.body)),
  );

  app.post(
    '/api/staff/invitations/:id/revoke',
    {
      config: { access: { anyOf: ['staff:manage'] } },
      schema: {
        tags,
        summary: 'Withdraw an open invitation',
        params: IdParams,
        body: NoBody,
        response: { 200: Invitation },
      },
    },
    async (req) => invitations.revokeInvitation(ctxOf(req), req.params.id),
  );
}
