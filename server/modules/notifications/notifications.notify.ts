import { newId } from '../../db/ids';
import {
  defaultPreference,
  type Channel,
  type ChannelPreference,
  type NotificationKind,
} from '../../../contracts/notifications';
import type { Executor } from '../../db/client';
import type { Positional } from '../../db/side-writes';
import { enqueue, enqueueWrite, jobIdForKey } from '../../platform/jobs';
import type { notificationDeliveries } from './notifications.tables';
import { E164 } from '../../platform/sms';
import * as repo from './notifications.repo';
import { recipients, type NoticeHospital } from './notifications.recipients';
import { findTemplate, formatInstant, type RenderContext } from './templates';

/** The job queue of each channel. */
export const QUEUES = {
  email: 'notify.email',
  sms: 'notify.sms',
  in_app: 'notify.in_app',
} as const satisfies Record<Channel, string>;

export interface EmailJob {
  deliveryId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Files sent with the mail, their content in base64 (job data is JSON). */
  attachments?: { filename: string; contentType: string; contentBase64: string }[];
}
export interface SmsJob {
  deliveryId: string;
  to: string;
  body: string;
}
export interface InAppJob {
  deliveryId: string;
  userId: string;
  hospitalId: string | null;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
}

export interface NotifyInput {
  /** A registered template name, e.g. `account.password_reset`; it decides the kind and channels. */
  template: string;
  data?: Record<string, unknown>;
  /** The person: their address, phone, name and preferences are looked up. */
  userId?: string;
  /** Send to this address (someone without an account yet), or instead of the user's. */
  email?: string;
  /** Send to this number (E.164), or instead of the user's. */
  phone?: string;
  /** The hospital the notice speaks for: its name and time zone are used, and admins see it in its log. */
  hospitalId?: string | null;
  /** That hospital's name and time zone, when the caller has them in hand (saves reading them). */
  hospital?: NoticeHospital;
  /** "This notice, once": a second notify() with the same template and key adds nothing. */
  idempotencyKey?: string;
  /** Ignore opt-outs (defaults to the template's setting). */
  mandatory?: boolean;
  /** Deliver no earlier than this (reminders). */
  startAfter?: Date;
  /** Files to send with the email (a purchase order's PDF); other channels ignore them. */
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

export interface NotifyResult {
  messageId: string;
  /** True when the idempotency key had been used: nothing new was queued. */
  duplicate: boolean;
  deliveries: { channel: Channel; status: 'queued' | 'skipped'; reason?: string }[];
}

const PREF_FIELD = { email: 'email', sms: 'sms', in_app: 'inApp' } as const satisfies Record<
  Channel,
  keyof ChannelPreference
>;

/** What a notice will write: one delivery-log row per channel, and the job of each not skipped. */
interface NoticePlan {
  messageId: string;
  rows: {
    t: { channel: Channel; payload: (deliveryId: string) => object };
    skip: string | null;
    values: typeof notificationDeliveries.$inferInsert & { id: string };
  }[];
  startAfter?: Date;
}

/** Renders the template and decides each channel's delivery (reading the user and their preferences). */
async function planNotice(tx: Executor, input: NotifyInput): Promise<NoticePlan> {
  const template = findTemplate(input.template);
  if (!template) throw new Error(`Unknown notification template "${input.template}"`);
  const data = template.data.parse(input.data ?? {});

  const user = input.userId ? await recipients().contact(tx, input.userId) : null;
  if (input.userId && !user) throw new Error(`notify: no user ${input.userId}`);
  const hospital =
    input.hospital && input.hospital.id === input.hospitalId
      ? input.hospital
      : input.hospitalId
        ? await recipients().hospital(tx, input.hospitalId)
        : null;
  if (input.hospitalId && !hospital) throw new Error(`notify: no hospital ${input.hospitalId}`);
  if (template.needsHospital && !hospital) throw new Error(`Template "${template.name}" needs a hospitalId`);

  const timeZone = hospital?.timeZone ?? 'UTC';
  const ctx: RenderContext = {
    hospital: hospital ? { name: hospital.name, timeZone } : null,
    recipientName: user?.fullName ?? null,
    dateTime: (instant) => formatInstant(instant, timeZone),
  };
  const rendered = template.render(data, ctx);
  const mandatory = input.mandatory ?? template.mandatory ?? false;
  let preference: ChannelPreference = defaultPreference(template.kind);
  if (user && !mandatory) {
    const [row] = await repo.findPreferences(tx, user.id, [template.kind]);
    if (row) preference = { kind: template.kind, email: row.email, sms: row.sms, inApp: row.inApp };
  }

  const messageId = newId();
  const targets: { channel: Channel; recipient: string | null; payload: (deliveryId: string) => object }[] =
    [];
  if (rendered.email) {
    const mail = rendered.email;
    const to = input.email ?? user?.email ?? null;
    targets.push({
      channel: 'email',
      recipient: to,
      payload: (deliveryId): EmailJob => ({
        deliveryId,
        to: to!,
        ...mail,
        ...(input.attachments?.length
          ? {
              attachments: input.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                contentBase64: a.content.toString('base64'),
              })),
            }
          : {}),
      }),
    });
  }
  if (rendered.sms !== undefined) {
    const body = rendered.sms;
    const to = input.phone ?? user?.phone ?? null;
    targets.push({
      channel: 'sms',
      recipient: to,
      payload: (deliveryId): SmsJob => ({ deliveryId, to: to!, body }),
    });
  }
  if (rendered.inApp && user) {
    const n = rendered.inApp;
    targets.push({
      channel: 'in_app',
      recipient: user.id,
      payload: (deliveryId): InAppJob => ({
        deliveryId,
        userId: user.id,
        hospitalId: hospital?.id ?? null,
        kind: template.kind,
        title: n.title,
        body: n.body,
        link: n.link ?? null,
      }),
    });
  }

  const rows = targets.map((t) => {
    const skip = skipReason(t.channel, t.recipient, mandatory, preference);
    const id = newId();
    return {
      t,
      skip,
      values: {
        id,
        messageId,
        idempotencyKey: input.idempotencyKey ?? messageId,
        template: template.name,
        kind: template.kind,
        channel: t.channel,
        recipient: t.recipient ?? '',
        userId: user?.id ?? null,
        hospitalId: hospital?.id ?? null,
        status: skip ? ('skipped' as const) : ('queued' as const),
        mandatory,
        lastError: skip ?? null,
        jobId: skip ? null : jobIdForKey(QUEUES[t.channel], id),
      },
    };
  });
  return { messageId, rows, startAfter: input.startAfter };
}

