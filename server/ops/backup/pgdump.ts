// pg_dump and pg_restore, when the machine has them: pg_dump refuses a server newer than itself, so
// the newest installed one is looked for (Debian keeps each major in /usr/lib/postgresql/<major>/bin).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PgTool {
  path: string;
  version: string;
  major: number;
}

function probe(file: string): PgTool | null {
  try {
    const out = execFileSync(file, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const m = /(\d+)(?:\.(\d+))?/.exec(out);
    return m ? { path: file, version: m[2] ? `${m[1]}.${m[2]}` : m[1]!, major: Number(m[1]) } : null;
  } catch {
    return null;
  }
}

/** The newest pg_dump or pg_restore on this machine, or null. */
export function findPgTool(name: 'pg_dump' | 'pg_restore'): PgTool | null {
  const candidates: string[] = [];
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    for (const major of fs.readdirSync(debian)) candidates.push(path.join(debian, major, 'bin', name));
  }
  candidates.push(name); // on PATH
  const found = candidates.map(probe).filter((t): t is PgTool => t !== null);
  return found.sort((a, b) => b.major - a.major)[0] ?? null;
}

/** Runs a PostgreSQL client program; `onLine` hears each line it writes to stderr. */
function runTool(tool: PgTool, args: string[], onLine: (line: string) => void = () => undefined) {
  return new Promise<void>((resolve, reject) => {
    // The connection string is passed as an argument; no PG* variable of ours leaks into the child.
    const child = spawn(tool.path, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' }, // eslint-disable-line no-restricted-properties
    });
    let tail = '';
    let partial = '';
    child.stderr.on('data', (d: Buffer) => {
      const text = partial + d.toString();
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        onLine(line);
        tail = (tail + line + '\n').slice(-4000);
      }
    });
    child.on('error', (err) => reject(new Error(`could not run ${tool.path}: ${err.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else
        reject(new Error(`${path.basename(tool.path)} failed (exit ${code}):\n${(tail + partial).trim()}`));
    });
  });
}

/** pg_dump in custom format of the exported snapshot `snapshot`, to `file`. */
export function pgDump(
  tool: PgTool,
  url: string,
  snapshot: string,
  file: string,
  onTable: (table: string) => void,
): Promise<void> {
  return runTool(
    tool,
    [
      '--format=custom',
      `--snapshot=${snapshot}`,
      '--no-password',
      '--verbose',
      `--file=${file}`,
      `--dbname=${url}`,
    ],
    (line) => {
      const m = /dumping contents of table "([^"]+)"/.exec(line);
      if (m) onTable(m[1]!);
    },
  );
}

/**
 * pg_restore of a custom-format dump into an empty database, in one transaction (all or nothing),
 * objects owned by the connecting role. The extensions are created beforehand by `ensureExtension`
 * (they exist already in the embedded server, made by its superuser), so the dump's own extension
 * entries are left out: a role that is not their owner could not run them.
 */
export async function pgRestore(
  tool: PgTool,
  url: string,
  file: string,
  ensureExtension: (name: string) => Promise<void>,
  onTable: (table: string) => void,
): Promise<void> {
  const list = execFileSync(tool.path, ['--list', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const kept: string[] = [];
  for (const line of list.split('\n')) {
    const ext = /^\d+; \d+ \d+ EXTENSION - (\S+)/.exec(line);
    if (ext) await ensureExtension(ext[1]!);
    if (ext || / COMMENT - EXTENSION /.test(line)) continue;
    kept.push(line);
  }
  const listFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-restore-')), 'list');
  fs.writeFileSync(listFile, kept.join('\n'));
  try {
    await runTool(
      tool,
      [
        '--single-transaction',
        '--exit-on-error',
        '--no-owner',
        '--no-privileges',
        '--no-password',
        '--verbose',
        `--use-list=${listFile}`,
        `--dbname=${url}`,
        file,
      ],
      (line) => {
        const m = /processing data for table "([^"]+)"/.exec(line);
        if (m) onTable(m[1]!);
      },
    );
  } finally {
    fs.rmSync(path.dirname(listFile), { recursive: true, force: true });
  }
}
