import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CashClosing,
  CashClosingPage,
  CashClosingSearch,
  CashDay,
  CashDayQuery,
  CloseCashDay,
  OutstandingPage,
  OutstandingQuery,
  RevenueQuery,
  RevenueReport,
} from '../../../contracts/billing-reports';
import type { Permission } from '../../../contracts/permissions';
import { ctxOf } from '../../platform/context';
import * as closing from './cash-closing.service';
import * as reports from './reports.service';

const tags = ['billing'];
const access = (...anyOf: Permission[]) => ({ access: { anyOf } });

/** Answers with a CSV file that spreadsheets open safely. */
const csv = (reply: FastifyReply, filename: string, body: string) =>
  reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .serializer((s: unknown) => String(s))
    .send(body);

/** Cashiers closing their day; revenue and outstanding balances. */
export function reportRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/billing/cash-day',
    {
      config: access('cash-closing:manage'),
      schema: {
        tags,
        operationId: 'getCashDay',
        summary:
          "The caller's takings on a day by method (today at the hospital by default), and its closing",
        querystring: CashDayQuery,
        response: { 200: CashDay },
      },
    },
    async (req) => closing.getCashDay(ctxOf(req), req.query.date),
  );

  app.post(
    '/api/billing/cash-closings',
    {
      config: access('cash-closing:manage'),
      schema: {
        tags,
        operationId: 'closeCashDay',
        summary:
          "Close the caller's day with the cash counted: recorded by method, the difference kept; once per day",
        body: CloseCashDay,
        response: { 201: CashClosing },
      },
    },
    async (req, reply) => reply.status(201).send(await closing.closeCashDay(ctxOf(req), req.body)),
  );

  app.get(
    '/api/billing/cash-closings',
    {
      config: access('cash-closing:manage', 'billing-reports:read'),
      schema: {
        tags,
        operationId: 'listCashClosings',
        summary: "Closed days, newest first: one's own, or every cashier's with the reports permission",
        querystring: CashClosingSearch,
        response: { 200: CashClosingPage },
      },
    },
    async (req) => closing.listClosings(ctxOf(req), req.query),
  );

  app.get(
    '/api/billing/reports/revenue',
    {
      config: access('billing-reports:read'),
      schema: {
        tags,
        operationId: 'getRevenueReport',
        summary:
          'Revenue over a range of days by day, department or doctor (invoiced less credited), or by payment method (collected less refunded); format=csv for a spreadsheet-safe CSV',
        querystring: RevenueQuery,
        response: { 200: RevenueReport.or(z.string()) },
      },
    },
    async (req, reply) => {
      const report = await reports.revenue(ctxOf(req), req.query);
      if (req.query.format !== 'csv') return report;
      return csv(
        reply,
        `revenue-by-${report.by}-${report.from}-${report.to}.csv`,
        reports.revenueCsv(report),
      );
    },
  );

  app.get(
    '/api/billing/reports/outstanding',
    {
      config: access('billing-reports:read', 'invoices:read'),
      schema: {
        tags,
        operationId: 'listOutstandingBalances',
        summary:
          'What each patient owes on final invoices, most first; format=csv for a spreadsheet-safe CSV of all of them (up to 10,000), whatever the page',
        querystring: OutstandingQuery,
        response: { 200: OutstandingPage.or(z.string()) },
      },
    },
    async (req, reply) => {
      const page = await reports.outstanding(ctxOf(req), req.query);
      if (req.query.format !== 'csv') return page;
      return csv(reply, 'outstanding-balances.csv', reports.outstandingCsv(page));
    },
  );
}
