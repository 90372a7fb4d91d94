import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, pageOf } from '../../../contracts/common';
import {
  CreateDepartment,
  CreateHospital,
  Department,
  DepartmentQuery,
  Hospital,
  HospitalQuery,
  UpdateDepartment,
  UpdateHospital,
} from '../../../contracts/organisation';
import { ctxOf } from '../../platform/context';
import * as departments from './departments.service';
import * as hospitals from './hospitals.service';

/** Hospitals of the installation and the departments of the active hospital. */
export function hospitalRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/hospitals',
    {
      config: { access: { anyOf: ['hospitals:read'] } },
      schema: {
        tags: ['hospitals'],
        summary: 'The hospitals you work at (platform admins: every hospital)',
        querystring: HospitalQuery,
        response: { 200: pageOf(Hospital) },
      },
    },
    async (req) => hospitals.listHospitals(ctxOf(req), req.query),
  );

  app.post(
    '/api/hospitals',
    {
      config: { access: { anyOf: ['hospitals:create'] } },
      schema: {
        tags: ['hospitals'],
        summary: 'Add a hospital (platform admins)',
        body: CreateHospital,
        response: { 201: Hospital },
      },
    },
    async (req, reply) => reply.status(201).send(await hospitals.createHospital(ctxOf(req), req.body)),
  );

  app.get(
    '/api/hospitals/:id',
    {
      config: { access: { anyOf: ['hospitals:read'] } },
      schema: {
        tags: ['hospitals'],
        summary: 'One hospital you work at',
        params: IdParams,
        response: { 200: Hospital },
      },
    },
    async (req) => hospitals.getHospital(ctxOf(req), req.params.id),
  );

  app.patch(
    '/api/hospitals/:id',
    {
      config: { access: { anyOf: ['hospitals:update'] } },
      schema: {
        tags: ['hospitals'],
        summary: 'Edit a hospital (its admin); only platform admins may change `active`',
        params: IdParams,
        body: UpdateHospital,
        response: { 200: Hospital },
      },
    },
    async (req) => hospitals.updateHospital(ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/departments',
    {
      config: { access: { anyOf: ['departments:read'] } },
      schema: {
        tags: ['departments'],
        summary: 'Departments of the active hospital',
        querystring: DepartmentQuery,
        response: { 200: z.object({ items: z.array(Department) }) },
      },
    },
    async (req) => ({ items: await departments.listDepartments(ctxOf(req), req.query) }),
  );

  app.post(
    '/api/departments',
    {
      config: { access: { anyOf: ['departments:manage'] } },
      schema: {
        tags: ['departments'],
        summary: 'Add a department to the active hospital',
        body: CreateDepartment,
        response: { 201: Department },
      },
    },
    async (req, reply) => reply.status(201).send(await departments.createDepartment(ctxOf(req), req.body)),
  );

  app.patch(
    '/api/departments/:id',
    {
      config: { access: { anyOf: ['departments:manage'] } },
      schema: {
        tags: ['departments'],
        summary: 'Rename, describe, deactivate or reactivate a department',
        params: IdParams,
        body: UpdateDepartment,
        response: { 200: Department },
      },
    },
    async (req) => departments.updateDepartment(ctxOf(req), req.params.id, req.body),
  );
}
