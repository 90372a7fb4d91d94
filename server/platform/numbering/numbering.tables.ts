import { integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { hospitals } from '../../modules/organisation/organisation.tables';

/** Per-hospital sequences (MRNs now, invoice numbers later) that must not skip or repeat. */
export const hospitalCounters = pgTable(
  'hospital_counters',
  {
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    name: text('name').notNull(),
    value: integer('value').notNull().default(0),
  },
  (t) => [unique('hospital_counters_pk').on(t.hospitalId, t.name)],
);
