import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { v7 as uuidv7 } from 'uuid';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  /** Where mail goes, for the start-up banner: an SMTP host or the outbox folder. */
  readonly describe: string;
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * SMTP when a URL is configured; otherwise every message is written as an .eml file in the outbox
 * folder, so the embedded demo can be followed without a mail server.
 */
export function createMailer(opts: { smtpUrl?: string; from: string; outboxDir: string }): Mailer {
  if (opts.smtpUrl) {
    const transport = nodemailer.createTransport(opts.smtpUrl);
    return {
      describe: `SMTP ${new URL(opts.smtpUrl).host}`,
      send: async (m) => {
        await transport.sendMail({ from: opts.from, ...m });
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    describe: `outbox folder ${opts.outboxDir}`,
    send: async (m) => {
      const info = await transport.sendMail({ from: opts.from, ...m });
      await fs.mkdir(opts.outboxDir, { recursive: true });
      const file = path.join(
        opts.outboxDir,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${uuidv7()}.eml`,
      );
      await fs.writeFile(file, info.message as Buffer);
    },
    close: () => transport.close(),
  };
}
