import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreatedDraftOrders,
  CreateOrdersFromSuggestions,
  ProcurementInsights,
  ReorderSuggestions,
  SuggestionSearch,
} from '../../../contracts/procurement';
import type { Permission } from '../../../contracts/permissions';
import { ctxOf } from '../../platform/context';
import { procurementInsights } from './insights';
import { listSuggestions, ordersFromSuggestions } from './suggestions.service';

const tags = ['procurement'];
const access = (...anyOf: Permission[]) => ({ access: { anyOf } });

/** What to order (reorder suggestions, turned into drafts) and what was spent. */
export function suggestionRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/procurement/suggestions',
    {
      config: access('purchase-orders:manage'),
      schema: {
        tags,
        operationId: 'listReorderSuggestions',
        summary:
          'Medicines at or under their reorder level in a receiving store, with the packs to order, the supplier and its last price',
        querystring: SuggestionSearch,
        response: { 200: ReorderSuggestions },
      },
    },
    async (req) => listSuggestions(ctxOf(req), req.query.storeId),
  );

  app.post(
    '/api/procurement/suggestions/orders',
    {
      config: access('purchase-orders:manage'),
      schema: {
        tags,
        operationId: 'createOrdersFromSuggestions',
        summary: 'Turn chosen suggestions into draft orders, one per supplier, all or nothing',
        body: CreateOrdersFromSuggestions,
        response: { 201: CreatedDraftOrders },
      },
    },
    async (req, reply) => reply.status(201).send(await ordersFromSuggestions(ctxOf(req), req.body)),
  );

  app.get(
    '/api/procurement/insights',
    {
      config: access('purchase-orders:read'),
      schema: {
        tags,
        operationId: 'getProcurementInsights',
        summary: 'Spend on approved purchase orders by month, the last 12 months at the hospital',
        querystring: z.strictObject({}),
        response: { 200: ProcurementInsights },
      },
    },
    async (req) => procurementInsights(ctxOf(req)),
  );
}
