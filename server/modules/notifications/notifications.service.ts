import {
  defaultPreference,
  NOTIFICATION_KINDS,
  type ChannelPreference,
  type MarkedRead,
  type Notification,
  type NotificationKind,
  type NotificationListQuery,
  type NotificationPage,
  type Preferences,
  type UpdatePreferences,
} from '../../../contracts/notifications';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import * as repo from './notifications.repo';

// The signed-in person's own notifications and channel choices. Everything here is scoped to
// ctx.actor.userId: another person's notification answers 404.

function toDto(r: repo.NotificationRow): Notification {
  return {
    id: r.id,
    kind: r.kind as NotificationKind,
    title: r.title,
    body: r.body,
    link: r.link,
    hospitalId: r.hospitalId,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt ? r.readAt.toISOString() : null,
  };
}

/** The caller's notifications, newest first; `unread` narrows to unread ones. */
export async function listMyNotifications(ctx: Ctx, q: NotificationListQuery): Promise<NotificationPage> {
  const { rows, total } = await repo.listNotifications(
    ctx.db,
    ctx.actor.userId,
    { unreadOnly: q.unread === true },
    q,
  );
  return { items: rows.map(toDto), total, limit: q.limit, offset: q.offset };
}

/** How many of the caller's notifications are unread (the bell's badge). */
export async function unreadCount(ctx: Ctx): Promise<number> {
  return repo.countUnread(ctx.db, ctx.actor.userId);
}

/** Marks one of the caller's notifications read (again is fine); someone else's is 404. */
export async function markRead(ctx: Ctx, id: string): Promise<void> {
  if (!(await repo.markRead(ctx.db, ctx.actor.userId, id))) throw notFound('Notification');
}

/** Marks every unread notification of the caller read. */
export async function markAllRead(ctx: Ctx): Promise<MarkedRead> {
  return { updated: await repo.markAllRead(ctx.db, ctx.actor.userId) };
}

async function preferencesOf(exec: Ctx['db'], userId: string): Promise<ChannelPreference[]> {
  const rows = new Map((await repo.findPreferences(exec, userId)).map((r) => [r.kind, r]));
  return NOTIFICATION_KINDS.map((kind) => {
    const r = rows.get(kind);
    return r ? { kind, email: r.email, sms: r.sms, inApp: r.inApp } : defaultPreference(kind);
  });
}

/** The caller's channel choices for every kind (defaults where they chose nothing). */
export async function getPreferences(ctx: Ctx): Promise<Preferences> {
  return { items: await preferencesOf(ctx.db, ctx.actor.userId) };
}

/** Saves the caller's choices for the kinds given; the others keep theirs. Audited. */
export async function updatePreferences(ctx: Ctx, input: UpdatePreferences): Promise<Preferences> {
  return ctx.db.transaction(async (tx) => {
    const before = await preferencesOf(tx, ctx.actor.userId);
    for (const p of input.items) {
      await repo.upsertPreference(tx, {
        userId: ctx.actor.userId,
        kind: p.kind,
        email: p.email,
        sms: p.sms,
        inApp: p.inApp,
      });
    }
    const after = await preferencesOf(tx, ctx.actor.userId);
    await audit(tx, ctx, {
      action: 'notifications.preferences_updated',
      entityType: 'user',
      entityId: ctx.actor.userId,
      hospitalId: null,
      before: before.filter((b) => input.items.some((i) => i.kind === b.kind)),
      after: input.items,
    });
    return { items: after };
  });
}
