export { createSmsProvider, smsProviderFromConfig, type SmsOptions } from './sms';
export { assertE164, E164, SmsRejectedError, type SmsMessage, type SmsProvider } from './sms.types';
