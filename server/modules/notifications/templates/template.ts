import type { z } from 'zod';
import type { NotificationKind } from '../../../../contracts/notifications';

/** What a template knows besides its data: the hospital it speaks for and the person it speaks to. */
export interface RenderContext {
  hospital: { name: string; timeZone: string } | null;
  recipientName: string | null;
  /** An instant as the reader's hospital tells time (UTC when the notice has no hospital). */
  dateTime(instant: string | Date): string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** A notice in each channel it can go by; a channel left out is not used for this template. */
export interface Rendered {
  email?: RenderedEmail;
  sms?: string;
  inApp?: { title: string; body: string; link?: string | null };
}

export interface Template<S extends z.ZodType = z.ZodType> {
  /** `<module>.<event>`, e.g. `account.password_reset`. */
  name: string;
  kind: NotificationKind;
  /** Sent whatever the person's preferences (security and sign-up notices). */
  mandatory?: boolean;
  /** The template needs the notice's hospital (its name or time zone). */
  needsHospital?: boolean;
  data: S;
  render(data: z.output<S>, ctx: RenderContext): Rendered;
}

const registry = new Map<string, Template>();

/** Registers a template; modules call this at load time for the notices they send. */
export function defineTemplate<S extends z.ZodType>(t: Template<S>): Template<S> {
  if (registry.has(t.name)) throw new Error(`Notification template "${t.name}" is defined twice`);
  registry.set(t.name, t as unknown as Template);
  return t;
}

export function findTemplate(name: string): Template | undefined {
  return registry.get(name);
}

const instantFormats = new Map<string, Intl.DateTimeFormat>();

/** Formats an instant in a time zone, with the zone named: "3 Mar 2026, 14:30 GMT+5:30". */
export function formatInstant(instant: string | Date, timeZone: string): string {
  // A formatter costs far more to build than to use: one per zone for the process.
  let f = instantFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
      timeZoneName: 'short',
    });
    instantFormats.set(timeZone, f);
  }
  return f.format(new Date(instant));
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export interface EmailParts {
  subject: string;
  /** Plain paragraphs; escaped for HTML. */
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Small print under the message. */
  footnote?: string;
}

/**
 * The plain-text and HTML bodies of a mail from one list of paragraphs, so the two never say
 * different things. Every piece of text is escaped; links are only ever http(s).
 */
export function email(parts: EmailParts, ctx: RenderContext): RenderedEmail {
  const from = ctx.hospital ? `${ctx.hospital.name} (via Hospitium)` : 'Hospitium';
  const greeting = ctx.recipientName ? `Hello ${ctx.recipientName},` : null;
  const action = parts.action && /^https?:\/\//.test(parts.action.url) ? parts.action : undefined;
  const textLines = [
    ...(greeting ? [greeting, ''] : []),
    ...parts.paragraphs.flatMap((p) => [p, '']),
    ...(action ? [`${action.label}: ${action.url}`, ''] : []),
    ...(parts.footnote ? [parts.footnote, ''] : []),
    `— ${from}`,
  ];
  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s).replace(/\n/g, '<br>')}</p>`;
  const html = [
    '<!doctype html><html><body style="margin:0;background:#f4f6f8;font-family:Arial,Helvetica,sans-serif;color:#1f2933">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">',
    '<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px">',
    `<tr><td style="padding:20px 28px;border-bottom:1px solid #e4e7eb;font-weight:bold">${escapeHtml(from)}</td></tr>`,
    '<tr><td style="padding:24px 28px;font-size:15px;line-height:1.5">',
    greeting ? p(greeting) : '',
    ...parts.paragraphs.map(p),
    action
      ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#1864ab;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">${escapeHtml(action.label)}</a></p>` +
        `<p style="margin:0 0 16px;font-size:12px;color:#52606d">${escapeHtml(action.url)}</p>`
      : '',
    parts.footnote
      ? `<p style="margin:16px 0 0;font-size:12px;color:#52606d">${escapeHtml(parts.footnote)}</p>`
      : '',
    '</td></tr></table></td></tr></table></body></html>',
  ].join('');
  return { subject: parts.subject, text: textLines.join('\n') + '\n', html };
}
