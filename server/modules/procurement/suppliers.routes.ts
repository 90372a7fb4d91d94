import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, NoBody } from '../../../contracts/common';
import { ImportReport } from '../../../contracts/pharmacy';
import {
  CreateSupplier,
  SetSupplierItem,
  Supplier,
  SupplierItemList,
  SupplierItemParams,
  SupplierPage,
  SupplierSearch,
  SUPPLIER_CSV_COLUMNS,
  UpdateSupplier,
} from '../../../contracts/procurement';
import { ctxOf } from '../../platform/context';
import * as suppliers from './suppliers.service';

const tags = ['procurement'];
const NoQuery = z.strictObject({});
const readers = { access: { anyOf: ['suppliers:read' as const] } };
const managers = { access: { anyOf: ['suppliers:manage' as const] } };
const CsvBody = z.string().min(1, 'The file is empty').max(2_000_000, 'The file is too large');

/** Suppliers, what they supply and at what price. */
export function supplierRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/suppliers',
    {
      config: readers,
      schema: {
        tags,
        summary: "The active hospital's suppliers (in use by default), by name",
        querystring: SupplierSearch,
        response: { 200: SupplierPage },
      },
    },
    async (req) => suppliers.listSuppliers(ctxOf(req), req.query),
  );

  app.get(
    '/api/suppliers/:id',
    {
      config: readers,
      schema: {
        tags,
        summary: 'A supplier',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: Supplier },
      },
    },
    async (req) => suppliers.getSupplier(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/suppliers',
    {
      config: managers,
      schema: { tags, summary: 'Add a supplier', body: CreateSupplier, response: { 201: Supplier } },
    },
    async (req, reply) => reply.status(201).send(await suppliers.createSupplier(ctxOf(req), req.body)),
  );

  app.patch(
    '/api/suppliers/:id',
    {
      config: managers,
      schema: {
        tags,
        summary: 'Change a supplier, or take it out of use (active: false); suppliers are never deleted',
        params: IdParams,
        body: UpdateSupplier,
        response: { 200: Supplier },
      },
    },
    async (req) => suppliers.updateSupplier(ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/suppliers/:id/items',
    {
      config: readers,
      schema: {
        tags,
        summary: 'The medicines a supplier supplies, with the last price per pack',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: SupplierItemList },
      },
    },
    async (req) => suppliers.listSupplierItems(ctxOf(req), req.params.id),
  );

  app.put(
    '/api/suppliers/:id/items/:medicineId',
    {
      config: managers,
      schema: {
        tags,
        summary: 'Record that the supplier supplies a medicine (price per pack; preferred supplier for it)',
        params: SupplierItemParams,
        body: SetSupplierItem,
        response: { 200: SupplierItemList },
      },
    },
    async (req) => suppliers.setSupplierItem(ctxOf(req), req.params.id, req.params.medicineId, req.body),
  );

  app.delete(
    '/api/suppliers/:id/items/:medicineId',
    {
      config: managers,
      schema: {
        tags,
        summary: 'The supplier no longer supplies the medicine',
        params: SupplierItemParams,
        body: NoBody,
        response: { 200: SupplierItemList },
      },
    },
    async (req) => suppliers.removeSupplierItem(ctxOf(req), req.params.id, req.params.medicineId),
  );

  // CSV arrives as text/csv; parsed here only, so no other route accepts it.
  root.register(async (scope) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 2_000_000 }, (_req, body, done) =>
      done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/suppliers/import',
      {
        config: managers,
        schema: {
          tags,
          summary: `Import suppliers from CSV (text/csv; columns ${SUPPLIER_CSV_COLUMNS.join(', ')}); a known name is updated; refused rows are reported`,
          body: CsvBody,
          response: { 200: ImportReport },
        },
      },
      async (req) => suppliers.importSuppliers(ctxOf(req), req.body),
    );
  });
}
