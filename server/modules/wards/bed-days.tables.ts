// How a hospital counts the bed-days it bills (ADR 14). A hospital without a row counts by the
// midnight census.
import { sql } from 'drizzle-orm';
import { check, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { updatedAt } from '../../db/columns';
import { users } from '../identity/identity.tables';
import { hospitals } from '../organisation/organisation.tables';

export const wardBillingSettings = pgTable(
  'ward_billing_settings',
  {
    hospitalId: uuid('hospital_id')
      .primaryKey()
      .references(() => hospitals.id),
    bedDayRule: text('bed_day_rule').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [check('ward_billing_settings_rule_ck', sql`${t.bedDayRule} in ('midnight_census','calendar_day')`)],
);
