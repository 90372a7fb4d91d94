import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreditNote,
  IssueCreditNote,
  PatientAccount,
  PatientParams,
  Payment,
  RecordDeposit,
  RecordPayment,
  RefundAdvance,
} from '../../../contracts/billing';
import { IdParams } from '../../../contracts/common';
import type { Permission } from '../../../contracts/permissions';
import { ctxOf } from '../../platform/context';
import { replyWithPdf } from '../../platform/pdf';
import { issueCreditNote } from './credit-notes.service';
import * as payments from './payments.service';
import { paymentReceipt, printCreditNote } from './printing';

const tags = ['billing'];
const NoQuery = z.strictObject({});
const access = (...anyOf: Permission[]) => ({ access: { anyOf } });

/** Payments, advances, receipts and credit notes. */
export function paymentRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/billing/invoices/:id/payments',
    {
      config: access('payments:record'),
      schema: {
        tags,
        operationId: 'recordInvoicePayment',
        summary:
          'Take a payment against a final invoice: never more than it owes unless the rest is recorded as an advance; the same idempotency key returns the first payment',
        params: IdParams,
        body: RecordPayment,
        response: { 201: Payment },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await payments.recordPayment(ctxOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/billing/invoices/:id/credit-notes',
    {
      config: access('payments:refund'),
      schema: {
        tags,
        operationId: 'issueCreditNote',
        summary:
          'Credit part or all of a final invoice (CN-<year>-<n>), refunding what was paid beyond its new total; credited in full, it is cancelled',
        params: IdParams,
        body: IssueCreditNote,
        response: { 201: CreditNote },
      },
    },
    async (req, reply) => reply.status(201).send(await issueCreditNote(ctxOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/billing/advances',
    {
      config: access('payments:record'),
      schema: {
        tags,
        operationId: 'recordAdvance',
        summary: 'Take money in advance from a patient registered here, before there is a bill',
        body: RecordDeposit,
        response: { 201: Payment },
      },
    },
    async (req, reply) => reply.status(201).send(await payments.recordDeposit(ctxOf(req), req.body)),
  );

  app.post(
    '/api/billing/advance-refunds',
    {
      config: access('payments:refund'),
      schema: {
        tags,
        operationId: 'refundAdvance',
        summary: "Pay back (part of) a patient's unused advance",
        body: RefundAdvance,
        response: { 201: Payment },
      },
    },
    async (req, reply) => reply.status(201).send(await payments.refundAdvance(ctxOf(req), req.body)),
  );

  app.get(
    '/api/billing/payments/:id',
    {
      config: access('invoices:read', 'pharmacy-invoices:read'),
      schema: {
        tags,
        operationId: 'getPayment',
        summary: 'A payment, advance or advance refund',
        params: IdParams,
        querystring: NoQuery,
        response: { 200: Payment },
      },
    },
    async (req) => payments.getPayment(ctxOf(req), req.params.id),
  );

  app.get(
    '/api/billing/payments/:id/receipt',
    {
      config: access('invoices:read', 'pharmacy-invoices:read'),
      schema: {
        tags,
        operationId: 'getPaymentReceipt',
        summary: 'The receipt of a payment (or the voucher of an advance paid back) as a PDF',
        params: IdParams,
        querystring: NoQuery,
      },
    },
    async (req, reply) => replyWithPdf(reply, await paymentReceipt(ctxOf(req), req.params.id)),
  );

  app.get(
    '/api/billing/credit-notes/:id/pdf',
    {
      config: access('invoices:read', 'pharmacy-invoices:read'),
      schema: {
        tags,
        operationId: 'getCreditNotePdf',
        summary:
          'A credit note as a PDF: the invoice it corrects, the amount and tax credited, the reason, any refund',
        params: IdParams,
        querystring: NoQuery,
      },
    },
    async (req, reply) => replyWithPdf(reply, await printCreditNote(ctxOf(req), req.params.id)),
  );

  app.get(
    '/api/billing/mine/credit-notes/:id/pdf',
    {
      config: access('invoices:read-own'),
      schema: {
        tags,
        operationId: 'getOwnCreditNotePdf',
        summary: "A credit note on one of the patient's own invoices, as a PDF",
        params: IdParams,
        querystring: NoQuery,
      },
    },
    async (req, reply) => replyWithPdf(reply, await printCreditNote(ctxOf(req), req.params.id, true)),
  );

  app.get(
    '/api/billing/patients/:patientId/account',
    {
      config: access('invoices:read'),
      schema: {
        tags,
        operationId: 'getPatientBillingAccount',
        summary: 'What a patient owes here, the advance they hold, and their open bills',
        params: PatientParams,
        querystring: NoQuery,
        response: { 200: PatientAccount },
      },
    },
    async (req) => payments.patientAccount(ctxOf(req), req.params.patientId),
  );
}
