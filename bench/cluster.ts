// `npm run cluster`: Hospitium as it runs in production, on this machine's loopback: PostgreSQL (the
// server at DATABASE_URL, or an embedded one this script starts in DATA_DIR/pg), N app instances
// (JOBS_ENABLED=false), one `hospitium worker` and nginx in front (deploy/nginx), all from the
// project's own files. Migrations and the demo data are applied once, here, before anything starts.
// Ctrl-C or SIGTERM stops everything: nginx, the instances (drained), the worker, the database.
//
//   npm run cluster -- [--instances 3] [--port 8080] [--app-port 3001] [--data-dir data/cluster]
//                      [--no-worker] [--write-deploy-conf [--public-url URL]]
//
// bench/cluster-proof.ts drives the same functions under load.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/db/client';
import { openEmbeddedServer, type EmbeddedServer } from '../server/db/embedded';
import { runMigrations } from '../server/db/migrate';
import { seedDemoIfEmpty } from '../server/db/seed';
import { ROOT, spawnTs, stop, type Spawned } from '../server/test/spawn';
import {
  checkNginxConf,
  NGINX_DEPLOY_DIR,
  nginxBinary,
  workerFolders,
  type WorkerFolders,
  renderMain,
  renderSite,
  securityHeadersConf,
  writeDeployConf,
} from './cluster-nginx';

export interface ClusterOptions {
  instances: number;
  /** nginx's port on 127.0.0.1. */
  port: number;
  /** The instances listen on appPort, appPort + 1, … */
  appPort: number;
  /** A PostgreSQL database to use; unset: an embedded server in dataDir/pg, started here. */
  databaseUrl?: string;
  /** The DATA_DIR every process shares (uploaded files, the mail outbox). */
  dataDir: string;
  worker: boolean;
  /** SHUTDOWN_DRAIN_SECONDS of the instances (above nginx's 4 s upstream keep-alive). */
  drainSeconds?: number;
  /** More settings for the instances and the worker. */
  env?: Record<string, string>;
  /** Print the children's output, each line prefixed with its name. */
  echo?: boolean;
  log(message: string): void;
}

export interface Instance {
  index: number;
  port: number;
  url: string;
  proc: Spawned | null;
}

