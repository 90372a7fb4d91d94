// Real processes for the tests that need them (durability, the CLI) and for the benchmark: the
// server as `npm start` runs it, on a free port, and throwaway PostgreSQL databases.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freeLoopbackPort } from '../db/embedded/server-process';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A TCP port nothing listens on right now (the kernel picks it). */
export const freePort = freeLoopbackPort;

/** The environment a child gets: ours, without database settings that would leak into it. */
function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['DATABASE_URL', 'PORT', 'DATA_DIR', 'SEED_DEMO', 'SMTP_URL', 'JWT_SECRET']) delete env[k];
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

export interface Spawned {
  proc: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

/**
 * Starts `node [...nodeArgs] --import tsx <script> ...args` from the project root, collecting its
 * output. `nodeArgs` carries flags NODE_OPTIONS refuses, such as --cpu-prof for a benchmark's profile.
 */
export function spawnTs(
  script: string,
  args: string[],
  env: Record<string, string | undefined>,
  nodeArgs: string[] = [],
): Spawned {
  const proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | string>((resolve) =>
    proc.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return {
    proc,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
  };
}

/** Runs `hospitium <args>` (server/cli.ts) to completion. */
export async function runCli(args: string[], env: Record<string, string | undefined>) {
  const p = spawnTs('server/cli.ts', args, { LOG_LEVEL: 'warn', ...env });
  const code = await p.exited;
  return { code, stdout: p.stdout, stderr: p.stderr };
}

export interface ServerOptions {
  dataDir: string;
  databaseUrl?: string;
  port?: number;
  env?: Record<string, string | undefined>;
  /** Flags for node itself (see spawnTs). */
  nodeArgs?: string[];
}

export interface RunningServer extends Spawned {
  url: string;
  port: number;
  pid: number;
}

/**
 * Starts the real server (as `npm start` does) and waits until /healthz answers. A port chosen here
 * is free when chosen but can be taken before the server listens (by its own embedded database
 * server, or another test's, asking the kernel for a free port meanwhile): then it starts again on
 * another port, up to three times. A port the caller names is used as it is.
 */
export async function startServer(o: ServerOptions, deadlineMs = 90_000): Promise<RunningServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(o, o.port ?? (await freePort()), deadlineMs);
    } catch (err) {
      const taken = err instanceof Error && err.message.includes('EADDRINUSE');
      if (!taken || o.port !== undefined || attempt >= 3) throw err;
    }
  }
}

async function startOnce(o: ServerOptions, port: number, deadlineMs: number): Promise<RunningServer> {
  const p = spawnTs(
    'server/main.ts',
    [],
    {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: o.dataDir,
      DATABASE_URL: o.databaseUrl,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      ...o.env,
    },
    o.nodeArgs,
  );
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, p, deadlineMs);
  return Object.assign(p, { url, port, pid: p.proc.pid! });
}

/** Polls /healthz until it answers 200; fails early if the process exits, or at the deadline. */
export async function waitHealthy(url: string, p: Spawned, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  let ended: number | string | null = null;
  void p.exited.then((c) => (ended = c));
  while (Date.now() < deadline) {
    if (ended !== null)
      throw new Error(`server exited (${ended}) before it was healthy:\n${p.stderr}\n${p.stdout}`);
    try {
      const r = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  p.proc.kill('SIGKILL');
  throw new Error(`server not healthy within ${deadlineMs} ms:\n${p.stderr}\n${p.stdout}`);
}

/** The exit code, or a SIGKILL and an error if the process is still running after `ms`. */
export async function exitedWithin(p: Spawned, ms: number): Promise<number | string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      p.proc.kill('SIGKILL');
      reject(new Error(`process still running after ${ms} ms:\n${p.stderr}\n${p.stdout}`));
    }, ms);
  });
  try {
    return await Promise.race([p.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Kills the process with `signal` and waits for it to be gone. */
export async function stop(p: Spawned, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | string> {
  if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill(signal);
  return p.exited;
}

/** A fresh, empty database on a PostgreSQL server; `drop()` removes it (disconnecting anyone left). */
export async function createScratchDatabase(serverUrl: string, prefix: string) {
  const name = `${prefix}_${process.pid}_${Date.now() % 1_000_000}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      try {
        await a.query(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}

/** Resident memory of a process in MiB (Linux), or null if it is gone. */
export function rssMiB(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}
