// `npm run bench`: Hospitium against a bare Fastify route, on the embedded database and on PostgreSQL,
// in one run on one machine (absolute figures drift on shared machines; the ratios are what count).
// Settings: BENCH_DURATION (s a run, default 5), BENCH_WARMUP (s, 1), BENCH_ROUNDS (5: the runs of
// each scenario, each paired with a run of the bare route), BENCH_CONNECTIONS (20),
// BENCH_MODES (embedded,postgres), BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_PROFILE (a folder for the app's CPU profile), BENCH_ONE_CLIENT_ROUNDS (5: the one-client runs
// of the two modes, alternated, that compare the embedded mode with the server mode).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  createScratchDatabase,
  freePort,
  ROOT,
  spawnTs,
  startServer,
  stop,
  waitHealthy,
} from '../server/test/spawn';
import { percentile } from './cluster-load';
import { measure, treePssMiB, type Measurement } from './measure';
import {
  renderMarkdown,
  summarise,
  type BenchResults,
  type ModeResult,
  type OneClientAlternated,
  type Round,
  type ScenarioResult,
} from './report';
import { prepareContext, SCENARIOS } from './scenarios';

const env = process.env;
const settings = {
  durationS: Number(env.BENCH_DURATION ?? 5),
  warmupS: Number(env.BENCH_WARMUP ?? 1),
  rounds: Math.max(1, Number(env.BENCH_ROUNDS ?? 5)),
  connections: Number(env.BENCH_CONNECTIONS ?? 20),
  singleClientDurationS: Math.max(3, Number(env.BENCH_DURATION ?? 5)),
};
const modes = (env.BENCH_MODES ?? 'embedded,postgres').split(',').map((m) => m.trim()) as (
  'embedded' | 'postgres'
)[];
const pgServerUrl = env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
const profileDir = env.BENCH_PROFILE;

async function pgReachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** A mode measured, its server still running: `oneClient` measures it again, `close` stops it. */
interface OpenMode {
  result: ModeResult;
  oneClient: () => Promise<Measurement>;
  close: () => Promise<void>;
}

async function benchMode(mode: 'embedded' | 'postgres', bareUrl: string): Promise<OpenMode> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-bench-'));
  const scratch = mode === 'postgres' ? await createScratchDatabase(pgServerUrl, 'hospitium_bench') : null;
  const removeData = async () => {
    await scratch?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    log(`${mode}: starting Hospitium (fresh ${mode === 'embedded' ? 'DATA_DIR' : 'database'}, demo data)`);
    const started = Date.now();
    const server = await startServer({
      dataDir,
      databaseUrl: scratch?.url,
      // BENCH_PROFILE=<dir>: the app writes a CPU profile of the whole run there when it stops.
      nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    });
    const startupMs = Date.now() - started;
    try {
      const seedMs = Number(/Demo data loaded in (\d+) ms/.exec(server.stdout)?.[1] ?? NaN);
      const ctx = await prepareContext(server.url);
      const idlePssMiB = treePssMiB(server.pid);
      const common = {
        connections: settings.connections,
        durationS: settings.durationS,
        warmupS: settings.warmupS,
      };

      // The machine's speed drifts (it is shared): the bare route ran anywhere from 18,000 to 32,000
      // req/s within one minute, so one run of a scenario against the bare runs beside it could land
      // its ratio anywhere between 47% and 72%. Each scenario is therefore measured in rounds, each a
      // run of the scenario paired with a run of the bare route (which goes first alternates), and
      // is reported by the median of the rounds. Every run waits for a quiet machine first, so none
      // is charged for work an earlier one left behind (audit rows to chain, autovacuum).
      const bareRun = () =>
        measure({ ...common, baseUrl: bareUrl, path: '/bare', name: 'bare Fastify GET /bare', quiet: true });
      const measured: ScenarioResult[] = [];
      const skipped: { name: string; reason: string }[] = [];
      for (const s of SCENARIOS) {
        const p = s.path(ctx);
        if (!p) {
          skipped.push({ name: s.name, reason: 'route not available in this build' });
          continue;
        }
        const headers = s.auth ? ctx.authHeaders : {};
        const probe = await fetch(server.url + p, { headers });
        if (!probe.ok) {
          skipped.push({ name: s.name, reason: `answered HTTP ${probe.status}` });
          continue;
        }
        const appRun = () =>
          measure({
            ...common,
            baseUrl: server.url,
            path: p,
            name: s.name,
            headers,
            pid: server.pid,
            quiet: true,
          });
        const rounds: Round[] = [];
        for (let i = 0; i < settings.rounds; i++) {
          log(`${mode}: ${s.name}, round ${i + 1} of ${settings.rounds}`);
          if (i % 2 === 0) {
            const app = await appRun();
            rounds.push({ app, bare: await bareRun() });
          } else {
            const bare = await bareRun();
            rounds.push({ app: await appRun(), bare });
          }
        }
        measured.push(summarise(s.name, rounds));
      }

      // One client, no queueing: what a single user of the embedded mode feels, against PostgreSQL.
      const primary = SCENARIOS.find((s) => s.auth && measured.some((m) => m.name === s.name))!;
      const oneClient = () =>
        measure({
          baseUrl: server.url,
          path: primary.path(ctx)!,
          name: `${primary.name} (1 connection)`,
          headers: ctx.authHeaders,
          connections: 1,
          durationS: settings.singleClientDurationS,
          warmupS: 1,
          pid: server.pid,
          quiet: true,
        });
      log(`${mode}: ${primary.name}, 1 connection`);
      const single = await oneClient();
      const afterRunPssMiB = treePssMiB(server.pid);
      const peaks = [...measured, single].map((m) => m.peakPssMiB ?? 0);
      const result: ModeResult = {
        mode,
        startupMs,
        seedMs: Number.isFinite(seedMs) ? seedMs : null,
        memory: { idleMiB: idlePssMiB, peakMiB: Math.max(...peaks), afterRunMiB: afterRunPssMiB },
        scenarios: measured,
        singleClient: single,
        skipped,
      };
      const close = async () => {
        try {
          const code = await stop(server, 'SIGTERM');
          if (code !== 0) log(`${mode}: server exited with ${code} on SIGTERM\n${server.stderr}`);
        } finally {
          await removeData();
        }
      };
      return { result, oneClient, close };
    } catch (err) {
      await stop(server, 'SIGTERM');
      throw err;
    }
  } catch (err) {
    await removeData();
    throw err;
  }
}

