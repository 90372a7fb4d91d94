// The PostgreSQL server process: started detached (so Ctrl-C in a terminal reaches Hospitium, which
// drains its requests before it stops the database), found again through postmaster.pid after the
// app was killed, and stopped by signal whether or not this process started it.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { PostgresBinaries } from './binaries';
import { ADMIN_ROLE, hostOf, serverEnvironment } from './cluster';
import { EmbeddedServerError, type ServiceUser } from './service-user';

export interface RunningPostmaster {
  pid: number;
  port: number;
  /** The folder of its Unix socket; null when it listens on loopback TCP alone. */
  socketDir: string | null;
}

/**
 * The folder for the server's Unix socket: the cluster's own (the service account owns it). None,
 * and clients use loopback TCP, on Windows (node-postgres takes only a path starting with "/" for a
 * socket), for a path PostgreSQL's setting or libpq's `host=` would split or misread (a comma, a
 * quote, edge spaces; relative), and when the socket's path would exceed what the system allows
 * (107 bytes on Linux, 103 on macOS; a deep DATA_DIR). A folder that cannot hold sockets (some
 * shared or mounted file systems) is found at start: `startPostmaster` then starts without one.
 */
export function socketDirFor(clusterDir: string, port: number): string | null {
  if (process.platform === 'win32' || !path.isAbsolute(clusterDir)) return null;
  if (/[,"'\\]/.test(clusterDir) || clusterDir.trim() !== clusterDir) return null;
  const limit = process.platform === 'linux' ? 107 : 103;
  return Buffer.byteLength(path.join(clusterDir, `.s.PGSQL.${port}`)) <= limit ? clusterDir : null;
}

/** What PostgreSQL says when it could not make its socket (a file system without sockets). */
const SOCKET_FAILED = /could not create (any )?Unix-domain socket/i;

/**
 * postmaster.pid: line 1 the pid, line 4 the port, line 5 the first socket folder (empty with
 * none), line 8 the state (starting, ready, stopping).
 */
export function readPostmasterPid(clusterDir: string): (RunningPostmaster & { status: string }) | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  const socketDir = (lines[4] ?? '').trim() || null;
  return { pid, port, socketDir, status: (lines[7] ?? '').trim() };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether `pid` is a live PostgreSQL server of this very cluster (not a reused pid). */
export function isPostmasterOf(pid: number, clusterDir: string): boolean {
  if (!isAlive(pid)) return false;
  let command: string | null = null;
  try {
    command =
      process.platform === 'linux'
        ? fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')
        : execFileSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' });
  } catch {
    return false;
  }
  return command.includes('postgres') && command.includes(clusterDir);
}

/**
 * A server left running by a Hospitium that was killed (kill -9 never lets it stop its database):
 * reused when it serves this cluster. A postmaster.pid whose process is gone, or whose pid now
 * belongs to another program, is removed so it can never block the start.
 */
export function findOrphan(clusterDir: string): RunningPostmaster | null {
  const info = readPostmasterPid(clusterDir);
  if (!info) return null;
  if (isPostmasterOf(info.pid, clusterDir)) return info;
  fs.rmSync(path.join(clusterDir, 'postmaster.pid'), { force: true });
  return null;
}

export interface StartOptions {
  binaries: PostgresBinaries;
  clusterDir: string;
  user: ServiceUser | null;
  /** 0: any free loopback port. */
  port: number;
  startLog: string;
  adminPassword: string;
  settings?: Record<string, string>;
  timeoutMs?: number;
}

/** Starts the server and waits until it accepts connections; a taken port is retried with another. */
export async function startPostmaster(o: StartOptions): Promise<RunningPostmaster> {
  let withSocket = true;
  for (let attempt = 1; ; attempt++) {
    const port = o.port || (await freeLoopbackPort());
    const socketDir = withSocket ? socketDirFor(o.clusterDir, port) : null;
    const mark = serverLogMark(o.clusterDir);
    const log = fs.openSync(o.startLog, 'w');
    const child = spawn(
      o.binaries.postgres,
      [
        '-D',
        o.clusterDir,
        '-p',
        String(port),
        ...Object.entries(o.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
        // Last, so nothing above can open the server to the network. The socket (ADR 20) is the
        // service account's alone: the app runs as that account, or as root, which passes anyway.
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${socketDir ?? ''}`,
        '-c',
        'unix_socket_permissions=0700',
      ],
      {
        ...(o.user ? { uid: o.user.uid, gid: o.user.gid } : {}),
        env: serverEnvironment(),
        detached: true,
        stdio: ['ignore', log, log],
      },
    );
    fs.closeSync(log);
    child.unref();
    let exited = false;
    child.on('exit', () => (exited = true));
    child.on('error', () => (exited = true));
    try {
      const running = { pid: child.pid!, port, socketDir };
      await waitUntilAccepting(running, o.adminPassword, () => !exited, o.timeoutMs ?? 60_000);
      return running;
    } catch (err) {
      if (!exited) await stopPostmaster(child.pid!);
      // A server that was stopped here says so at length: what it said before is the reason.
      const output = (await settledStartOutput(o.startLog, o.clusterDir, mark)).split(
        /\n[^\n]*received fast shutdown request/,
      )[0]!;
      if (socketDir && attempt < 3 && SOCKET_FAILED.test(output)) {
        withSocket = false; // loopback TCP alone, as before ADR 20
        continue;
      }
      if (!o.port && attempt < 3 && /could not bind|Address already in use/i.test(output)) continue;
      throw new EmbeddedServerError(
        `The embedded PostgreSQL server did not start (${(err as Error).message}).` +
          (output
            ? `\nIts output (${o.startLog}, ${path.join(o.clusterDir, 'log')}):\n` +
              output.split('\n').slice(-15).join('\n')
            : ''),
      );
    }
  }
}

/** The size of each file in the cluster's log folder: where the lines of the next start begin. */
function serverLogMark(clusterDir: string): Map<string, number> {
  return new Map(logFiles(clusterDir).map((f) => [f.name, f.size]));
}

/**
 * What the server said while it failed to start: its own output, and what it wrote to the
 * cluster's log folder since `mark`. Its logging collector (cluster.ts) takes over before it opens
 * its sockets, so a socket it cannot make or a port it cannot bind is said there, never in the
 * start log: read from the start log alone, neither retry above ever ran (a file system refusing
 * sockets failed the start), and the error showed only "redirecting log output".
 */
function startOutput(startLog: string, clusterDir: string, mark: Map<string, number>): string {
  const parts: string[] = [];
  try {
    parts.push(fs.readFileSync(startLog, 'utf8'));
  } catch {
    // not written
  }
  // Oldest first (a start at midnight writes to two weekday files).
  for (const f of logFiles(clusterDir).sort((a, b) => a.modifiedAt - b.modifiedAt)) {
    const before = mark.get(f.name) ?? 0;
    // A file shorter than before was rotated (truncated) meanwhile: all of it is new.
    const from = before <= f.size ? before : 0;
    if (f.size > from) parts.push(readFrom(f.path, from));
  }
  return parts.join('\n').trim();
}

/**
 * `startOutput` once the logging collector has written it out: it outlives the server by a moment
 * (it exits when the server's end of its pipe closes), so the last lines can come after the
 * server's exit. The server's last line says it has shut down; without one, 2 s is waited.
 */
async function settledStartOutput(startLog: string, clusterDir: string, mark: Map<string, number>) {
  const deadline = Date.now() + 2000;
  for (;;) {
    const output = startOutput(startLog, clusterDir, mark);
    if (/database system is shut down/.test(output) || Date.now() > deadline) return output;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The files of the cluster's log folder, with their size and time of last change. */
function logFiles(clusterDir: string) {
  const dir = path.join(clusterDir, 'log');
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return []; // no log folder yet
  }
  return names.flatMap((name) => {
    const file = path.join(dir, name);
    try {
      const st = fs.statSync(file);
      return [{ name, path: file, size: st.size, modifiedAt: st.mtimeMs }];
    } catch {
      return []; // removed meanwhile
    }
  });
}

/** What a file holds from `offset` on, its last 64 KiB at most (only a tail is ever shown). */
function readFrom(file: string, offset: number): string {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const from = Math.max(offset, size - 64 * 1024);
      const buf = Buffer.alloc(Math.max(0, size - from));
      fs.readSync(fd, buf, 0, buf.length, from);
      return buf.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    return `(could not read ${file}: ${(err as Error).message})`;
  }
}

/** Polls with a real connection until the server answers queries (not just listens). */
export async function waitUntilAccepting(
  server: { port: number; socketDir: string | null },
  adminPassword: string,
  stillRunning: () => boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < deadline) {
    if (!stillRunning()) throw new Error('the server process exited');
    const client = new pg.Client({
      host: hostOf(server),
      port: server.port,
      user: ADMIN_ROLE,
      password: adminPassword,
      database: 'postgres',
      connectionTimeoutMillis: 2000,
    });
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (err) {
      last = err;
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error(`no answer within ${timeoutMs} ms (${(last as Error | null)?.message ?? 'no attempt'})`);
}

/**
 * Fast shutdown (SIGINT: sessions end, a checkpoint is written), waiting for the process to be gone;
 * immediate shutdown (SIGQUIT, recovery on next start) only if that takes longer than `timeoutMs`.
 */
export async function stopPostmaster(pid: number, timeoutMs = 30_000): Promise<void> {
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(pid, s);
    } catch {
      // already gone
    }
  };
  signal('SIGINT');
  if (await gone(pid, timeoutMs)) return;
  signal('SIGQUIT');
  await gone(pid, 10_000);
}

async function gone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

/** A loopback TCP port nothing listens on right now (the kernel picks it). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
