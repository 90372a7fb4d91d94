import { assertE164, SmsRejectedError, type SmsProvider } from './sms.types';

export interface TwilioStyleOptions {
  /** API base, e.g. https://api.twilio.com/2010-04-01 (no trailing slash needed). */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  timeoutMs?: number;
}

/**
 * Twilio's Messages API shape, which several providers copy: a form POST to
 * `{base}/Accounts/{sid}/Messages.json` with HTTP basic auth (account sid : auth token).
 * 4xx answers are the message's fault (never retried usefully); 5xx and network errors are retried.
 */
export function twilioStyleProvider(o: TwilioStyleOptions): SmsProvider {
  const url = `${o.baseUrl.replace(/\/+$/, '')}/Accounts/${encodeURIComponent(o.accountSid)}/Messages.json`;
  const auth = `Basic ${Buffer.from(`${o.accountSid}:${o.authToken}`).toString('base64')}`;
  return {
    describe: `SMS provider ${new URL(o.baseUrl).host}`,
    usesOutbox: false,
    async send(m) {
      assertE164(m.to);
      const headers: Record<string, string> = {
        authorization: auth,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      };
      if (m.idempotencyKey) headers['idempotency-key'] = m.idempotencyKey;
      const res = await fetch(url, {
        method: 'POST',
        headers,
        body: new URLSearchParams({ To: m.to, From: o.from, Body: m.body }).toString(),
        signal: AbortSignal.timeout(o.timeoutMs ?? 15_000),
      });
      const text = await res.text();
      let json: { sid?: unknown; message?: unknown; code?: unknown } = {};
      try {
        json = JSON.parse(text) as typeof json;
      } catch {
        // a proxy's HTML error page: the status says enough
      }
      if (!res.ok) {
        const detail = typeof json.message === 'string' ? json.message.slice(0, 300) : `HTTP ${res.status}`;
        if (res.status >= 400 && res.status < 500 && res.status !== 429)
          throw new SmsRejectedError(`SMS refused: ${detail}`);
        throw new Error(`SMS provider error: ${detail}`);
      }
      if (typeof json.sid !== 'string') throw new Error('SMS provider answered without a message sid');
      return { providerId: json.sid };
    },
  };
}
