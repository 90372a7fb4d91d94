import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../db/columns';
import { users } from '../identity/identity.tables';

export const hospitals = pgTable('hospitals', {
  id: idColumn(),
  /** Short code used as the MRN prefix, e.g. CGH. */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  addressLine: text('address_line').notNull().default(''),
  city: text('city').notNull().default(''),
  country: text('country').notNull().default(''),
  phone: text('phone'),
  email: text('email'),
  timeZone: text('time_zone').notNull(),
  currency: text('currency').notNull(),
  requireStaffTwoFactor: boolean('require_staff_two_factor').notNull().default(false),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const departments = pgTable(
  'departments',
  {
    id: idColumn(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('departments_hospital_name_uq').on(t.hospitalId, sql`lower(${t.name})`)],
);

/** A user holds a role at a hospital; platform_admin is the one role held with no hospital. */
export const memberships = pgTable(
  'memberships',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    hospitalId: uuid('hospital_id').references(() => hospitals.id),
    role: text('role').notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('memberships_user_hospital_role_uq').on(t.userId, t.hospitalId, t.role).nullsNotDistinct(),
    index('memberships_hospital_idx').on(t.hospitalId, t.role),
    check(
      'memberships_platform_admin_has_no_hospital',
      sql`(${t.role} = 'platform_admin') = (${t.hospitalId} is null)`,
    ),
  ],
);

export const doctorProfiles = pgTable(
  'doctor_profiles',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    departmentId: uuid('department_id').references(() => departments.id),
    specialty: text('specialty').notNull(),
    qualifications: text('qualifications').notNull().default(''),
    registrationNumber: text('registration_number').notNull(),
    consultationFeeMinor: integer('consultation_fee_minor').notNull().default(0),
    languages: text('languages')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    bio: text('bio').notNull().default(''),
    status: text('status').notNull().default('pending'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    rejectionReason: text('rejection_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('doctor_profiles_hospital_user_uq').on(t.hospitalId, t.userId),
    index('doctor_profiles_hospital_status_idx').on(t.hospitalId, t.status),
    check('doctor_profiles_status_ck', sql`${t.status} in ('pending','approved','rejected')`),
    check('doctor_profiles_fee_ck', sql`${t.consultationFeeMinor} >= 0`),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    id: idColumn(),
    hospitalId: uuid('hospital_id')
      .notNull()
      .references(() => hospitals.id),
    email: text('email').notNull(),
    role: text('role').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('invitations_hospital_idx').on(t.hospitalId, t.createdAt)],
);

/** The `hospital_id` column of a row that belongs to one hospital. */
export const hospitalId = () =>
  uuid('hospital_id')
    .notNull()
    .references(() => hospitals.id);
