import fs from 'node:fs/promises';
import path from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import type { OutboxItem, OutboxMessage } from '../../../contracts/notifications';

// The outbox folder (DATA_DIR/mail) holds what would have been sent when no mail server or SMS
// provider is configured: `<uuidv7>.eml` mails and `<uuidv7>.sms.json` text messages. Only names of
// exactly that shape are ever read, so an id from a request can never reach another path.

const ID = '[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const FILE = new RegExp(`^(${ID})\\.(eml|sms\\.json)$`);
const ID_ONLY = new RegExp(`^${ID}$`);
/** Larger files are listed but not parsed (our own messages are a few kB). */
const MAX_PARSE_BYTES = 5 * 1024 * 1024;

export interface SmsOutboxRecord {
  to: string;
  from: string;
  body: string;
  createdAt: string;
}

/** The instant a UUIDv7 was made (its first 48 bits are Unix milliseconds). */
function createdAtOf(id: string): string {
  return new Date(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toISOString();
}

async function outboxFiles(dir: string): Promise<{ id: string; file: string; channel: 'email' | 'sms' }[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names
    .map((n) => FILE.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ id: m[1]!, file: m[0], channel: m[2] === 'eml' ? ('email' as const) : ('sms' as const) }))
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)); // newest first
}

const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  [a ?? []]
    .flat()
    .map((x) => x.text)
    .join(', ');

async function readParsed(
  dir: string,
  f: { id: string; file: string; channel: 'email' | 'sms' },
): Promise<OutboxMessage> {
  const full = path.join(dir, f.file);
  const base = { id: f.id, channel: f.channel, createdAt: createdAtOf(f.id) };
  const stat = await fs.stat(full);
  if (stat.size > MAX_PARSE_BYTES) {
    return { ...base, to: '', from: '', subject: '(too large to show)', text: '', html: null };
  }
  const raw = await fs.readFile(full);
  if (f.channel === 'sms') {
    const sms = JSON.parse(raw.toString('utf8')) as Partial<SmsOutboxRecord>;
    const body = String(sms.body ?? '');
    return {
      ...base,
      to: String(sms.to ?? ''),
      from: String(sms.from ?? ''),
      subject: body.slice(0, 80),
      text: body,
      html: null,
    };
  }
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  return {
    ...base,
    to: addresses(mail.to),
    from: addresses(mail.from),
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : null,
  };
}

/** A page of outbox messages, newest first. */
export async function listOutbox(
  dir: string,
  page: { limit: number; offset: number },
): Promise<{ items: OutboxItem[]; total: number }> {
  const files = await outboxFiles(dir);
  const slice = files.slice(page.offset, page.offset + page.limit);
  const items: OutboxItem[] = [];
  for (const f of slice) {
    try {
      const m = await readParsed(dir, f);
      items.push({ id: m.id, channel: m.channel, createdAt: m.createdAt, to: m.to, subject: m.subject });
    } catch {
      items.push({
        id: f.id,
        channel: f.channel,
        createdAt: createdAtOf(f.id),
        to: '',
        subject: '(unreadable)',
      });
    }
  }
  return { items, total: files.length };
}

/** One outbox message by id, or null when there is none (or the id is not one we generate). */
export async function readOutboxMessage(dir: string, id: string): Promise<OutboxMessage | null> {
  if (!ID_ONLY.test(id)) return null;
  for (const [file, channel] of [
    [`${id}.eml`, 'email'],
    [`${id}.sms.json`, 'sms'],
  ] as const) {
    try {
      return await readParsed(dir, { id, file, channel });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return null;
}
