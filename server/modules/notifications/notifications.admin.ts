import path from 'node:path';
import type {
  Channel,
  Delivery,
  DeliveryPage,
  DeliveryQuery,
  DeliveryStatus,
  NotificationKind,
  OutboxMessage,
  OutboxPage,
} from '../../../contracts/notifications';
import type { Config } from '../../config';
import { audit, auditRead } from '../../platform/audit/audit.service';
import { requireHospital } from '../../platform/auth/actor';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import type { Mailer } from '../../platform/mail/mailer';
import { listOutbox, readOutboxMessage } from '../../platform/mail/outbox';
import type { SmsProvider } from '../../platform/sms';
import { notify, type NotifyResult } from './notifications.notify';
import * as repo from './notifications.repo';

// Admin views: the delivery log (hospital admins see their hospital's rows, platform admins all),
// the outbox folder and the operator's test notice (platform admins).

function toDelivery(r: repo.DeliveryRow): Delivery {
  return {
    id: r.id,
    messageId: r.messageId,
    template: r.template,
    kind: r.kind as NotificationKind,
    channel: r.channel as Channel,
    recipient: r.recipient,
    userId: r.userId,
    hospitalId: r.hospitalId,
    status: r.status as DeliveryStatus,
    mandatory: r.mandatory,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    sentAt: r.sentAt ? r.sentAt.toISOString() : null,
  };
}

/** The delivery log, newest first: a platform admin sees all, a hospital admin their active hospital's. */
export async function listDeliveries(ctx: Ctx, q: DeliveryQuery): Promise<DeliveryPage> {
  const hospitalId = ctx.actor.roles.includes('platform_admin') ? undefined : requireHospital(ctx.actor);
  const { rows, total } = await repo.listDeliveries(
    ctx.db,
    { hospitalId, status: q.status, channel: q.channel },
    q,
  );
  await auditRead(ctx, {
    action: 'notifications.deliveries_read',
    entityType: 'notification_delivery',
    hospitalId: hospitalId ?? null,
    after: { status: q.status ?? null, channel: q.channel ?? null, offset: q.offset, count: rows.length },
  });
  return { items: rows.map(toDelivery), total, limit: q.limit, offset: q.offset };
}

export interface OutboxDeps {
  config: Config;
  mailer: Mailer;
  sms: SmsProvider;
}

export const outboxDir = (config: Config) => path.join(config.dataDir, 'mail');

/** A page of the outbox folder (mail and SMS written instead of sent), newest first. */
export async function listOutboxPage(
  deps: OutboxDeps,
  page: { limit: number; offset: number },
): Promise<OutboxPage> {
  const { items, total } = await listOutbox(outboxDir(deps.config), page);
  return {
    items,
    total,
    limit: page.limit,
    offset: page.offset,
    mailMode: deps.mailer.usesOutbox ? 'outbox' : 'smtp',
    smsMode: deps.sms.usesOutbox ? 'outbox' : 'provider',
  };
}

/** One outbox message; reading one is audited (it may hold a patient's details). */
export async function readOutbox(ctx: Ctx, deps: OutboxDeps, id: string): Promise<OutboxMessage> {
  const message = await readOutboxMessage(outboxDir(deps.config), id);
  if (!message) throw notFound('Outbox message');
  await auditRead(ctx, {
    action: 'outbox.read',
    entityType: 'outbox_message',
    entityId: null,
    hospitalId: null,
    after: { id },
  });
  return message;
}

/** Sends the caller a test notice on every channel they can receive, whatever their preferences. */
export async function sendTestNotice(ctx: Ctx): Promise<NotifyResult> {
  return ctx.db.transaction(async (tx) => {
    const result = await notify(tx, {
      template: 'system.test',
      userId: ctx.actor.userId,
      data: { sentAt: new Date().toISOString() },
      mandatory: true,
    });
    await audit(tx, ctx, {
      action: 'notifications.test_sent',
      entityType: 'user',
      entityId: ctx.actor.userId,
      hospitalId: null,
    });
    return result;
  });
}
