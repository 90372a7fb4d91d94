// Queries for the bill and the summary of a stay: the stays with the rate each kept, the hospital's
// bed-day rule, the structured discharge summaries, and (by SQL, as admissions read
// consultations) the diagnoses of the consultation a patient was admitted from and ICD-10 titles.
import { eq, inArray, sql } from 'drizzle-orm';
import type { BedDayRule, WardBillingSettings } from '../../../contracts/discharge';
import type { BedType, DischargeDetails } from '../../../contracts/wards';
import { queryRows, type Executor } from '../../db/client';
import { wardBillingSettings } from './bed-days.tables';
import { dischargeSummaries } from './discharge.tables';
import { admissions } from './wards.tables';

export interface BillStay {
  bedId: string;
  bedLabel: string;
  bedType: BedType;
  wardId: string;
  wardName: string;
  dailyRateMinor: number;
  from: Date;
  to: Date | null;
}

/** The admission's stays in beds, oldest first, each with the rate it kept. */
export async function billStays(exec: Executor, admissionId: string): Promise<BillStay[]> {
  const rows = await queryRows<Record<string, unknown>>(
    exec,
    sql`select o.bed_id, b.label, b.bed_type, w.id as ward_id, w.name as ward_name, o.daily_rate_minor,
               o.started_at, o.ended_at
          from bed_occupancies o
          join beds b on b.id = o.bed_id
          join wards w on w.id = b.ward_id
         where o.admission_id = ${admissionId}
         order by o.started_at, o.created_at`,
  );
  return rows.map((r) => ({
    bedId: r.bed_id as string,
    bedLabel: r.label as string,
    bedType: r.bed_type as BedType,
    wardId: r.ward_id as string,
    wardName: r.ward_name as string,
    dailyRateMinor: Number(r.daily_rate_minor),
    from: new Date(r.started_at as string),
    to: r.ended_at ? new Date(r.ended_at as string) : null,
  }));
}

/** The hospital's bed-day rule (the midnight census unless it chose otherwise). */
/** How the hospital bills bed-days: midnight census and no tax unless it chose otherwise. */
export async function billingSettings(exec: Executor, hospitalId: string): Promise<WardBillingSettings> {
  const [row] = await exec
    .select({ rule: wardBillingSettings.bedDayRule, taxRateBp: wardBillingSettings.bedDayTaxRateBp })
    .from(wardBillingSettings)
    .where(eq(wardBillingSettings.hospitalId, hospitalId));
  return {
    bedDayRule: (row?.rule as BedDayRule | undefined) ?? 'midnight_census',
    bedDayTaxRateBp: row?.taxRateBp ?? 0,
  };
}

export async function setBillingSettings(
  exec: Executor,
  hospitalId: string,
  s: WardBillingSettings,
  by: string,
) {
  const values = { bedDayRule: s.bedDayRule, bedDayTaxRateBp: s.bedDayTaxRateBp, updatedBy: by };
  await exec
    .insert(wardBillingSettings)
    .values({ hospitalId, ...values })
    .onConflictDoUpdate({
      target: wardBillingSettings.hospitalId,
      set: { ...values, updatedAt: new Date() },
    });
}

/** An admission by id at any hospital (the patient reads their own wherever it was). */
export async function admissionById(exec: Executor, id: string) {
  const [row] = await exec.select().from(admissions).where(eq(admissions.id, id));
  return row ?? null;
}

export type Diagnosis = DischargeDetails['diagnoses'][number];

/** The diagnoses of a consultation, primary first, then as listed. */
export async function consultationDiagnoses(exec: Executor, consultationId: string): Promise<Diagnosis[]> {
  return queryRows<Diagnosis>(
    exec,
    sql`select code, description, is_primary as "primary" from consultation_diagnoses
         where consultation_id = ${consultationId} order by is_primary desc, position`,
  );
}

/** Active ICD-10 codes among those given, with their titles. */
export async function activeIcd10(exec: Executor, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await queryRows<{ code: string; title: string }>(
    exec,
    sql`select code, title from icd10_codes where active and code = any(${sql.param(codes)}::text[])`,
  );
  return new Map(rows.map((r) => [r.code, r.title]));
}

export async function insertSummary(exec: Executor, v: typeof dischargeSummaries.$inferInsert) {
  await exec.insert(dischargeSummaries).values(v);
}

/** The structured discharge summaries of admissions, by admission id. */
export async function summariesOf(
  exec: Executor,
  admissionIds: readonly string[],
): Promise<Map<string, DischargeDetails>> {
  if (admissionIds.length === 0) return new Map();
  const rows = await exec
    .select()
    .from(dischargeSummaries)
    .where(inArray(dischargeSummaries.admissionId, [...admissionIds]));
  return new Map(
    rows.map((r) => [
      r.admissionId,
      {
        condition: r.condition as DischargeDetails['condition'],
        diagnoses: r.diagnoses,
        procedures: r.procedures,
        medicines: r.medicines,
        followUp: r.followUp,
      },
    ]),
  );
}
