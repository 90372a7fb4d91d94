// How a hospital counts the bed-days it bills, and the tax on them (ADR 14). A hospital without a
// row counts by the midnight census and charges no tax on beds.
import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
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
    /** Tax on bed-days in basis points (500 = 5%), for a hospital whose room rent is taxed. */
    bedDayTaxRateBp: integer('bed_day_tax_rate_bp').notNull().default(0),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('ward_billing_settings_rule_ck', sql`${t.bedDayRule} in ('midnight_census','calendar_day')`),
    check('ward_billing_settings_tax_ck', sql`${t.bedDayTaxRateBp} between 0 and 10000`),
  ],
);
