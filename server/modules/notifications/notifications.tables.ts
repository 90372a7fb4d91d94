import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../db/columns';
import { users } from '../identity/identity.tables';
import { hospitals } from '../organisation/organisation.tables';

/**
 * The delivery log: one row per message per channel, written by notify() in the caller's transaction
 * and advanced by the delivery job. Content is not kept here (codes and links live only in the job),
 * so the log can be kept and shown to admins.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: idColumn(),
    /** The notify() call; its channels share it. */
    messageId: uuid('message_id').notNull(),
    /** The caller's key for "this notice, once" (defaults to the message id). */
    idempotencyKey: text('idempotency_key').notNull(),
    template: text('template').notNull(),
    kind: text('kind').notNull(),
    channel: text('channel').notNull(),
    /** Email address, E.164 number, or (in-app) the user's id. */
    recipient: text('recipient').notNull(),
    userId: uuid('user_id').references(() => users.id),
    hospitalId: uuid('hospital_id').references(() => hospitals.id),
    status: text('status').notNull().default('queued'),
    mandatory: boolean('mandatory').notNull().default(false),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    jobId: uuid('job_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notification_deliveries_key_uq').on(t.template, t.idempotencyKey, t.channel),
    index('notification_deliveries_hospital_idx').on(t.hospitalId, t.createdAt),
    index('notification_deliveries_status_idx').on(t.status, t.createdAt),
    index('notification_deliveries_user_idx').on(t.userId, t.createdAt),
    // An erasure finds every delivery to the person's addresses (ADR 33).
    index('notification_deliveries_recipient_idx').on(t.recipient),
    check('notification_deliveries_channel_ck', sql`${t.channel} in ('email','sms','in_app')`),
    check(
      'notification_deliveries_status_ck',
      sql`${t.status} in ('queued','retrying','sent','failed','skipped')`,
    ),
    check('notification_deliveries_attempts_ck', sql`${t.attempts} >= 0`),
  ],
);

/** In-app notifications (the bell). One per in-app delivery, which makes the job's insert idempotent. */
export const notifications = pgTable(
  'notifications',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    hospitalId: uuid('hospital_id').references(() => hospitals.id),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => notificationDeliveries.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_delivery_uq').on(t.deliveryId),
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_user_unread_idx')
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
  ],
);

/** A person's channel choices per kind of notice; no row means the default for that kind. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    email: boolean('email').notNull(),
    sms: boolean('sms').notNull(),
    inApp: boolean('in_app').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);
