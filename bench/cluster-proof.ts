// `npm run bench:cluster`: the load proof of issue 14, through nginx in front of the cluster of
// bench/cluster.ts (N instances, a worker, one PostgreSQL database):
//   1. authenticated reads (a receptionist's GET of a patient, autocannon) with 1, 2 … N instances;
//   2. the booking race (clients on one slot: one booking) and a stock race (selling more than there
//      is: never below zero, verify-stock clean);
//   3. kill -9 of one instance during bookings: no acknowledged write lost, failures only among the
//      requests that instance held, each failed write applied once when sent again with its key;
//   4. a rolling restart (SIGTERM, start, /readyz, one instance at a time) under reads and writes:
//      zero failed requests.
// Prints a table, writes bench/results/cluster-<date>.json, exits 1 if an invariant fails.
//
// Settings (environment): CLUSTER_INSTANCES (3); CLUSTER_READ_SECONDS (10), CLUSTER_WARMUP_SECONDS
// (2), CLUSTER_CONNECTIONS (20) for the reads; CLUSTER_RACE_CLIENTS (50); CLUSTER_STOCK_UNITS (300);
// CLUSTER_WRITE_CLIENTS (20) and CLUSTER_KILL_SECONDS (10) for the kill; CLUSTER_ROLL_READERS (10),
// CLUSTER_ROLL_WRITERS (10), CLUSTER_SETTLE_SECONDS (6) for the restart; CLUSTER_PHASES
// (reads,races,kill,roll); CLUSTER_PORT (18080), CLUSTER_APP_PORT (13001); BENCH_PG_URL (the
// machine's server, a scratch database on it) or CLUSTER_DB=embedded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createScratchDatabase, ROOT } from '../server/test/spawn';
import { startCluster, type Cluster } from './cluster';
import { prepareBookings, signIn, stockedMedicine } from './cluster-load';
import {
  bookingRace,
  killUnderWrites,
  rollingRestart,
  stockRace,
  type PhaseContext,
  type PhaseResult,
} from './cluster-phases';
import { measure, type Measurement } from './measure';
import { prepareContext } from './scenarios';

const env = process.env;
const num = (name: string, fallback: number) => Number(env[name] ?? fallback);
const settings = {
  instances: num('CLUSTER_INSTANCES', 3),
  readSeconds: num('CLUSTER_READ_SECONDS', 10),
  warmupSeconds: num('CLUSTER_WARMUP_SECONDS', 2),
  connections: num('CLUSTER_CONNECTIONS', 20),
  raceClients: num('CLUSTER_RACE_CLIENTS', 50),
  stockUnits: num('CLUSTER_STOCK_UNITS', 300),
  writeClients: num('CLUSTER_WRITE_CLIENTS', 20),
  killSeconds: num('CLUSTER_KILL_SECONDS', 10),
  rollReaders: num('CLUSTER_ROLL_READERS', 10),
  rollWriters: num('CLUSTER_ROLL_WRITERS', 10),
  settleSeconds: num('CLUSTER_SETTLE_SECONDS', 6),
  phases: (env.CLUSTER_PHASES ?? 'reads,races,kill,roll').split(',').map((p) => p.trim()),
  port: num('CLUSTER_PORT', 18080),
  appPort: num('CLUSTER_APP_PORT', 13001),
  database: env.CLUSTER_DB === 'embedded' ? 'embedded' : 'postgres',
};
const pgServerUrl = env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (m: string) => process.stderr.write(`[cluster-proof] ${m}\n`);

interface ReadRow {
  instances: number;
  measurement: Measurement;
}

async function readScaling(cluster: Cluster, readPath: string, headers: Record<string, string>) {
  const rows: ReadRow[] = [];
  for (let n = 1; n <= cluster.instances.length; n++) {
    await cluster.balanceOver(cluster.instances.slice(0, n).map((i) => i.index));
    log(`reads through nginx, ${n} instance(s)`);
    const measurement = await measure({
      baseUrl: cluster.url,
      path: readPath,
      name: `GET /api/patients/{id}, ${n} instance(s)`,
      headers,
      connections: settings.connections,
      durationS: settings.readSeconds,
      warmupS: settings.warmupSeconds,
    });
    rows.push({ instances: n, measurement });
  }
  await cluster.balanceOver(cluster.instances.map((i) => i.index));
  const first = rows[0]!.measurement.rps;
  const last = rows.at(-1)!.measurement.rps;
  const failed = rows.reduce((n, r) => n + r.measurement.non2xx + r.measurement.errors, 0);
  const result: PhaseResult = {
    figures: { rows, scalingRatio: first > 0 ? Math.round((last / first) * 100) / 100 : null },
    checks: { readsAllAnswered200: failed === 0 },
  };
  return result;
}

