// The patient columns encrypted at rest (product §17, ADR 34): the insurance policy number, the one
// identifier that is not needed to find a person (names, phones and e-mails are searched, so they
// are protected by access control and the disk, not by this). Sealed when written, opened when read;
// the audit log names a change to a sealed column without its value.
import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { openNullable, sealingKeyId, seal } from '../../platform/sealing';

export const INSURANCE_POLICY_COLUMN = 'patients.insurance_policy_number';

interface SealedFields {
  insurancePolicyNumber?: string | null;
}

/** The values with the sealed columns sealed: always, whatever the text looks like. */
export function sealPatientColumns<T extends SealedFields>(values: T): T {
  const v = values.insurancePolicyNumber;
  if (v === undefined || v === null) return values;
  return { ...values, insurancePolicyNumber: seal(v, INSURANCE_POLICY_COLUMN) };
}

/** The values with the sealed columns opened. */
export function openPatientColumns<T extends SealedFields>(values: T): T {
  const v = values.insurancePolicyNumber;
  if (v === undefined || v === null) return values;
  return { ...values, insurancePolicyNumber: openInsurancePolicy(v) };
}

/** The insurance policy number as the record keeps it, opened. */
export function openInsurancePolicy(stored: string | null): string | null {
  return openNullable(stored, INSURANCE_POLICY_COLUMN);
}

/** What the audit log keeps of the values: a sealed column only as "changed" (never its value). */
export function auditablePatientValues<T extends object>(values: T): T {
  const v = (values as SealedFields).insurancePolicyNumber;
  if (v === undefined || v === null) return values;
  return { ...values, insurancePolicyNumber: '[encrypted]' };
}

/**
 * Seals what was written before its column was sealed, or under a key that no longer seals (after
 * a key change, ADR 34), a thousand rows at a time. Idempotent; run at every start.
 */
export async function sealStalePatientColumns(db: Executor): Promise<number> {
  const current = `hsec1.${sealingKeyId()}.%`;
  let done = 0;
  for (;;) {
    const rows = await queryRows<{ id: string; value: string }>(
      db,
      sql`select id, insurance_policy_number as value from patients
           where insurance_policy_number is not null and insurance_policy_number not like ${current}
           limit 1000`,
    );
    if (rows.length === 0) return done;
    for (const r of rows) {
      const plain = openInsurancePolicy(r.value)!;
      // Only if unchanged since it was read: a concurrent edit has sealed it already.
      await db.execute(
        sql`update patients set insurance_policy_number = ${seal(plain, INSURANCE_POLICY_COLUMN)}
             where id = ${r.id} and insurance_policy_number = ${r.value}`,
      );
    }
    done += rows.length;
  }
}