/**
 * Queues a notice in the caller's transaction: renders the template, writes one delivery-log row per
 * channel and enqueues its job, so the notice exists if and only if the change that caused it commits.
 * Opted-out channels are logged as skipped (mandatory notices ignore opt-outs).
 */
export async function notify(tx: Executor, input: NotifyInput): Promise<NotifyResult> {
  const { messageId, rows, startAfter } = await planNotice(tx, input);
  const result: NotifyResult = { messageId, duplicate: false, deliveries: [] };
  // One statement writes every channel's delivery row; each row's job is queued after it.
  const inserted = await repo.insertDeliveries(
    tx,
    rows.map((r) => r.values),
  );
  for (const { t, skip, values } of rows) {
    if (!inserted.has(values.id)) {
      result.duplicate = true;
      continue;
    }
    if (skip) {
      result.deliveries.push({ channel: t.channel, status: 'skipped', reason: skip });
      continue;
    }
    await enqueue(tx, QUEUES[t.channel], t.payload(values.id), {
      idempotencyKey: values.id,
      startAfter,
    });
    result.deliveries.push({ channel: t.channel, status: 'queued' });
  }
  return result;
}

/**
 * `notify` as statements not yet run, to ride along with the change the notice is about in one
 * statement (db/side-writes): the delivery rows and their jobs. A delivery whose template and key
 * were used before is not written again; its job then finds no delivery row and sends nothing.
 */
export async function noticeWrites(exec: Executor, input: NotifyInput): Promise<Positional[]> {
  const { rows, startAfter } = await planNotice(exec, input);
  if (rows.length === 0) return [];
  const jobs = rows
    .filter((r) => !r.skip)
    .map((r) =>
      enqueueWrite(QUEUES[r.t.channel], r.t.payload(r.values.id), {
        idempotencyKey: r.values.id,
        startAfter,
      }),
    );
  return [repo.deliveriesWrite(rows.map((r) => r.values)), ...(await Promise.all(jobs))];
}

function skipReason(
  channel: Channel,
  recipient: string | null,
  mandatory: boolean,
  pref: ChannelPreference,
): string | null {
  if (!recipient) return channel === 'sms' ? 'no phone number' : 'no address';
  if (channel === 'sms' && !E164.test(recipient)) return 'phone number not in international (E.164) form';
  if (!mandatory && !pref[PREF_FIELD[channel]]) return 'opted out';
  return null;
}