function table(results: Record<string, PhaseResult>): string {
  const out = ['', '| phase | figure | value |', '| --- | --- | ---: |'];
  const reads = results.reads?.figures.rows as ReadRow[] | undefined;
  for (const r of reads ?? []) {
    const m = r.measurement;
    out.push(
      `| reads | ${r.instances} instance(s): req/s, p50 / p99 ms, non-2xx | ${m.rps} req/s, ${m.latencyMs.p50} / ${m.latencyMs.p99} ms, ${m.non2xx + m.errors} |`,
    );
  }
  if (results.reads)
    out.push(
      `| reads | scaling, ${reads!.length} vs 1 instance | ${String(results.reads.figures.scalingRatio)} |`,
    );
  for (const [phase, r] of Object.entries(results)) {
    for (const [k, v] of Object.entries(r.figures)) {
      if (phase === 'reads') continue;
      out.push(`| ${phase} | ${k} | ${typeof v === 'object' ? JSON.stringify(v) : String(v)} |`);
    }
  }
  out.push('', '| invariant | held |', '| --- | --- |');
  for (const r of Object.values(results))
    for (const [k, v] of Object.entries(r.checks)) out.push(`| ${k} | ${v ? 'yes' : '**NO**'} |`);
  return out.join('\n') + '\n';
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const scratch =
    settings.database === 'postgres' ? await createScratchDatabase(pgServerUrl, 'hospitium_cluster') : null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-cluster-'));
  fs.chmodSync(dataDir, 0o755); // nginx's workers run as nobody and keep temporary files below it
  let cluster: Cluster | null = null;
  const results: Record<string, PhaseResult> = {};
  try {
    cluster = await startCluster({
      instances: settings.instances,
      port: settings.port,
      appPort: settings.appPort,
      databaseUrl: scratch?.url,
      dataDir,
      worker: true,
      // Tokens signed in at the start outlive a long run.
      env: { ACCESS_TOKEN_TTL_SECONDS: '3600' },
      log,
    });
    const db = new pg.Client({ connectionString: cluster.databaseUrl });
    db.on('error', () => undefined);
    await db.connect();
    try {
      const read = await prepareContext(cluster.url);
      const readPath = `/api/patients/${read.patientId}`;
      const hospitalId = read.hospitalId;
      const admin = await signIn(cluster.url, 'cgh.admin', hospitalId);
      const desk = await signIn(cluster.url, 'receptionist', hospitalId);
      const pharmacist = await signIn(cluster.url, 'pharmacist', hospitalId);
      log('preparing slots and patients');
      const booking = await prepareBookings(cluster.url, db, admin, desk, {
        hospitalId,
        patients: Math.max(settings.raceClients, settings.writeClients, settings.rollWriters),
        days: 120,
      });
      const ctx: PhaseContext = {
        cluster,
        db,
        hospitalId,
        desk,
        pharmacist,
        booking,
        cursor: { next: 0 },
        readPath,
        log,
      };
      const run = async (phase: string, f: () => Promise<PhaseResult>) => {
        if (!settings.phases.includes(phase.replace(/-.*/, ''))) return;
        log(`phase: ${phase}`);
        results[phase] = await f();
      };
      await run('reads', () => readScaling(cluster!, readPath, read.authHeaders));
      await run('races-booking', () => bookingRace(ctx, settings.raceClients));
      await run('races-stock', async () =>
        stockRace(
          ctx,
          settings.raceClients,
          settings.stockUnits,
          await stockedMedicine(cluster!.url, pharmacist, settings.stockUnits),
        ),
      );
      await run('kill', () => killUnderWrites(ctx, settings.writeClients, settings.killSeconds));
      await run('roll', () =>
        rollingRestart(ctx, settings.rollReaders, settings.rollWriters, settings.settleSeconds),
      );
    } finally {
      await db.end();
    }
  } finally {
    await cluster?.stop();
    await scratch?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const ok = Object.values(results).every((r) => Object.values(r.checks).every(Boolean));
  const report = {
    startedAt: startedAt.toISOString(),
    durationS: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
    settings,
    results,
    ok,
  };
  const out = path.join(ROOT, 'bench', 'results', `cluster-${startedAt.toISOString().slice(0, 10)}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(table(results));
  log(`${ok ? 'every invariant held' : 'AN INVARIANT FAILED'}; written to ${path.relative(ROOT, out)}`);
  if (!ok) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error('cluster proof failed:', err);
  process.exit(1);
});
