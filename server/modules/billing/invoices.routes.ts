import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateInvoice,
  DiscardInvoice,
  Invoice,
  InvoiceLineInput,
  InvoiceLineParams,
  InvoicePage,
  InvoiceSearch,
  MyBills,
  UpdateInvoice,
  UpdateInvoiceLine,
} from '../../../contracts/billing';
import { IdParams, NoBody, Paging } from '../../../contracts/common';
import type { Permission } from '../../../contracts/permissions';
import { ctxOf } from '../../platform/context';
import { replyWithPdf } from '../../platform/pdf';
import { finaliseInvoice } from './invoice-finalise';
import * as reading from './invoices.read';
import * as drafts from './invoices.service';
import { printInvoice } from './printing';

const tags = ['billing'];
const NoQuery = z.strictObject({});
const access = (...anyOf: Permission[]) => ({ access: { anyOf } });
const SEE: Permission[] = ['invoices:read', 'pharmacy-invoices:read'];

/** Invoices: generating a bill, its lines, finalising or discarding it; reading and printing. */
export function invoiceRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/billing/invoices',
    {
      config: access(...SEE),
      schema: {
        tags,
        operationId: 'listInvoices',
        summary: "The hospital's invoices, newest first (the pharmacy sees its counter sales' only)",
        querystring: InvoiceSearch,
        response: { 200: InvoicePage },
      },
    },
    async (req) => reading.listInvoices(ctxOf(req), req.query),
  );

  app.get(
    '/api/billing/invoices/:id',
    {
      config: access(...SEE),
      schema: {
        tags,
        operationId: 'getInvoice',
        summary: 'An invoice with its lines, tax by rate, payments and credit notes',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: Invoice },
      },
    },
    async (req) => reading.getInvoice(ctxOf(req), req.params.id),
  );

  app.get(
    '/api/billing/invoices/:id/pdf',
    {
      config: access(...SEE),
      schema: {
        tags,
        operationId: 'getInvoicePdf',
        summary: 'The invoice as a PDF (letterhead, lines, tax by rate, amount in words, balance)',
        params: IdParams,
        querystring: NoQuery,
      },
    },
    async (req, reply) => replyWithPdf(reply, await printInvoice(ctxOf(req), req.params.id)),
  );

  app.post(
    '/api/billing/invoices',
    {
      config: access('invoices:manage'),
      schema: {
        tags,
        operationId: 'createInvoice',
        summary: 'Generate a bill: a draft for a patient registered here, its lines priced on the server',
        body: CreateInvoice,
        response: { 201: Invoice },
      },
    },
    async (req, reply) => reply.status(201).send(await drafts.createInvoice(ctxOf(req), req.body)),
  );

  app.patch(
    '/api/billing/invoices/:id',
    {
      config: access('invoices:manage'),
      schema: {
        tags,
        operationId: 'updateInvoice',
        summary: "Change a draft's department, doctor or notes",
        params: IdParams,
        body: UpdateInvoice,
        response: { 200: Invoice },
      },
    },
    async (req) => drafts.updateInvoice(ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/billing/invoices/:id/lines',
    {
      config: access('invoices:manage'),
      schema: {
        tags,
        operationId: 'addInvoiceLine',
        summary: 'Add a line to a draft: a service, a medicine, or anything described and priced',
        params: IdParams,
        body: InvoiceLineInput,
        response: { 200: Invoice },
      },
    },
    async (req) => drafts.addLine(ctxOf(req), req.params.id, req.body),
  );

  app.patch(
    '/api/billing/invoices/:id/lines/:lineId',
    {
      config: access('invoices:manage'),
      schema: {
        tags,
        operationId: 'updateInvoiceLine',
        summary: "Change a draft line's quantity or discount",
        params: InvoiceLineParams,
        body: UpdateInvoiceLine,
        response: { 200: Invoice },
      },
    },
    async (req) => drafts.updateLine(ctxOf(req), req.params.id, req.params.lineId, req.body),
  );

  app.delete(
    '/api/billing/invoices/:id/lines/:lineId',
    {
      config: access('invoices:manage'),
      schema: {
        tags,
        operationId: 'deleteInvoiceLine',
        summary: 'Remove a line from a draft',
        params: InvoiceLineParams,
        response: { 200: Invoice },
      },
    },
    async (req) => drafts.removeLine(ctxOf(req), req.params.id, req.params.lineId),
  );

  app.post(
    '/api/billing/invoices/:id/finalise',
    {
      config: access('invoices:finalise'),
      schema: {
        tags,
        operationId: 'finaliseInvoice',
        summary:
          'Number a draft (INV-<year>-<n>) and make it final: it never changes again; the patient is mailed the PDF',
        params: IdParams,
        body: NoBody,
        response: { 200: Invoice },
      },
    },
    async (req) => finaliseInvoice(ctxOf(req), req.params.id),
  );

  app.post(
    '/api/billing/invoices/:id/discard',
    {
      config: access('invoices:manage'),
      schema: {
        tags,
        operationId: 'discardInvoice',
        summary: 'Discard a draft that will not be issued, with a reason (it is kept)',
        params: IdParams,
        body: DiscardInvoice,
        response: { 200: Invoice },
      },
    },
    async (req) => drafts.discardInvoice(ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/billing/mine',
    {
      config: access('invoices:read-own'),
      schema: {
        tags,
        operationId: 'listOwnInvoices',
        summary: "A patient's own invoices at every hospital, and what they owe and hold in advance at each",
        querystring: Paging,
        response: { 200: MyBills },
      },
    },
    async (req) => reading.myBills(ctxOf(req), req.query),
  );

  app.get(
    '/api/billing/mine/:id',
    {
      config: access('invoices:read-own'),
      schema: {
        tags,
        operationId: 'getOwnInvoice',
        summary: "One of the patient's own invoices",
        params: IdParams,
        querystring: NoQuery,
        response: { 200: Invoice },
      },
    },
    async (req) => reading.getOwnInvoice(ctxOf(req), req.params.id),
  );

  app.get(
    '/api/billing/mine/:id/pdf',
    {
      config: access('invoices:read-own'),
      schema: {
        tags,
        operationId: 'getOwnInvoicePdf',
        summary: "One of the patient's own invoices as a PDF",
        params: IdParams,
        querystring: NoQuery,
      },
    },
    async (req, reply) => replyWithPdf(reply, await printInvoice(ctxOf(req), req.params.id, true)),
  );
}
