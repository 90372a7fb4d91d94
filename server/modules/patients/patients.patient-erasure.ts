// The patients module's part of erasing a patient (ADR 33): the record stays, as every clinical and
// financial row points at it, but nothing on it says who the person was. Name, birth date and every
// contact, address, emergency contact and insurance detail go; the account's link goes (the
// identity step closes a patient-only account). What care needs and the law keeps stays: sex, blood
// group, allergies, conditions and the registrations with their MRNs. A temporary record merged
// into this one (ADR 14) is the same person and is erased alike. The record's JSON (ADR 21) is
// rebuilt by its trigger in the same statement; name words nobody has any more leave the word list
// (ADR 17), so a search cannot even suggest the old name.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { countChanged } from '../../db/count-changed';
import type { PatientErasureStep } from '../module';

export const patientErasure: PatientErasureStep = async (tx, { patientId }) => {
  const [{ words } = { words: [] }] = await queryRows<{ words: string[] }>(
    tx,
    sql`select coalesce(array_agg(distinct w), '{}') as words
          from patients p, unnest(string_to_array(p.search_name, ' ')) as w
         where (p.id = ${patientId} or p.merged_into_id = ${patientId}) and w <> ''`,
  );
  const patients = await countChanged(
    tx,
    sql`update patients
           set given_name = 'Erased', family_name = 'patient', date_of_birth = null, phone = null,
               email = null, address_line = '', city = '', postal_code = '', country = '',
               emergency_contact_name = null, emergency_contact_phone = null,
               emergency_contact_relation = null, insurance_provider = null,
               insurance_policy_number = null, user_id = null, updated_at = now()
         where id = ${patientId} or merged_into_id = ${patientId}`,
  );
  // Locked in one order first: two erasures sharing a word never wait on each other in a circle.
  await tx.execute(
    sql`select word from patient_name_words where word = any(${sql.param(words)}::text[])
         order by word for update`,
  );
  // Whether anybody still has a word is answered by the name-words index.
  const nameWords = await countChanged(
    tx,
    sql`delete from patient_name_words n
         where n.word = any(${sql.param(words)}::text[])
           and not exists (select 1 from patients p
                            where string_to_array(p.search_name, ' ') @> array[n.word])`,
  );
  return { patients, nameWords };
};
