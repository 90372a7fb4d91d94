// SMS: a Twilio-style HTTP provider when SMS_PROVIDER_URL is set, else `.sms.json` files in the
// outbox folder next to the mail (readable by platform admins in the outbox view).
import path from 'node:path';
import { newId } from '../../db/ids';
import type { Config } from '../../config';
import { writeOutboxFile } from '../mail/mailer';
import type { SmsOutboxRecord } from '../mail/outbox';
import { twilioStyleProvider } from './twilio';
import { assertE164, type SmsProvider } from './sms.types';

export interface SmsOptions {
  providerUrl?: string;
  accountSid?: string;
  authToken?: string;
  from?: string;
  /** Used when no provider is configured: the outbox folder the mail outbox also uses. */
  outboxDir: string;
}

/** The Twilio-style HTTP provider when configured, else the outbox folder. */
export function createSmsProvider(o: SmsOptions): SmsProvider {
  if (o.providerUrl) {
    if (!o.accountSid || !o.authToken || !o.from)
      throw new Error('SMS provider needs account, token and sender');
    return twilioStyleProvider({
      baseUrl: o.providerUrl,
      accountSid: o.accountSid,
      authToken: o.authToken,
      from: o.from,
    });
  }
  const from = o.from ?? 'Hospitium';
  return {
    describe: `outbox folder ${o.outboxDir}`,
    usesOutbox: true,
    async send(m) {
      assertE164(m.to);
      const id = newId();
      const record: SmsOutboxRecord = { to: m.to, from, body: m.body, createdAt: new Date().toISOString() };
      await writeOutboxFile(o.outboxDir, `${id}.sms.json`, JSON.stringify(record, null, 2) + '\n');
      return { providerId: id };
    },
  };
}

/** The SMS provider the configuration asks for. */
export function smsProviderFromConfig(config: Config): SmsProvider {
  return createSmsProvider({
    providerUrl: config.SMS_PROVIDER_URL,
    accountSid: config.SMS_ACCOUNT_SID,
    authToken: config.SMS_AUTH_TOKEN,
    from: config.SMS_FROM,
    outboxDir: path.join(config.dataDir, 'mail'),
  });
}
