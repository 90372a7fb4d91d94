// Reading FHIR search parameter values: references, tokens and dates with their prefixes. A value
// that cannot be read is the caller's mistake and answers 400, never an empty page.
import { AppError } from '../errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a logical id could be one of ours (every Hospitium id is a UUID). */
export function isOwnId(id: string): boolean {
  return UUID.test(id);
}

function bad(param: string, detail: string): AppError {
  return new AppError('BAD_REQUEST', `Search parameter "${param}": ${detail}`);
}

/**
 * The id in a reference parameter: `Patient/<id>`, a bare `<id>`, or an absolute URL ending in
 * `Patient/<id>`. Another type, or an id that is not a UUID, is refused.
 */
export function referenceId(param: string, value: string, type: string): string {
  const parts = value.split('/');
  const id = parts.at(-1)!;
  const named = parts.length > 1 ? parts.at(-2) : type;
  if (named !== type || (parts.length > 2 && !/^https?:$/.test(parts[0]!))) {
    throw bad(param, `expected a reference to ${type}, as ${type}/<id>.`);
  }
  if (!isOwnId(id)) throw bad(param, `"${id}" is not a ${type} id.`);
  return id.toLowerCase();
}

/** A token, `system|code` or `code`. */
export function token(param: string, value: string): { system: string | null; code: string } {
  const bar = value.indexOf('|');
  const system = bar === -1 ? null : value.slice(0, bar);
  const code = bar === -1 ? value : value.slice(bar + 1);
  if (code === '') throw bad(param, 'give a code after the system.');
  return { system: system === '' ? null : system, code };
}

/**
 * The code of a token parameter in `system` (or given without one); null when it names another
 * system, which nothing here can match. Absent parameter: undefined.
 */
export function tokenCode(
  params: Readonly<Record<string, string>>,
  name: string,
  system: string,
): string | null | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  const t = token(name, value);
  return t.system === null || t.system === system ? t.code : null;
}

export type DatePrefix = 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge';

/** A date parameter as the interval it names: `[from, to)` in UTC, and how to compare with it. */
export interface DateRange {
  prefix: DatePrefix;
  from: Date;
  to: Date;
}

const DATE =
  /^(eq|ne|lt|gt|le|ge)?(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

/**
 * `birthdate=1980`, `date=ge2026-12-01`, `date=lt2026-12-01T10:00:00Z`: the interval the given
 * precision covers (a year, a month, a day, a minute or a second, in UTC unless an offset is given).
 */
export function dateRange(param: string, value: string): DateRange {
  const m = DATE.exec(value);
  if (!m) throw bad(param, 'expected a date such as 2026-12-01 or ge2026-12-01T09:00:00Z.');
  const [, prefix = 'eq', y, mo, d, h, mi, s, zone] = m;
  const year = Number(y);
  const month = mo ? Number(mo) - 1 : 0;
  const day = d ? Number(d) : 1;
  // A real calendar day (no 2026-02-30 rolled into March, no month 00), in years a record can hold.
  const check = new Date(Date.UTC(2000, month, day));
  check.setUTCFullYear(year);
  if (year < 1000 || month < 0 || month > 11 || check.getUTCMonth() !== month || check.getUTCDate() !== day) {
    throw bad(param, `"${value}" is not a date.`);
  }
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)) {
    throw bad(param, `"${value}" is not a time.`);
  }
  let from: Date;
  let to: Date;
  if (h !== undefined) {
    const iso = `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${zone === 'Z' ? 'Z' : zone}`;
    from = new Date(iso);
    if (Number.isNaN(from.getTime())) throw bad(param, `"${value}" is not a date.`);
    to = new Date(from.getTime() + (s === undefined ? 60_000 : 1000));
  } else {
    from = new Date(Date.UTC(year, month, day));
    to = d
      ? new Date(Date.UTC(year, month, day + 1))
      : mo
        ? new Date(Date.UTC(year, month + 1, 1))
        : new Date(Date.UTC(year + 1, 0, 1));
  }
  return { prefix: prefix as DatePrefix, from, to };
}

/** Whether an instant falls in what a date parameter asks for. */
export function dateMatches(r: DateRange, at: Date): boolean {
  const t = at.getTime();
  switch (r.prefix) {
    case 'eq':
      return t >= r.from.getTime() && t < r.to.getTime();
    case 'ne':
      return t < r.from.getTime() || t >= r.to.getTime();
    case 'lt':
      return t < r.from.getTime();
    case 'le':
      return t < r.to.getTime();
    case 'gt':
      return t >= r.to.getTime();
    case 'ge':
      return t >= r.from.getTime();
  }
}

/** The bounds `[from, to)` a date parameter puts on an instant, for a query (`ne` has none: null). */
export function dateBounds(r: DateRange): { from: Date | null; to: Date | null } | null {
  switch (r.prefix) {
    case 'eq':
      return { from: r.from, to: r.to };
    case 'ne':
      return null;
    case 'lt':
      return { from: null, to: r.from };
    case 'le':
      return { from: null, to: r.to };
    case 'gt':
      return { from: r.to, to: null };
    case 'ge':
      return { from: r.from, to: null };
  }
}
