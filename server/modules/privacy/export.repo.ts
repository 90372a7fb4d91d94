// What a patient's export reads beside the modules' steps: the privacy module's own rows (consent
// decisions and erasure requests); and the time zone every step's times are written in.
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { jsonSections } from '../../db/json-sections';

/**
 * Makes the transaction's times come out in UTC (`…+00:00`), as the API writes them, whatever the
 * server's zone: the steps' JSON is built by the database in the session's zone.
 */
export async function useUtc(tx: Tx): Promise<void> {
  await tx.execute(sql`set local time zone 'UTC'`);
}

/** Every consent decision and erasure request of the patient, oldest first, at every hospital. */
export function privacySections(tx: Tx, patientId: string): Promise<Record<string, unknown[]>> {
  return jsonSections(tx, {
    consents: sql`
      select c.id, c.purpose, c.decision, c.method, c.note, h.name as "hospitalName",
             u.full_name as "recordedByName", c.recorded_at as "recordedAt"
        from patient_consents c left join hospitals h on h.id = c.hospital_id
        left join users u on u.id = c.recorded_by
       where c.patient_id = ${patientId} order by c.recorded_at, c.id`,
    erasureRequests: sql`
      select e.id, e.status, e.reason, e.requested_at as "requestedAt", e.decided_at as "decidedAt",
             u.full_name as "decidedByName", e.decision_note as "decisionNote", e.erased
        from erasure_requests e left join users u on u.id = e.decided_by
       where e.patient_id = ${patientId} order by e.requested_at, e.id`,
  });
}
