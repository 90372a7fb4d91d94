import { and, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { positionalRows, type Executor } from '../../db/client';
import { insertRows, type Positional } from '../../db/side-writes';
import { notificationDeliveries, notificationPreferences, notifications } from './notifications.tables';

export type DeliveryRow = typeof notificationDeliveries.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
export type PreferenceRow = typeof notificationPreferences.$inferSelect;

// ---- Delivery log ----

/** A delivery whose template, idempotency key and channel exist is not written again. */
const SKIP_REPEATS = ' on conflict ("template", "idempotency_key", "channel") do nothing';

/**
 * Writes delivery rows, skipping any whose (template, idempotency key, channel) exists: a repeated
 * notice adds nothing. The ids of the rows written.
 */
export async function insertDeliveries(
  exec: Executor,
  values: (typeof notificationDeliveries.$inferInsert)[],
): Promise<Set<string>> {
  if (values.length === 0) return new Set();
  const rows = await positionalRows<{ id: string }>(
    exec,
    insertRows(notificationDeliveries, values, `${SKIP_REPEATS} returning "id"`),
  );
  return new Set(rows.map((r) => r.id));
}

/** `insertDeliveries` not yet run, to ride along with the change the notice is about (db/side-writes). */
export function deliveriesWrite(values: (typeof notificationDeliveries.$inferInsert)[]): Positional {
  return insertRows(notificationDeliveries, values, SKIP_REPEATS);
}

export async function findDelivery(exec: Executor, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await exec.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, id));
  return row;
}

/** The delivery, locked while the in-app job decides whether it still has to create the notification. */
export async function lockDelivery(exec: Executor, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await exec
    .select()
    .from(notificationDeliveries)
    .where(eq(notificationDeliveries.id, id))
    .for('update');
  return row;
}

/** Records a successful attempt. Only a delivery not already sent moves, so a late duplicate changes nothing. */
export async function markSent(exec: Executor, id: string): Promise<void> {
  await exec
    .update(notificationDeliveries)
    .set({
      status: 'sent',
      attempts: sql`${notificationDeliveries.attempts} + 1`,
      lastError: null,
      sentAt: new Date(),
      updatedAt: new Date(),
    })
    .where(and(eq(notificationDeliveries.id, id), sql`${notificationDeliveries.status} <> 'sent'`));
}

/** Records a failed attempt: `retrying` while attempts remain, else `failed`. */
export async function markAttemptFailed(
  exec: Executor,
  id: string,
  reason: string,
  final: boolean,
): Promise<void> {
  await exec
    .update(notificationDeliveries)
    .set({
      status: final ? 'failed' : 'retrying',
      attempts: sql`${notificationDeliveries.attempts} + 1`,
      lastError: reason.slice(0, 1000),
      updatedAt: new Date(),
    })
    .where(and(eq(notificationDeliveries.id, id), sql`${notificationDeliveries.status} <> 'sent'`));
}

/** An admin put the job back: the delivery is queued again (its last error stays for the record). */
export async function markRequeued(exec: Executor, id: string): Promise<void> {
  await exec
    .update(notificationDeliveries)
    .set({ status: 'retrying', updatedAt: new Date() })
    .where(and(eq(notificationDeliveries.id, id), eq(notificationDeliveries.status, 'failed')));
}

/** A page of the delivery log, newest first, optionally for one hospital. */
export async function listDeliveries(
  exec: Executor,
  f: { hospitalId?: string; status?: string; channel?: string },
  page: { limit: number; offset: number },
): Promise<{ rows: DeliveryRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (f.hospitalId) conditions.push(eq(notificationDeliveries.hospitalId, f.hospitalId));
  if (f.status) conditions.push(eq(notificationDeliveries.status, f.status));
  if (f.channel) conditions.push(eq(notificationDeliveries.channel, f.channel));
  const where = conditions.length ? and(...conditions) : undefined;
  const rows = await exec
    .select()
    .from(notificationDeliveries)
    .where(where)
    .orderBy(desc(notificationDeliveries.createdAt), desc(notificationDeliveries.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await exec.select({ n: count() }).from(notificationDeliveries).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

// ---- In-app notifications ----

/** Creates the notification of an in-app delivery; a second call for the same delivery does nothing. */
export async function insertNotification(
  exec: Executor,
  values: typeof notifications.$inferInsert,
): Promise<void> {
  await exec.insert(notifications).values(values).onConflictDoNothing({ target: notifications.deliveryId });
}

export async function listNotifications(
  exec: Executor,
  userId: string,
  f: { unreadOnly: boolean },
  page: { limit: number; offset: number },
): Promise<{ rows: NotificationRow[]; total: number }> {
  const where = and(
    eq(notifications.userId, userId),
    f.unreadOnly ? isNull(notifications.readAt) : undefined,
  );
  const rows = await exec
    .select()
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await exec.select({ n: count() }).from(notifications).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function countUnread(exec: Executor, userId: string): Promise<number> {
  const [row] = await exec
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** Marks one of the user's notifications read; false when it is not theirs (or does not exist). */
export async function markRead(exec: Executor, userId: string, id: string): Promise<boolean> {
  const rows = await exec
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

export async function markAllRead(exec: Executor, userId: string): Promise<number> {
  const rows = await exec
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

// ---- Preferences ----

export async function findPreferences(
  exec: Executor,
  userId: string,
  kinds?: string[],
): Promise<PreferenceRow[]> {
  return exec
    .select()
    .from(notificationPreferences)
    .where(
      and(
        eq(notificationPreferences.userId, userId),
        kinds ? inArray(notificationPreferences.kind, kinds) : undefined,
      ),
    );
}

export async function upsertPreference(
  exec: Executor,
  values: Omit<typeof notificationPreferences.$inferInsert, 'updatedAt'>,
): Promise<void> {
  await exec
    .insert(notificationPreferences)
    .values(values)
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { email: values.email, sms: values.sms, inApp: values.inApp, updatedAt: new Date() },
    });
}
