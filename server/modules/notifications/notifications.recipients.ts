// Who a notice goes to and which hospital it speaks for live in other modules (identity,
// organisation). Notifications depends on neither: they are handed in through this port, connected
// once per process by server/modules/index.ts. Notifications stays a leaf that every module may use.
import type { Executor } from '../../db/client';

export interface RecipientContact {
  id: string;
  email: string;
  phone: string | null;
  fullName: string;
  active: boolean;
}

export interface NoticeHospital {
  id: string;
  name: string;
  timeZone: string;
}

export interface RecipientsPort {
  /** How to reach a user, or null when there is no such user. */
  contact(exec: Executor, userId: string): Promise<RecipientContact | null>;
  /** The hospital a notice speaks for, or null when there is no such hospital. */
  hospital(exec: Executor, hospitalId: string): Promise<NoticeHospital | null>;
}

let port: RecipientsPort | null = null;

export function provideRecipients(p: RecipientsPort): void {
  port = p;
}

export function recipients(): RecipientsPort {
  if (!port) throw new Error('notifications: no recipients port (server/modules/index.ts wires it)');
  return port;
}
