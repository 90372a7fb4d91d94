import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { newId } from '../../db/ids';

/** A file sent with a message (a purchase order's PDF to its supplier). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  /**
   * `<id@host>`. A message sent again after a crash carries the same id, so mail systems can tell
   * it is the same message; nodemailer makes a random one when unset.
   */
  messageId?: string;
  headers?: Record<string, string>;
}

export interface SentMail {
  messageId: string;
  /** Outbox mode: the id of the file written (see outbox.ts). */
  outboxId?: string;
}

export interface Mailer {
  /** Where mail goes, for the start-up banner: an SMTP host or the outbox folder. */
  readonly describe: string;
  /** Whether mail is written to the outbox folder (no SMTP server configured). */
  readonly usesOutbox: boolean;
  send(message: MailMessage): Promise<SentMail>;
  close(): void;
}

/**
 * SMTP when a URL is configured; otherwise every message is written as an .eml file in the outbox
 * folder, so the embedded demo can be followed without a mail server.
 */
export function createMailer(opts: { smtpUrl?: string; from: string; outboxDir: string }): Mailer {
  if (opts.smtpUrl) {
    // Pooled: a few long-lived connections instead of a handshake per message (reminder runs send
    // thousands); the pool reconnects when the server drops an idle connection.
    const transport = nodemailer.createTransport({ url: opts.smtpUrl, pool: true, maxConnections: 5 });
    return {
      describe: `SMTP ${new URL(opts.smtpUrl).host}`,
      usesOutbox: false,
      send: async (m) => {
        const info = await transport.sendMail({ from: opts.from, ...m });
        return { messageId: info.messageId };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    describe: `outbox folder ${opts.outboxDir}`,
    usesOutbox: true,
    send: async (m) => {
      const info = await transport.sendMail({ from: opts.from, ...m });
      const outboxId = newId(); // time-ordered: the folder sorts oldest to newest by name
      await writeOutboxFile(opts.outboxDir, `${outboxId}.eml`, info.message as Buffer);
      return { messageId: info.messageId, outboxId };
    },
    close: () => transport.close(),
  };
}

/** Outbox folders this process has made sure of (one mkdir per folder, not per message). */
const madeFolders = new Set<string>();

/**
 * Writes a file into the outbox folder atomically (written beside it, then renamed in), so a reader
 * of the folder never sees half a message and a crash never leaves one behind under a real name.
 */
export async function writeOutboxFile(dir: string, name: string, content: Buffer | string): Promise<void> {
  const tmpDir = path.join(path.dirname(dir), `.${path.basename(dir)}-tmp`);
  const tmp = path.join(tmpDir, name);
  const write = async () => {
    await fs.writeFile(tmp, content);
    await fs.rename(tmp, path.join(dir, name));
  };
  if (madeFolders.has(dir)) {
    try {
      return await write();
    } catch (err) {
      // Someone removed a folder since: make it again, once.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      madeFolders.delete(dir);
    }
  }
  await fs.mkdir(dir, { recursive: true });
  await fs.mkdir(tmpDir, { recursive: true });
  madeFolders.add(dir); // and its temporary folder, which is named after it
  await write();
}
