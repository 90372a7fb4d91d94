// What the FHIR API reads of the lab (results.fhir.ts, reports.fhir.ts): a patient's verified
// results with the test and sample they come from, and their orders as reports, filtered and
// ordered in SQL. Always at one hospital.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import type { DateRange } from '../../platform/fhir/fhir.params';
import { datesCondition } from '../../platform/fhir/fhir.sql';
import { listedPage, type ListedOrder } from './orders.repo';

/** One verified result, with its test, sample, order and patient, and who verified it. */
export interface VerifiedResultRow {
  id: string;
  name: string;
  kind: 'numeric' | 'text';
  unit: string;
  refLow: number | null;
  refHigh: number | null;
  valueNumber: number | null;
  valueText: string;
  flag: string | null;
  testCode: string;
  collectedAt: string;
  verifiedAt: string;
  verifiedByName: string;
  orderId: string;
  hospitalId: string;
  patientId: string;
  patientName: string;
  consultationId: string | null;
  /** The version of the results it belongs to, and the version the test has released (ADR 35). */
  version: number;
  /** When a correction superseded it (null for the version released). */
  supersededAt: string | null;
  releasedVersion: number;
}

// A corrected version's results were released by the correction (ADR 35): its time and person
// stand for the verification's, and a superseded version's results changed when the next came.
const RESULTS = sql`lab_results x
  join lab_order_items i on i.id = x.item_id
  join lab_orders o on o.id = i.order_id
  join patients p on p.id = o.patient_id
  left join lab_result_amendments am on am.item_id = i.id and am.version = x.version and am.status = 'released'
  left join lab_result_amendments nx on nx.item_id = i.id and nx.version = x.version + 1 and nx.status = 'released'
  join users v on v.id = coalesce(am.released_by, i.verified_by)`;

const RESULT_COLUMNS = sql`x.version, i.version as "releasedVersion", x.id, x.name, x.kind, x.unit, x.ref_low as "refLow", x.ref_high as "refHigh",
  x.value_number as "valueNumber", x.value_text as "valueText", x.flag, i.code as "testCode",
  i.collected_at as "collectedAt", coalesce(am.released_at, i.verified_at) as "verifiedAt",
  v.full_name as "verifiedByName", nx.released_at as "supersededAt",
  o.id as "orderId", o.hospital_id as "hospitalId", o.patient_id as "patientId",
  trim(p.given_name || ' ' || p.family_name) as "patientName", o.consultation_id as "consultationId"`;

/** An analyte's code: its test's code and its name, as the results keep them (`CBC:Haemoglobin`). */
export const ANALYTE_CODE = sql`i.code || ':' || x.name`;

/**
 * A patient's verified results at the hospital, newest sample first, each test's in report order.
 * Results still open to re-entry are never published (results.fhir.ts says why).
 */
export async function verifiedResultPage(
  exec: Executor,
  hospitalId: string,
  q: { patientId: string; code?: string; dates?: readonly DateRange[]; limit: number; offset: number },
): Promise<{ rows: VerifiedResultRow[]; total: number }> {
  const conds = [
    sql`i.hospital_id = ${hospitalId}`,
    sql`o.patient_id = ${q.patientId}`,
    sql`i.status = 'verified'`,
    sql`x.version = i.version`,
  ];
  if (q.code !== undefined) conds.push(sql`lower(${ANALYTE_CODE}) = ${q.code.toLowerCase()}`);
  const collected = datesCondition(sql`i.collected_at`, q.dates);
  if (collected) conds.push(collected);
  const where = sql.join(conds, sql` and `);
  const [rows, [count]] = await Promise.all([
    queryRows<VerifiedResultRow>(
      exec,
      sql`select ${RESULT_COLUMNS} from ${RESULTS} where ${where}
           order by i.collected_at desc, i.id desc, x.position limit ${q.limit} offset ${q.offset}`,
    ),
    queryRows<{ n: number }>(exec, sql`select count(*)::int as n from ${RESULTS} where ${where}`),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export async function verifiedResult(
  exec: Executor,
  hospitalId: string,
  id: string,
): Promise<VerifiedResultRow | null> {
  const [row] = await queryRows<VerifiedResultRow>(
    exec,
    sql`select ${RESULT_COLUMNS} from ${RESULTS}
         where i.hospital_id = ${hospitalId} and x.id = ${id} and i.status = 'verified'
           and x.version <= i.version`,
  );
  return row ?? null;
}

/** A report's status as the order's tests make it (see reports.fhir.ts). */
export type ReportStatus = 'registered' | 'partial' | 'final' | 'corrected' | 'cancelled';

const anyVerified = sql`exists (select 1 from lab_order_items y where y.order_id = o.id and y.status = 'verified')`;
const anyCorrected = sql`exists (select 1 from lab_order_items y where y.order_id = o.id and y.version > 1)`;
const REPORT_STATUS: Record<ReportStatus, SQL> = {
  cancelled: sql`o.status = 'cancelled'`,
  final: sql`(o.status = 'reported' and not ${anyCorrected})`,
  corrected: sql`(o.status = 'reported' and ${anyCorrected})`,
  partial: sql`(o.status in ('awaiting_sample', 'collected') and ${anyVerified})`,
  registered: sql`(o.status in ('awaiting_sample', 'collected') and not ${anyVerified})`,
};

/** When a report's samples were taken: the first of them. */
const FIRST_SAMPLE = sql`(select min(y.collected_at) from lab_order_items y where y.order_id = o.id)`;

/**
 * A patient's orders at the hospital as reports, newest first: by status, by when the first sample
 * was taken, by a test they hold (`multiple`: orders of more than one test).
 */
export async function reportPage(
  exec: Executor,
  hospitalId: string,
  q: {
    patientId: string;
    statuses: readonly ReportStatus[];
    test?: { code: string } | 'multiple';
    dates?: readonly DateRange[];
    limit: number;
    offset: number;
  },
): Promise<{ rows: ListedOrder[]; total: number }> {
  const conds = [
    sql`o.hospital_id = ${hospitalId}`,
    sql`o.patient_id = ${q.patientId}`,
    sql`(${sql.join(
      q.statuses.map((st) => REPORT_STATUS[st]),
      sql` or `,
    )})`,
  ];
  if (q.test === 'multiple') {
    conds.push(sql`(select count(*) from lab_order_items y where y.order_id = o.id) > 1`);
  } else if (q.test) {
    conds.push(
      sql`exists (select 1 from lab_order_items y where y.order_id = o.id and y.code = ${q.test.code.toUpperCase()})`,
    );
  }
  const sampled = datesCondition(FIRST_SAMPLE, q.dates);
  if (sampled) conds.push(sampled);
  return listedPage(exec, sql.join(conds, sql` and `), sql`o.created_at desc, o.id desc`, q);
}