/** One-client runs of the two modes in turn (which goes first alternates), compared by their medians. */
async function alternateOneClient(emb: OpenMode, pgm: OpenMode): Promise<OneClientAlternated> {
  const rounds = Math.max(1, Number(env.BENCH_ONE_CLIENT_ROUNDS ?? 5));
  const embeddedRps: number[] = [];
  const postgresRps: number[] = [];
  for (let i = 0; i < rounds; i++) {
    log(`one client, the two modes in turn: round ${i + 1} of ${rounds}`);
    const order = i % 2 === 0 ? [emb, pgm] : [pgm, emb];
    for (const o of order) {
      const m = await o.oneClient();
      (o === emb ? embeddedRps : postgresRps).push(m.rps);
    }
  }
  return {
    rounds,
    embeddedRps,
    postgresRps,
    ratioOfMedians: percentile(embeddedRps, 50) / percentile(postgresRps, 50),
  };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const barePort = await freePort();
  const bareServer = spawnTs('bench/bare-server.ts', [], { PORT: String(barePort) });
  const bareUrl = `http://127.0.0.1:${barePort}`;
  const results: BenchResults = {
    startedAt: startedAt.toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
    settings,
    modes: [],
    notes: [],
  };
  // Each mode's server stays up until the end (idle while the other mode is measured), so the
  // one-client runs of the two can be alternated: one run of each, minutes apart, could not tell
  // 10% apart on a shared machine (89% to 115% for the same code in one evening).
  const open: OpenMode[] = [];
  try {
    await waitHealthy(bareUrl, bareServer, 30_000);
    for (const mode of modes) {
      if (mode === 'postgres' && !(await pgReachable(pgServerUrl))) {
        results.notes.push(`PostgreSQL mode skipped: no server at ${new URL(pgServerUrl).host}.`);
        log(results.notes.at(-1)!);
        continue;
      }
      const opened = await benchMode(mode, bareUrl);
      open.push(opened);
      results.modes.push(opened.result);
    }
    const emb = open.find((o) => o.result.mode === 'embedded');
    const pgm = open.find((o) => o.result.mode === 'postgres');
    if (emb && pgm) results.oneClientAlternated = await alternateOneClient(emb, pgm);
  } finally {
    for (const o of open.reverse()) await o.close().catch((err: unknown) => log(`closing: ${String(err)}`));
    await stop(bareServer, 'SIGTERM');
  }
  results.durationS = Math.round((Date.now() - startedAt.getTime()) / 1000);

  const outDir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(outDir, { recursive: true });
  const markdown = renderMarkdown(results);
  fs.writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(path.join(outDir, 'latest.md'), markdown);
  process.stdout.write(markdown);
  log(`written to bench/results/latest.md and latest.json in ${results.durationS} s`);
}

main().catch((err: unknown) => {
  console.error('bench failed:', err);
  process.exit(1);
});
