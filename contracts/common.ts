import { z } from 'zod';

// Control characters other than tab/newline, and the Unicode bidi overrides/isolates that let a
// name display as something it is not. Single-line fields refuse newlines too.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
const LINE_BREAK = /[\r\n]/;

/** A trimmed single line of text, 1..max characters, with no control or bidi-override characters. */
export const line = (max = 200) =>
  z
    .string()
    .trim()
    .min(1, 'Required')
    .max(max, `At most ${max} characters`)
    .refine((s) => !CONTROL.test(s) && !LINE_BREAK.test(s), 'Contains characters that are not allowed');

/** Free text that may span lines (notes, reasons), 0..max characters. */
export const multiline = (max = 5000) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .refine((s) => !CONTROL.test(s), 'Contains characters that are not allowed');

export const Uuid = z.uuid('Must be a UUID');

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'At most 254 characters')
  .pipe(z.email('Must be an email address'));

/** E.164: a plus sign and 8 to 15 digits; spaces, dashes and brackets are accepted and removed. */
export const Phone = z
  .string()
  .trim()
  .max(32)
  .transform((s) => s.replace(/[\s\-().]/g, ''))
  .pipe(
    z.string().regex(/^\+[1-9]\d{7,14}$/, 'Must be a phone number in international form, e.g. +919812345678'),
  );

/** A calendar date, YYYY-MM-DD, that exists. */
export const IsoDate = z.iso.date('Must be a date as YYYY-MM-DD');

/** A date of birth: a real date, not in the future, not before 1880. */
export const BirthDate = IsoDate.refine(
  (d) => d >= '1880-01-01' && d <= new Date().toISOString().slice(0, 10),
  {
    message: 'Must be a date between 1880-01-01 and today',
  },
);

/** A UTC instant on the wire. */
export const Instant = z.iso.datetime({
  offset: true,
  message: 'Must be an ISO 8601 date-time with a time zone',
});

export const IanaTimeZone = z
  .string()
  .trim()
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return tz.length > 0;
    } catch {
      return false;
    }
  }, 'Must be an IANA time zone such as Asia/Kolkata');

export const Currency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'Must be an ISO 4217 currency code such as INR');

/** Money in minor units (paise, cents). */
export const MinorUnits = z
  .number()
  .int('Must be a whole number of minor units')
  .min(0)
  .max(1_000_000_000_000);

export const MAX_LIMIT = 100;
export const Paging = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const IdParams = z.strictObject({ id: Uuid });

/** A catalog entry's code (a price-list service, a lab test): upper-cased, unique per hospital. */
export const CatalogCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9_-]{0,29}$/, 'Letters, digits, - and _, at most 30');

/** A page of a catalog: part of the code or name, and which entries (in use, out of use, all). */
export const CatalogSearch = Paging.extend({
  q: multiline(100).optional(),
  active: z.enum(['true', 'false', 'all']).default('true'),
});

/** An action with no parameters: no body at all, or an empty JSON object. */
export const NoBody = z.strictObject({}).nullish();

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });

/** The body of 204-like action replies that still say what happened. */
export const Ok = z.object({ ok: z.literal(true) });
