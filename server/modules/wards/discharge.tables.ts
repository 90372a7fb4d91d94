// The structured discharge summary of an admission (ADR 14), written once, in the discharge's
// transaction. The narrative (the course in hospital) stays on the admission as discharge_summary.
import { sql } from 'drizzle-orm';
import { check, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../db/columns';
import { users } from '../identity/identity.tables';
import { hospitalId } from '../organisation/organisation.tables';
import { admissions } from './wards.tables';

export const dischargeSummaries = pgTable(
  'discharge_summaries',
  {
    admissionId: uuid('admission_id')
      .primaryKey()
      .references(() => admissions.id),
    hospitalId: hospitalId(),
    /** The patient's condition at discharge. */
    condition: text('condition').notNull(),
    /** [{ code, description, primary }], the primary first. */
    diagnoses: jsonb('diagnoses')
      .$type<{ code: string | null; description: string; primary: boolean }[]>()
      .notNull(),
    /** What was done during the stay, one entry each. */
    procedures: jsonb('procedures').$type<string[]>().notNull(),
    /** The medicines the patient goes home on: [{ name, directions }]. */
    medicines: jsonb('medicines').$type<{ name: string; directions: string }[]>().notNull(),
    followUp: text('follow_up').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      'discharge_summaries_condition_ck',
      sql`${t.condition} in ('recovered','improved','stable','unchanged','deteriorated')`,
    ),
    check(
      'discharge_summaries_lists_ck',
      sql`jsonb_typeof(${t.diagnoses}) = 'array' and jsonb_typeof(${t.procedures}) = 'array' and jsonb_typeof(${t.medicines}) = 'array'`,
    ),
  ],
);
