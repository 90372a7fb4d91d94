// Billing's part of a patient's export (ADR 33): the invoices issued to them at every hospital with
// their lines, what they paid or deposited and what was paid back, credit notes, and the advance
// each hospital holds for them. As in the portal, only issued invoices (final or cancelled): a draft
// is still the desk's work and has not been sent to anyone. Money in minor units of the currency.
import { sql } from 'drizzle-orm';
import { jsonRows, jsonSections } from '../../db/json-sections';
import type { PatientExportStep } from '../module';

export const patientExport: PatientExportStep = (tx, patientId) => {
  const issued = sql`i.patient_id = ${patientId} and i.status in ('final', 'cancelled')`;
  const payment = sql`p.number, h.name as "hospitalName", h.currency, p.kind, p.method,
    p.amount_minor as "amountMinor", p.applied_minor as "appliedMinor", p.advance_minor as "advanceMinor",
    p.tendered_minor as "tenderedMinor", p.change_minor as "changeMinor", p.reference, p.note,
    u.full_name as "receivedByName", p.received_at as "receivedAt"`;
  return jsonSections(tx, {
    invoices: sql`
      select i.id, i.number, h.name as "hospitalName", i.status, i.source, i.issued_on as "issuedOn",
             i.finalised_at as "finalisedAt", i.currency, i.gross_minor as "grossMinor",
             i.discount_minor as "discountMinor", i.net_minor as "netMinor", i.tax_minor as "taxMinor",
             i.total_minor as "totalMinor", i.paid_minor as "paidMinor", i.credited_minor as "creditedMinor",
             i.notes, dep.name as "departmentName", du.full_name as "doctorName",
             ${jsonRows(sql`
               select l.kind, l.description, l.quantity, l.unit_price_minor as "unitPriceMinor",
                      l.tax_rate_bp as "taxRateBp", l.discount_kind as "discountKind",
                      l.discount_value as "discountValue", l.discount_reason as "discountReason",
                      l.gross_minor as "grossMinor", l.discount_minor as "discountMinor", l.net_minor as "netMinor",
                      l.tax_minor as "taxMinor", l.total_minor as "totalMinor"
                 from invoice_lines l where l.invoice_id = i.id order by l.position`)} as lines
        from invoices i join hospitals h on h.id = i.hospital_id
        left join departments dep on dep.id = i.department_id
        left join doctor_profiles dp on dp.id = i.doctor_profile_id left join users du on du.id = dp.user_id
       where ${issued} order by i.finalised_at, i.id`,
    // Payments against their invoices, then deposits and refunds of their advance (no invoice).
    payments: sql`
      select * from (
        select ${payment}, i.number as "invoiceNumber"
          from billing_payments p join invoices i on i.id = p.invoice_id
          join hospitals h on h.id = p.hospital_id join users u on u.id = p.received_by
         where ${issued}
        union all
        select ${payment}, null
          from billing_payments p join hospitals h on h.id = p.hospital_id join users u on u.id = p.received_by
         where p.patient_id = ${patientId} and p.invoice_id is null) x
       order by x."receivedAt", x.number`,
    creditNotes: sql`
      select c.number, h.name as "hospitalName", i.number as "invoiceNumber", i.currency,
             c.amount_minor as "amountMinor", c.net_minor as "netMinor", c.tax_minor as "taxMinor",
             c.refund_minor as "refundMinor", c.refund_method as "refundMethod", c.reason,
             c.issued_on as "issuedOn", c.created_at as "createdAt"
        from credit_notes c join invoices i on i.id = c.invoice_id join hospitals h on h.id = c.hospital_id
       where ${issued} order by c.created_at, c.id`,
    advances: sql`
      select h.name as "hospitalName", h.currency, a.advance_minor as "balanceMinor", a.updated_at as "updatedAt"
        from billing_accounts a join hospitals h on h.id = a.hospital_id
       where a.patient_id = ${patientId} order by h.name`,
  });
};
