// The server the browser journeys run against: a real SMTP server that saves every message it
// receives as JSON in E2E_MAIL_DIR (the tests read sign-up codes there), then Hospitium itself on
// the temporary DATA_DIR the Playwright config made. The data directory goes when the server does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { tryLockDataDir } from '../../server/db/data-dir-lock';
import { clusterFiles } from '../../server/db/embedded/cluster';
import { findOrphan, stopPostmaster } from '../../server/db/embedded/server-process';

const mailDir = process.env.E2E_MAIL_DIR!;
const dataDir = process.env.DATA_DIR!;

/**
 * A run that was killed (a CI time limit, Ctrl-C twice) leaves its data directory and its embedded
 * PostgreSQL behind. Before starting, stop and remove those of earlier runs whose app is gone (the
 * data-directory lock tells: a live run still holds its own), so they never pile up on a machine.
 */
async function removeLeftoverRuns(): Promise<void> {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const dir = path.join(os.tmpdir(), name);
    if (!name.startsWith('hospitium-e2e-') || dir === dataDir) continue;
    if (!fs.existsSync(path.join(dir, 'pg'))) continue; // a run still starting, or no database
    const lock = tryLockDataDir(dir);
    if (!lock.acquired) continue; // its app is alive
    try {
      const orphan = findOrphan(clusterFiles(dir).clusterDir);
      if (orphan) await stopPostmaster(orphan.pid);
    } finally {
      lock.release();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
await removeLeftoverRuns();
fs.mkdirSync(mailDir, { recursive: true });
let counter = 0;

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const to = [mail.to]
          .flat()
          .flatMap((a) => (a ? a.value.map((v) => v.address?.toLowerCase() ?? '') : []));
        const file = path.join(mailDir, `${Date.now()}-${++counter}.json`);
        // Written whole, then renamed: a reader never sees half a message.
        fs.writeFileSync(
          `${file}.tmp`,
          JSON.stringify({ to, subject: mail.subject ?? '', text: mail.text ?? '' }),
        );
        fs.renameSync(`${file}.tmp`, file);
        callback();
      })
      .catch(callback);
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;

process.on('exit', () => {
  if (dataDir.includes('hospitium-e2e-')) fs.rmSync(dataDir, { recursive: true, force: true });
});

await import('../../server/main');
