import { bigint, timestamp, uuid } from 'drizzle-orm/pg-core';
import { newId } from './ids';

/** Time-ordered UUIDv7 primary key, made in the app (PostgreSQL 15 has no newId()). */
export const idColumn = () =>
  uuid('id')
    .primaryKey()
    .$defaultFn(() => newId());

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** An amount of money in integer minor units (paise, cents), read as a JS number. */
export const money = (name: string) => bigint(name, { mode: 'number' });
