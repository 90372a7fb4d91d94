// The lab's part of a patient's export (ADR 33): their lab orders at every hospital, each test with
// its sample (accession, collection, recollections) and, once a second person has verified them
// (ADR 31), its results with the limits they were judged against. Until then a test shows its
// status only, as in the portal: no value, comment or time of entry leaves before verification.
// A corrected test (ADR 35) gives every released version of its results, each row with its
// version, and its released corrections with their reasons; a correction not released stays out.
import { sql } from 'drizzle-orm';
import { jsonRows, jsonSections } from '../../db/json-sections';
import type { PatientExportStep } from '../module';

export const patientExport: PatientExportStep = (tx, patientId) => {
  const verified = sql`t.status = 'verified'`;
  return jsonSections(tx, {
    labOrders: sql`
      select o.id, o.number, h.name as "hospitalName", o.source, o.consultation_id as "consultationId",
             o.priority, o.clinical_note as "clinicalNote", o.status, o.created_at as "orderedAt",
             u.full_name as "orderedByName", o.cancelled_at as "cancelledAt", o.cancel_reason as "cancelReason",
             ${jsonRows(sql`
               select t.code, t.name, t.sample_type as "sampleType", t.accession, t.status,
                      t.collected_at as "collectedAt", t.sample_note as "sampleNote", t.recollections,
                      case when ${verified} then t.resulted_at end as "resultedAt",
                      t.verified_at as "verifiedAt", t.version,
                      case when ${verified} then coalesce(
                        (select a.result_comment from lab_result_amendments a
                          where a.item_id = t.id and a.version = t.version and a.status = 'released'),
                        t.result_comment) else '' end as "resultComment",
                      ${jsonRows(sql`
                        select r.version, r.name, r.kind, r.unit, r.value_number as "valueNumber", r.value_text as "valueText",
                               r.flag, r.ref_low as "refLow", r.ref_high as "refHigh",
                               r.critical_low as "criticalLow", r.critical_high as "criticalHigh"
                          from lab_results r where r.item_id = t.id and ${verified} and r.version <= t.version
                         order by r.version, r.position`)} as results,
                      ${jsonRows(sql`
                        select a.version, a.reason, a.result_comment as "resultComment", a.released_at as "releasedAt"
                          from lab_result_amendments a where a.item_id = t.id and a.status = 'released'
                         order by a.version`)} as corrections
                 from lab_order_items t where t.order_id = o.id order by t.position`)} as tests
        from lab_orders o join hospitals h on h.id = o.hospital_id join users u on u.id = o.ordered_by
       where o.patient_id = ${patientId} order by o.created_at, o.id`,
  });
};
