import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common';
import {
  AdmissionCharges,
  DischargeCheck,
  DischargedAdmission,
  UpdateWardBillingSettings,
  WardBillingSettings,
} from '../../../contracts/discharge';
import { DischargePatient } from '../../../contracts/wards';
import { ctxOf } from '../../platform/context';
import { replyWithPdf } from '../../platform/pdf';
import * as bedDays from './bed-days.service';
import { dischargeSummaryPdf } from './discharge-pdf';
import * as discharges from './discharge.service';

const tags = ['wards'];
const NoQuery = z.strictObject({});
/** Those who discharge patients, and the desk that collects what is owed. */
const money = { access: { anyOf: ['admissions:manage' as const, 'invoices:read' as const] } };

/** Discharging with a summary and a bill; the running bill of a stay; the bed-day rule. */
export function dischargeRoutes(root: FastifyInstance): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/wards/admissions/:id/discharge',
    {
      config: { access: { anyOf: ['admissions:manage'] } },
      schema: {
        tags,
        operationId: 'dischargePatient',
        summary:
          'Discharge an admitted patient with a summary: the bed goes to cleaning and the stay is billed on one final invoice; the answer says what is still owed (an unpaid balance does not block a discharge)',
        params: IdParams,
        body: DischargePatient,
        response: { 200: DischargedAdmission },
      },
    },
    async (req) => discharges.discharge(ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/wards/admissions/:id/charges',
    {
      config: money,
      schema: {
        tags,
        operationId: 'getAdmissionCharges',
        summary:
          "The stay's bill so far: bed-days by ward and bed type under the hospital's rule, medicines given on the ward, and what the patient owes here",
        params: IdParams,
        querystring: NoQuery,
        response: { 200: AdmissionCharges },
      },
    },
    async (req) => bedDays.admissionCharges(ctxOf(req), req.params.id),
  );

  app.get(
    '/api/wards/admissions/:id/discharge-check',
    {
      config: money,
      schema: {
        tags,
        operationId: 'getDischargeCheck',
        summary:
          "What the patient still owes at this hospital (the stay's charges not yet billed, unpaid bills) and the advance that can pay it",
        params: IdParams,
        querystring: NoQuery,
        response: { 200: DischargeCheck },
      },
    },
    async (req) => discharges.dischargeCheck(ctxOf(req), req.params.id),
  );

  app.get(
    '/api/wards/admissions/:id/discharge-summary.pdf',
    {
      config: { access: { anyOf: ['beds:read', 'own-record:read'] } },
      schema: {
        tags,
        operationId: 'getDischargeSummaryPdf',
        summary: 'The printed discharge summary (staff of the hospital, or the patient)',
        params: IdParams,
        querystring: NoQuery,
      },
    },
    async (req, reply) => replyWithPdf(reply, await dischargeSummaryPdf(ctxOf(req), req.params.id)),
  );

  app.get(
    '/api/wards/billing-settings',
    {
      config: { access: { anyOf: ['wards:manage', 'admissions:manage'] } },
      schema: {
        tags,
        operationId: 'getWardBillingSettings',
        summary: 'How the hospital counts the bed-days it bills',
        querystring: NoQuery,
        response: { 200: WardBillingSettings },
      },
    },
    async (req) => bedDays.getBillingSettings(ctxOf(req)),
  );

  app.put(
    '/api/wards/billing-settings',
    {
      config: { access: { anyOf: ['wards:manage'] } },
      schema: {
        tags,
        operationId: 'updateWardBillingSettings',
        summary: 'Choose how bed-days are counted: midnight census or every calendar day begun',
        body: UpdateWardBillingSettings,
        response: { 200: WardBillingSettings },
      },
    },
    async (req) => bedDays.updateBillingSettings(ctxOf(req), req.body),
  );
}
