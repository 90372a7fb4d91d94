// What every SMS provider implements, and the number check they share.

export interface SmsMessage {
  /** E.164, e.g. +919812345678. */
  to: string;
  body: string;
  /** Sent as the `Idempotency-Key` header where the provider honours one (a resend after a crash). */
  idempotencyKey?: string;
}

export interface SmsProvider {
  /** Where SMS go, for the start-up banner. */
  readonly describe: string;
  readonly usesOutbox: boolean;
  /** Resolves with the provider's message id once it has accepted the message; throws otherwise. */
  send(message: SmsMessage): Promise<{ providerId: string }>;
}

export const E164 = /^\+[1-9]\d{7,14}$/;

/** Thrown for a message the provider will never accept (bad number, rejected sender). */
export class SmsRejectedError extends Error {
  override name = 'SmsRejectedError';
}

export function assertE164(to: string): void {
  if (!E164.test(to)) throw new SmsRejectedError('The phone number is not in international (E.164) form');
}
