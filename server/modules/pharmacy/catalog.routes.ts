import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common';
import {
  CreateMedicine,
  CreateStore,
  ImportReport,
  Medicine,
  MedicinePage,
  MedicineSearch,
  Store,
  UpdateMedicine,
} from '../../../contracts/pharmacy';
import { ctxOf } from '../../platform/context';
import * as catalog from './catalog.service';
import * as stock from './stock.service';

const tags = ['pharmacy'];
const NoQuery = z.strictObject({});

/** The medicine catalog and the stores stock is held in. */
export function catalogRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/medicines',
    {
      config: { access: { anyOf: ['medicines:read'] } },
      schema: {
        tags,
        summary: "Search the active hospital's medicine catalog (typo-tolerant; a barcode finds its item)",
        querystring: MedicineSearch,
        response: { 200: MedicinePage },
      },
    },
    async (req) => catalog.listMedicines(ctxOf(req), req.query),
  );

  app.get(
    '/api/medicines/:id',
    {
      config: { access: { anyOf: ['medicines:read'] } },
      schema: {
        tags,
        summary: 'A medicine with its stock',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: Medicine },
      },
    },
    async (req) => catalog.getMedicine(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/medicines',
    {
      config: { access: { anyOf: ['medicines:manage'] } },
      schema: {
        tags,
        summary: 'Add a medicine to the catalog',
        body: CreateMedicine,
        response: { 201: Medicine },
      },
    },
    async (req, reply) => reply.status(201).send(await catalog.createMedicine(ctxOf(req), req.body)),
  );

  app.patch(
    '/api/medicines/:id',
    {
      config: { access: { anyOf: ['medicines:manage'] } },
      schema: {
        tags,
        summary: 'Change a medicine, or take it out of use (active: false)',
        params: IdParams,
        body: UpdateMedicine,
        response: { 200: Medicine },
      },
    },
    async (req) => catalog.updateMedicine(ctxOf(req), req.params.id, req.body),
  );

  // CSV arrives as text/csv; parsed here only, so no other route accepts it.
  root.register(async (scope) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 2_000_000 }, (_req, body, done) =>
      done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/medicines/import',
      {
        config: { access: { anyOf: ['medicines:manage'] } },
        schema: {
          tags,
          summary: `Import medicines from CSV (text/csv; columns ${catalog.CSV_COLUMNS.join(', ')}); refused rows are reported`,
          body: catalog.CsvBody,
          response: { 200: ImportReport },
        },
      },
      async (req) => catalog.importMedicines(ctxOf(req), req.body),
    );
  });

  app.get(
    '/api/stores',
    {
      config: { access: { anyOf: ['stock:read', 'ward-requests:read'] } },
      schema: {
        tags,
        summary: "The active hospital's stores",
        querystring: NoQuery,
        response: { 200: z.object({ items: z.array(Store) }) },
      },
    },
    async (req) => ({ items: await stock.listStores(ctxOf(req)) }),
  );

  app.post(
    '/api/stores',
    {
      config: { access: { anyOf: ['stores:manage'] } },
      schema: { tags, summary: 'Add a ward store', body: CreateStore, response: { 201: Store } },
    },
    async (req, reply) => reply.status(201).send(await stock.createWardStore(ctxOf(req), req.body.name)),
  );
}
