import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SchedulingSettings, UpdateSchedulingSettings } from '../../../contracts/scheduling';
import { ctxOf } from '../../platform/context';
import * as settings from './scheduling-settings';

const tags = ['scheduling'];

/** The hospital's appointment rules: the patients' change cut-off and the no-show grace period. */
export function settingsRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/scheduling/settings',
    {
      config: { access: { anyOf: ['appointments:read', 'availability:manage'] } },
      schema: {
        tags,
        summary: "The active hospital's appointment rules (cut-off for patients' changes, no-show grace)",
        querystring: z.strictObject({}),
        response: { 200: SchedulingSettings },
      },
    },
    async (req) => settings.getSchedulingSettings(ctxOf(req)),
  );

  app.put(
    '/api/scheduling/settings',
    {
      config: { access: { anyOf: ['availability:manage'] } },
      schema: {
        tags,
        summary: 'Set the cut-off for patients’ own changes and the no-show grace period (both)',
        body: UpdateSchedulingSettings,
        response: { 200: SchedulingSettings },
      },
    },
    async (req) => settings.updateSchedulingSettings(ctxOf(req), req.body),
  );
}
