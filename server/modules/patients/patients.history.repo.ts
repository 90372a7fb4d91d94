import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { isoTs } from './patients.record.repo';

export interface PatientEventRow extends Record<string, unknown> {
  seq: string | number;
  occurred_at: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  hospital_id: string | null;
  hospital_name: string | null;
  actor_name: string | null;
  actor_role: string | null;
  before: unknown;
  after: unknown;
}

/**
 * Audit actions that only looked at data, by the last word of their name: `patient.read`,
 * `document.listed`, `document.viewed`, `document.downloaded`, `patient.search`,
 * `notifications.deliveries_read`, `consultation.prescription_printed` and
 * `wards.discharge_summary_printed` (a print shows the record to someone), `invoice.list_own`. They belong in the access log, never in the timeline, which
 * shows what changed the record. A POSIX regular expression, so PostgreSQL applies the same rule.
 */
export const READ_ACTION =
  /(^|[._])(read|listed|viewed|downloaded|search|searched|exported|printed|list_own)$/;

/** Whether an audit action only looked at data (see READ_ACTION). */
export function isReadAction(action: string): boolean {
  return READ_ACTION.test(action);
}

export interface PatientEventFilter {
  patientId: string;
  /** Only events recorded at this hospital (staff); all hospitals when absent (the patient). */
  hospitalId?: string;
  /** Reads (the access log) only, or only what changed the record (the timeline). */
  reads: boolean;
  beforeSeq?: number;
}

/**
 * The audit events about one patient, newest first, with the acting person's and hospital's names.
 * The audit log is read by name here (not through the audit module's table) because it joins
 * across modules for display names; it uses the (patient_id, seq) index.
 */
export async function findPatientEvents(
  exec: Executor,
  f: PatientEventFilter,
  limit: number,
): Promise<PatientEventRow[]> {
  const where: SQL[] = [sql`e.patient_id = ${f.patientId}`, sql`e.outcome = 'success'`];
  const reads = READ_ACTION.source;
  where.push(f.reads ? sql`e.action ~ ${reads}` : sql`e.action !~ ${reads}`);
  if (f.hospitalId) where.push(sql`e.hospital_id = ${f.hospitalId}`);
  if (f.beforeSeq) where.push(sql`e.seq < ${f.beforeSeq}`);
  return queryRows<PatientEventRow>(
    exec,
    sql`select e.seq, ${isoTs(sql`e.occurred_at`)} as occurred_at, e.action, e.entity_type, e.entity_id,
               e.hospital_id, h.name as hospital_name, u.full_name as actor_name, e.actor_role, e.before, e.after
          from audit_events e
          left join hospitals h on h.id = e.hospital_id
          left join users u on u.id = e.actor_user_id
         where ${sql.join(where, sql` and `)}
         order by e.seq desc
         limit ${limit}`,
  );
}
