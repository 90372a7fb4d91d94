import { z } from 'zod';
import { Paging, pageOf, Uuid } from './common';

/** The kinds of notice a person can choose channels for. */
export const NOTIFICATION_KINDS = [
  'account', // sign-up, password, two-factor, invitations, approvals
  'appointment', // booked, moved, cancelled
  'reminder', // appointment and medication reminders
  'order', // prescriptions and pharmacy orders
  'billing', // invoices issued, with their PDF
  'lab', // lab results ready
  'stock', // low stock and expiry alerts (staff)
  'procurement', // purchase orders and deliveries (staff)
] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const CHANNELS = ['email', 'sms', 'in_app'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/**
 * A delivery's life: `queued` (job waiting), `retrying` (an attempt failed, another is due), `sent`,
 * `failed` (no attempts left; an admin can retry the job), `skipped` (the person opted out of the
 * channel, or it has no address for it).
 */
export const DELIVERY_STATUSES = ['queued', 'retrying', 'sent', 'failed', 'skipped'] as const;
export const DeliveryStatus = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

// ---- In-app notifications (the bell) ----

export const Notification = z.object({
  id: Uuid,
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  /** A path inside the web app to open, e.g. `/appointments/…`; null when there is nothing to open. */
  link: z.string().nullable(),
  hospitalId: Uuid.nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

const BooleanString = z.enum(['true', 'false']).transform((v) => v === 'true');

export const NotificationListQuery = Paging.extend({
  /** `true`: unread only. */
  unread: BooleanString.optional(),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export const NotificationPage = pageOf(Notification);
export type NotificationPage = z.infer<typeof NotificationPage>;

export const UnreadCount = z.object({ count: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCount>;

export const MarkedRead = z.object({ updated: z.number().int() });
export type MarkedRead = z.infer<typeof MarkedRead>;

// ---- Preferences ----

export const ChannelPreference = z.strictObject({
  kind: NotificationKind,
  email: z.boolean(),
  sms: z.boolean(),
  inApp: z.boolean(),
});
export type ChannelPreference = z.infer<typeof ChannelPreference>;

/** Every kind, in NOTIFICATION_KINDS order, with the person's choice or the default. */
export const Preferences = z.object({ items: z.array(ChannelPreference) });
export type Preferences = z.infer<typeof Preferences>;

/** Kinds not listed keep their current setting. Mandatory notices (password reset…) ignore these. */
export const UpdatePreferences = z.strictObject({
  items: z
    .array(ChannelPreference)
    .min(1)
    .max(NOTIFICATION_KINDS.length)
    .refine((items) => new Set(items.map((i) => i.kind)).size === items.length, 'Each kind at most once'),
});
export type UpdatePreferences = z.infer<typeof UpdatePreferences>;

/** What a person gets when they have chosen nothing: email and in-app for all, SMS for time-critical kinds. */
export function defaultPreference(kind: NotificationKind): ChannelPreference {
  return { kind, email: true, sms: kind === 'appointment' || kind === 'reminder', inApp: true };
}

// ---- Delivery log (admins) ----

export const DeliveryQuery = Paging.extend({
  status: DeliveryStatus.optional(),
  channel: Channel.optional(),
});
export type DeliveryQuery = z.infer<typeof DeliveryQuery>;

export const Delivery = z.object({
  id: Uuid,
  /** The notify() call this delivery belongs to (one per channel). */
  messageId: Uuid,
  template: z.string(),
  kind: NotificationKind,
  channel: Channel,
  /** Email address or phone number (in-app: the user's id). */
  recipient: z.string(),
  userId: Uuid.nullable(),
  hospitalId: Uuid.nullable(),
  status: DeliveryStatus,
  mandatory: z.boolean(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.string().nullable(),
});
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryPage = pageOf(Delivery);
export type DeliveryPage = z.infer<typeof DeliveryPage>;

// ---- Outbox (platform admins; mail and SMS written to DATA_DIR/mail when no provider is set) ----

/** Outbox ids are the UUIDv7 file names the server generated; nothing else is accepted. */
export const OutboxId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'Not an outbox id');
export const OutboxParams = z.strictObject({ id: OutboxId });

export const OutboxQuery = Paging;

export const OutboxItem = z.object({
  id: z.string(),
  channel: z.enum(['email', 'sms']),
  createdAt: z.string(),
  to: z.string(),
  /** Email subject, or the start of the SMS text. */
  subject: z.string(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

export const OutboxPage = pageOf(OutboxItem).extend({
  /** `outbox`: messages are written here; `smtp`/`provider`: they are sent, and this folder only holds older ones. */
  mailMode: z.enum(['outbox', 'smtp']),
  smsMode: z.enum(['outbox', 'provider']),
});
export type OutboxPage = z.infer<typeof OutboxPage>;

export const OutboxMessage = OutboxItem.extend({
  from: z.string(),
  text: z.string(),
  /** The mail's HTML as sent. Render it only in a sandboxed frame (`<iframe sandbox srcdoc>`). */
  html: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

/** The answer to `POST /api/notifications/test`: which channels the test notice was queued on. */
export const TestNoticeResult = z.object({
  messageId: Uuid,
  deliveries: z.array(
    z.object({ channel: Channel, status: z.enum(['queued', 'skipped']), reason: z.string().optional() }),
  ),
});
export type TestNoticeResult = z.infer<typeof TestNoticeResult>;