export interface Cluster {
  /** nginx. */
  url: string;
  databaseUrl: string;
  dataDir: string;
  instances: Instance[];
  runDir: string;
  accessLog: string;
  /** Starts instance `i` (again) on its port and waits until its /readyz answers 200. */
  startInstance(i: number): Promise<void>;
  /** Signals instance `i` and waits for it to exit; its exit code or signal. */
  stopInstance(i: number, signal?: NodeJS.Signals): Promise<number | string>;
  /** Sends nginx's traffic to these instances only (the configuration is rewritten and reloaded). */
  balanceOver(indices: number[]): Promise<void>;
  /** Stops everything this cluster started; resolves when every process has exited. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A GET without keep-alive: an idle connection of ours would hold up an instance's drain. */
function answers200(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/** Polls `url` until it answers 200; fails early if the process ends. */
async function waitFor(url: string, exited: () => unknown, what: string, deadlineMs = 90_000) {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (exited() !== null) throw new Error(`${what} exited (${String(exited())}) before it was ready`);
    if (await answers200(url)) return;
    await sleep(100);
  }
  throw new Error(`${what} not ready within ${deadlineMs} ms`);
}

function echoLines(name: string, stream: NodeJS.ReadableStream | null) {
  let rest = '';
  stream?.on('data', (d: Buffer) => {
    const lines = (rest + d.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const l of lines) process.stdout.write(`${name.padEnd(9)}| ${l}\n`);
  });
}

/** Migrations once and the demo data once, before any process starts. */
async function prepareDatabase(url: string, log: (m: string) => void) {
  const database = await openDatabase({ url, poolSize: 2 });
  try {
    await runMigrations(database);
    await seedDemoIfEmpty(database, log);
  } finally {
    await database.close();
  }
}

export async function startCluster(o: ClusterOptions): Promise<Cluster> {
  fs.mkdirSync(o.dataDir, { recursive: true });
  const runDir = path.join(o.dataDir, 'nginx');
  fs.mkdirSync(runDir, { recursive: true });
  fs.chmodSync(runDir, 0o755); // nginx's workers (nobody, under root) make temporary files here
  const children: Spawned[] = [];
  let embedded: EmbeddedServer | null = null;
  let nginx: ChildProcess | null = null;
  let nginxExit: Promise<unknown> = Promise.resolve();
  let folders: WorkerFolders | null = null;
  const url = `http://127.0.0.1:${o.port}`;
  const instances: Instance[] = Array.from({ length: o.instances }, (_, index) => ({
    index,
    port: o.appPort + index,
    url: `http://127.0.0.1:${o.appPort + index}`,
    proc: null,
  }));

  const stopAll = async () => {
    if (nginx && nginx.exitCode === null && nginx.signalCode === null) nginx.kill('SIGQUIT');
    await nginxExit;
    folders?.remove();
    await Promise.all(children.map((c) => stop(c, 'SIGTERM')));
    await embedded?.stop();
  };

  try {
    let databaseUrl = o.databaseUrl;
    if (!databaseUrl) {
      o.log(`starting the embedded PostgreSQL server in ${o.dataDir}/pg`);
      embedded = await openEmbeddedServer({
        dataDir: o.dataDir,
        serviceUser: process.env.EMBEDDED_PG_USER || 'postgres',
        port: 0,
        exclusive: true,
      });
      databaseUrl = embedded.appUrl;
    }
    o.log('migrating and loading the demo data (once)');
    await prepareDatabase(databaseUrl, o.log);

    const env = {
      DATABASE_URL: databaseUrl,
      DATA_DIR: o.dataDir,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      PUBLIC_URL: url,
      ...o.env,
    };
    const spawnChild = (name: string, script: string, extra: Record<string, string>) => {
      const child = spawnTs(script, [], { ...env, ...extra });
      if (o.echo) {
        echoLines(name, child.proc.stdout);
        echoLines(name, child.proc.stderr);
      }
      children.push(child);
      void child.exited.then(() => {
        const at = children.indexOf(child);
        if (at >= 0) children.splice(at, 1);
      });
      return child;
    };

    const startInstance = async (i: number) => {
      const inst = instances[i]!;
      if (inst.proc && inst.proc.proc.exitCode === null && inst.proc.proc.signalCode === null)
        throw new Error(`instance ${i + 1} is running`);
      const child = spawnChild(`app-${i + 1}`, 'server/main.ts', {
        HOST: '127.0.0.1',
        PORT: String(inst.port),
        JOBS_ENABLED: 'false',
        TRUST_PROXY: '127.0.0.1',
        SHUTDOWN_DRAIN_SECONDS: String(o.drainSeconds ?? 10),
      });
      inst.proc = child;
      const code = () => child.proc.exitCode ?? child.proc.signalCode;
      await waitFor(`${inst.url}/readyz`, code, `instance ${i + 1}`).catch((err: Error) => {
        throw new Error(`${err.message}\n${child.stderr}`);
      });
    };

    o.log(`starting ${o.instances} app instances${o.worker ? ' and a worker' : ''}`);
    const worker = o.worker ? spawnChild('worker', 'server/worker.ts', { LOG_LEVEL: 'info' }) : null;
    await Promise.all(instances.map((_, i) => startInstance(i)));
    if (worker) {
      const deadline = Date.now() + 60_000;
      while (!worker.stdout.includes('Hospitium worker is working jobs')) {
        if (worker.proc.exitCode !== null || Date.now() > deadline)
          throw new Error(`the worker did not start:\n${worker.stderr}`);
        await sleep(100);
      }
    }

    // nginx, from its own folder: the site file is rewritten to change the instances it balances.
    fs.writeFileSync(path.join(runDir, 'security-headers.conf'), securityHeadersConf(url));
    const siteFile = path.join(runDir, 'hospitium.conf');
    const accessLog = path.join(runDir, 'access.log');
    const served = workerFolders(path.join(ROOT, 'dist', 'web'), runDir, o.log);
    folders = served;
    const writeSite = (indices: number[]) =>
      fs.writeFileSync(
        siteFile,
        renderSite({
          listen: `127.0.0.1:${o.port}`,
          upstreams: indices.map((i) => `127.0.0.1:${instances[i]!.port}`),
          webRoot: served.webRoot,
          nginxDir: runDir,
          accessLog,
        }),
      );
    writeSite(instances.map((i) => i.index));
    const confFile = path.join(runDir, 'nginx.conf');
    fs.writeFileSync(confFile, renderMain({ runDir, tempDir: served.tempDir, siteFile, workers: 'auto' }));
    checkNginxConf(confFile, runDir);
    o.log(`starting nginx on ${url}`);
    nginx = spawn(nginxBinary(), ['-p', runDir, '-c', confFile, '-g', 'daemon off;'], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const proc = nginx;
    nginxExit = new Promise((r) => proc.once('exit', r));
    await waitFor(`${url}/readyz`, () => proc.exitCode ?? proc.signalCode, 'nginx');

    return {
      url,
      databaseUrl,
      dataDir: o.dataDir,
      instances,
      runDir,
      accessLog,
      startInstance,
      async stopInstance(i, signal = 'SIGTERM') {
        const p = instances[i]!.proc;
        return p ? stop(p, signal) : 'not running';
      },
      async balanceOver(indices) {
        writeSite(indices);
        checkNginxConf(confFile, runDir);
        proc.kill('SIGHUP'); // new workers take the new list; the old ones finish what they hold
        await sleep(1000);
      },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      instances: { type: 'string', default: '3' },
      port: { type: 'string', default: '8080' },
      'app-port': { type: 'string', default: '3001' },
      'data-dir': { type: 'string', default: process.env.DATA_DIR ?? 'data/cluster' },
      'no-worker': { type: 'boolean', default: false },
      'write-deploy-conf': { type: 'boolean', default: false },
      'public-url': { type: 'string' },
    },
  });
  if (values['write-deploy-conf']) {
    for (const f of writeDeployConf(values['public-url'])) console.log(`wrote ${f}`);
    return;
  }
  const log = (m: string) => console.log(`[cluster] ${m}`);
  const cluster = await startCluster({
    instances: Number(values.instances),
    port: Number(values.port),
    appPort: Number(values['app-port']),
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: path.resolve(values['data-dir']),
    worker: !values['no-worker'],
    echo: true,
    log,
  });
  const lines = [
    '',
    `  Hospitium is running at ${cluster.url}  (nginx → ${cluster.instances.length} instances)`,
    ...cluster.instances.map((i) => `    instance ${i.index + 1}: ${i.url} (pid ${i.proc?.proc.pid})`),
    `  Database: ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PostgreSQL in ' + values['data-dir'] + '/pg'}`,
    `  nginx:    ${cluster.runDir} (access.log, error.log); site from ${path.relative(ROOT, NGINX_DEPLOY_DIR)}`,
    '  Demo sign-ins: <login>@hospitium.example / Hospitium-demo-2026. Ctrl-C stops everything.',
    '',
  ];
  console.log(lines.join('\n'));
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping nginx, the instances, the worker and the database`);
    cluster.stop().then(
      () => {
        log('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        console.error('[cluster] error while stopping:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error('cluster failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
