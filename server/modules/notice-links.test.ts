// Every in-app notice that links into the web app links to a page the web app has: a notice whose
// "Open" lands on "not found" is a dead end for the patient or pharmacist who follows it.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { NAV } from '../../web/app/nav';
import { findTemplate, formatInstant } from './notifications/templates/template';
import { MODULES } from '.';

type Schema = {
  type?: string | string[];
  format?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  minimum?: number;
  pattern?: string;
};

const ID = '01a2372c-2717-7553-8d88-eb1f5aeb4e30';

/** A value the schema accepts, enough to render a template. */
function sample(s: Schema): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.anyOf) return sample(s.anyOf.find((x) => x.type !== 'null') ?? s.anyOf[0]!);
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v)]));
    case 'array':
      return s.items ? [sample(s.items)] : [];
    case 'integer':
    case 'number':
      return Math.max(1, s.minimum ?? 1);
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'uuid') return ID;
      if (s.format === 'date-time') return '2027-03-28T09:30:00.000Z';
      if (s.format === 'date') return '2027-03-28';
      if (s.format === 'email') return 'someone@example.org';
      if (s.format === 'uri') return 'https://example.org/x';
      if (s.pattern) return ['123456', 'ORD-000001', 'Sample'].find((c) => new RegExp(s.pattern!).test(c));
      return 'Sample';
    default:
      return null;
  }
}

/** The web app's pages under /app, as patterns such as /app/my-orders/:id. */
const PAGES = NAV.flatMap((item) => item.pages.map((p) => (p.path ? `${item.to}/${p.path}` : item.to)));
const isPage = (link: string) =>
  PAGES.some((pattern) => new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, '[^/?#]+')}(?:[?#].*)?$`).test(link));

describe('in-app notice links', () => {
  const templates = MODULES.flatMap((m) => m.templates ?? []).map((t) => findTemplate(t.name)!);

  it('are checked for every module that sends notices', () => {
    expect(templates.length).toBeGreaterThan(5);
  });

  it.each(templates.map((t) => [t.name, t] as const))('%s links to a page of the web app', (_name, t) => {
    const data = t.data.parse(sample(z.toJSONSchema(t.data, { io: 'input' }) as Schema));
    const rendered = t.render(data, {
      hospital: { name: 'City General Hospital', timeZone: 'Asia/Kolkata' },
      recipientName: 'Asha Verma',
      dateTime: (at) => formatInstant(at, 'Asia/Kolkata'),
    });
    const link = rendered.inApp?.link;
    if (!link || /^https?:/.test(link)) return; // no link, or one outside the app (e.g. an invitation)
    expect(isPage(link), `${link} is not a page of the web app (web/app/nav.ts)`).toBe(true);
  });
});
