// The pharmacy's part of a patient's export (ADR 33): their prescriptions with each line and how
// much of it was dispensed, what they bought at the counter, and their online orders with lines,
// delivery details and the order's story. Money in minor units of the stated currency.
import { sql } from 'drizzle-orm';
import { jsonRows, jsonSections } from '../../db/json-sections';
import type { PatientExportStep } from '../module';
import { medicineName } from './stock.query.repo';

/** A priced line of a sale or an order (`l`, its medicine `m`). */
const pricedLine = sql`${medicineName} as medicine, l.quantity, l.unit_price_minor as "unitPriceMinor",
  l.tax_rate_bp as "taxRateBp", l.net_minor as "netMinor", l.tax_minor as "taxMinor", l.total_minor as "totalMinor"`;

export const patientExport: PatientExportStep = (tx, patientId) =>
  jsonSections(tx, {
    prescriptions: sql`
      select p.id, h.name as "hospitalName", p.source, p.prescriber_name as "prescriberName",
             p.written_on as "writtenOn", p.notes, p.status, p.created_at as "enteredAt",
             ${jsonRows(sql`
               select ${medicineName} as medicine, m.dispensing_unit as "dispensingUnit", l.directions,
                      l.quantity_prescribed as "quantityPrescribed", l.quantity_dispensed as "quantityDispensed"
                 from prescription_lines l join medicines m on m.id = l.medicine_id
                where l.prescription_id = p.id order by l.position`)} as lines
        from prescriptions p join hospitals h on h.id = p.hospital_id
       where p.patient_id = ${patientId} order by p.created_at, p.id`,
    pharmacySales: sql`
      select s.id, h.name as "hospitalName", s.sold_at as "soldAt", s.currency, s.net_minor as "netMinor",
             s.tax_minor as "taxMinor", s.total_minor as "totalMinor",
             ${jsonRows(sql`
               select ${pricedLine} from pharmacy_sale_lines l join medicines m on m.id = l.medicine_id
                where l.sale_id = s.id order by l.position`)} as lines
        from pharmacy_sales s join hospitals h on h.id = s.hospital_id
       where s.patient_id = ${patientId} order by s.sold_at, s.id`,
    pharmacyOrders: sql`
      select o.id, o.number, h.name as "hospitalName", o.status, o.fulfilment,
             o.delivery_address as "deliveryAddress", o.needs_prescription as "needsPrescription",
             o.prescription_document_id as "prescriptionDocumentId", o.rejection_reason as "rejectionReason",
             o.currency, o.net_minor as "netMinor", o.tax_minor as "taxMinor", o.total_minor as "totalMinor",
             o.placed_at as "placedAt", o.updated_at as "updatedAt",
             ${jsonRows(sql`
               select ${pricedLine} from pharmacy_order_lines l join medicines m on m.id = l.medicine_id
                where l.order_id = o.id order by l.position`)} as lines,
             ${jsonRows(sql`
               select e.status, e.note, e.at from pharmacy_order_events e
                where e.order_id = o.id order by e.at, e.id`)} as events
        from pharmacy_orders o join hospitals h on h.id = o.hospital_id
       where o.patient_id = ${patientId} order by o.placed_at, o.id`,
  });
