import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, NoBody, Ok } from '../../../contracts/common';
import type { Permission } from '../../../contracts/permissions';
import {
  Bed,
  CreateBed,
  CreateRoom,
  CreateWard,
  Room,
  UpdateBed,
  UpdateRoom,
  UpdateWard,
  Ward,
  WardList,
} from '../../../contracts/wards';
import { ctxOf } from '../../platform/context';
import * as setup from './setup.service';

const tags = ['wards'];
const NoQuery = z.strictObject({});
const access = (...anyOf: Permission[]) => ({ access: { anyOf } });
const manage = access('wards:manage');

/** Ward set-up by the hospital admin: wards, rooms, beds; and making a cleaned bed ready. */
export function setupRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/wards',
    {
      config: access('wards:manage', 'beds:read'),
      schema: {
        tags,
        operationId: 'listWards',
        summary: "The hospital's wards with their rooms and beds, closed ones included",
        querystring: NoQuery,
        response: { 200: WardList },
      },
    },
    async (req) => setup.listWards(ctxOf(req)),
  );

  app.post(
    '/api/wards',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'createWard',
        summary: 'Add a ward (name unique at the hospital)',
        body: CreateWard,
        response: { 201: Ward },
      },
    },
    async (req, reply) => reply.status(201).send(await setup.createWard(ctxOf(req), req.body)),
  );

  app.patch(
    '/api/wards/:id',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'updateWard',
        summary: 'Rename a ward, change its kind, or close it (only with nobody in its beds)',
        params: IdParams,
        body: UpdateWard,
        response: { 200: Ward },
      },
    },
    async (req) => setup.updateWard(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/wards/rooms',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'createWardRoom',
        summary: 'Add a room to a ward (name unique in the ward)',
        body: CreateRoom,
        response: { 201: Room },
      },
    },
    async (req, reply) => reply.status(201).send(await setup.createRoom(ctxOf(req), req.body)),
  );

  app.patch(
    '/api/wards/rooms/:id',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'updateWardRoom',
        summary: 'Rename a room, or close it (only with nobody in its beds)',
        params: IdParams,
        body: UpdateRoom,
        response: { 200: Room },
      },
    },
    async (req) => setup.updateRoom(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/wards/beds',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'createBed',
        summary: 'Add a bed to a room: label (unique in the ward), bed type and daily rate',
        body: CreateBed,
        response: { 201: Bed },
      },
    },
    async (req, reply) => reply.status(201).send(await setup.createBed(ctxOf(req), req.body)),
  );

  app.patch(
    '/api/wards/beds/:id',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'updateBed',
        summary:
          "Change a bed's label, type or rate; set a free bed's state by hand (reserved, maintenance …); deactivate it",
        params: IdParams,
        body: UpdateBed,
        response: { 200: Bed },
      },
    },
    async (req) => setup.updateBed(ctxOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/wards/beds/:id',
    {
      config: manage,
      schema: {
        tags,
        operationId: 'deleteBed',
        summary: 'Delete a bed that never held a patient (409 CONFLICT otherwise: deactivate it)',
        params: IdParams,
        response: { 200: Ok },
      },
    },
    async (req) => setup.deleteBed(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/wards/beds/:id/ready',
    {
      config: access('admissions:manage'),
      schema: {
        tags,
        operationId: 'markBedReady',
        summary: 'A bed cleaned after its patient left is available again (409 INVALID_TRANSITION otherwise)',
        params: IdParams,
        body: NoBody,
        response: { 200: Bed },
      },
    },
    async (req) => setup.makeBedReady(ctxOf(req), req.params.id),
  );
}
