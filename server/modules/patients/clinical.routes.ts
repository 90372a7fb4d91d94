import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../../contracts/common';
import {
  Allergy,
  AllergyParams,
  Condition,
  ConditionParams,
  NewAllergy,
  NewCondition,
  UpdateAllergy,
  UpdateCondition,
} from '../../../contracts/patients';
import { ctxOf } from '../../platform/context';
import { addAllergy, addCondition, changeAllergy, changeCondition } from './clinical.service';

const tags = ['patients'];
const access = { anyOf: ['patients:clinical-update'] } as const;

/** Allergies and conditions: recorded and corrected, never deleted. */
export function clinicalRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/patients/:id/allergies',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Record an allergy',
        params: IdParams,
        body: NewAllergy,
        response: { 201: Allergy },
      },
    },
    async (req, reply) => reply.status(201).send(await addAllergy(ctxOf(req), req.params.id, req.body)),
  );

  app.patch(
    '/api/patients/:id/allergies/:allergyId',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Change an allergy (status active / inactive / entered_in_error, reaction, severity)',
        params: AllergyParams,
        body: UpdateAllergy,
        response: { 200: Allergy },
      },
    },
    async (req) => changeAllergy(ctxOf(req), req.params.id, req.params.allergyId, req.body),
  );

  app.post(
    '/api/patients/:id/conditions',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Record a condition',
        params: IdParams,
        body: NewCondition,
        response: { 201: Condition },
      },
    },
    async (req, reply) => reply.status(201).send(await addCondition(ctxOf(req), req.params.id, req.body)),
  );

  app.patch(
    '/api/patients/:id/conditions/:conditionId',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Change a condition (status active / resolved / entered_in_error, ICD-10 code, onset date)',
        params: ConditionParams,
        body: UpdateCondition,
        response: { 200: Condition },
      },
    },
    async (req) => changeCondition(ctxOf(req), req.params.id, req.params.conditionId, req.body),
  );
}
