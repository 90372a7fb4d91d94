import { percentile } from './cluster-load';
import type { Measurement } from './measure';

/** One round of a scenario: a run of it and a run of the bare route beside it (which went first alternates). */
export interface Round {
  app: Measurement;
  bare: Measurement;
}

/**
 * A scenario measured in rounds, summarised by medians: req/s and each latency percentile are the
 * medians of the rounds' figures, `ratioToBare` the median of the rounds' ratios (each run against
 * the bare run beside it); requests and failures are totals, memory the peak. `rounds` keeps every
 * round's figures, so the spread is in the results.
 */
export interface ScenarioResult extends Measurement {
  ratioToBare: number;
  bareRps: number;
  rounds: { rps: number; bareRps: number; ratio: number; p99: number }[];
}

export function summarise(name: string, rounds: Round[]): ScenarioResult {
  if (rounds.length === 0) throw new Error(`${name}: no rounds to summarise`);
  const med = (f: (r: Round) => number) => percentile(rounds.map(f), 50);
  const first = rounds[0]!.app;
  const peaks = rounds.map((r) => r.app.peakPssMiB).filter((x): x is number => x !== null);
  const quiet = rounds.map((r) => r.app.quiet).filter((q) => q !== undefined);
  return {
    name,
    path: first.path,
    connections: first.connections,
    durationS: first.durationS,
    rps: med((r) => r.app.rps),
    latencyMs: {
      p50: med((r) => r.app.latencyMs.p50),
      p97_5: med((r) => r.app.latencyMs.p97_5),
      p99: med((r) => r.app.latencyMs.p99),
      max: Math.max(...rounds.map((r) => r.app.latencyMs.max)),
    },
    requests: rounds.reduce((n, r) => n + r.app.requests, 0),
    non2xx: rounds.reduce((n, r) => n + r.app.non2xx, 0),
    errors: rounds.reduce((n, r) => n + r.app.errors, 0),
    peakPssMiB: peaks.length > 0 ? Math.max(...peaks) : null,
    ...(quiet.length > 0
      ? {
          quiet: {
            waitedS: Math.round(quiet.reduce((n, q) => n + q.waitedS, 0) * 10) / 10,
            reached: quiet.every((q) => q.reached),
          },
        }
      : {}),
    ratioToBare: med((r) => r.app.rps / r.bare.rps),
    bareRps: med((r) => r.bare.rps),
    rounds: rounds.map((r) => ({
      rps: r.app.rps,
      bareRps: r.bare.rps,
      ratio: Math.round((r.app.rps / r.bare.rps) * 1000) / 1000,
      p99: r.app.latencyMs.p99,
    })),
  };
}

export interface ModeResult {
  mode: 'embedded' | 'postgres';
  startupMs: number;
  seedMs: number | null;
  /** PSS of the app and its database server processes (MiB). */
  memory: { idleMiB: number | null; peakMiB: number; afterRunMiB: number | null };
  scenarios: ScenarioResult[];
  singleClient: Measurement;
  skipped: { name: string; reason: string }[];
}

/** The one-client runs of the two modes, alternated; the embedded mode against the server mode by medians. */
export interface OneClientAlternated {
  rounds: number;
  embeddedRps: number[];
  postgresRps: number[];
  ratioOfMedians: number;
}

export interface BenchResults {
  startedAt: string;
  durationS?: number;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; loadAverage: number[] };
  settings: {
    durationS: number;
    warmupS: number;
    rounds: number;
    connections: number;
    singleClientDurationS: number;
  };
  modes: ModeResult[];
  oneClientAlternated?: OneClientAlternated;
  notes: string[];
}

const TITLES = {
  embedded: 'Embedded PostgreSQL server (DATA_DIR/pg)',
  postgres: 'PostgreSQL server (DATABASE_URL)',
};
const pct = (x: number | undefined) => (x === undefined ? '' : `${Math.round(x * 100)}%`);
const num = (x: number) => x.toLocaleString('en-US');
/** "a to b" over the rounds (the median is reported beside it). */
const spread = (xs: number[], f: (x: number) => string) =>
  xs.length < 2 ? f(xs[0] ?? 0) : `${f(Math.min(...xs))} to ${f(Math.max(...xs))}`;

function row(m: Measurement, ratio: string, bare: string, rounds: string): string {
  const l = m.latencyMs;
  const waited = m.quiet ? `${m.quiet.waitedS}${m.quiet.reached ? '' : ' (never quiet)'}` : '';
  return `| ${m.name} | ${m.connections} | ${num(m.rps)} | ${l.p50} | ${l.p97_5} | ${l.p99} | ${l.max} | ${bare} | ${ratio} | ${rounds} | ${m.non2xx + m.errors} | ${waited} |`;
}

/** The results as the markdown committed in bench/results/latest.md (and quoted by the README). */
export function renderMarkdown(r: BenchResults): string {
  const s = r.settings;
  const out: string[] = [
    '# Hospitium benchmark',
    '',
    `Run ${r.startedAt} on ${r.machine.cpus} CPU(s) (${r.machine.cpuModel}), ${r.machine.memoryGiB} GiB, Node ${r.machine.node}; ` +
      `load average at start ${r.machine.loadAverage.join(' / ')}. autocannon runs on the same machine as the servers.`,
    `Each scenario runs in ${s.rounds} rounds; a round is a run of the scenario and a run of a bare Fastify route ` +
      `beside it (which goes first alternates), each ${s.warmupS} s of warm-up and then ${s.durationS} s with ${s.connections} connections. ` +
      'Authenticated scenarios use a bearer token of the demo receptionist acting at City General Hospital. ' +
      'req/s and the latency percentiles are the medians of the rounds (max: the largest of any round); ' +
      '"vs bare" is the median of the rounds\' ratios, each run against the bare run beside it, and "rounds" ' +
      "lists every round's ratio and p99. Each run begins once the machine is quiet (under 15% busy for a " +
      'second): "waited" is how long, summed over the rounds, the work left by earlier runs kept it busy.',
    '',
  ];
  for (const m of r.modes) {
    out.push(`## ${TITLES[m.mode]}`, '');
    out.push(
      '| Scenario | Conn. | req/s | p50 ms | p97.5 ms | p99 ms | max ms | bare req/s | vs bare | rounds: vs bare, p99 ms | non-2xx / errors | waited s |',
    );
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|');
    for (const x of m.scenarios) {
      const rounds = x.rounds.map((r) => `${pct(r.ratio)}, ${r.p99}`).join('; ');
      out.push(row(x, pct(x.ratioToBare), num(x.bareRps), rounds));
    }
    out.push(row(m.singleClient, '', '', ''));
    out.push('');
    out.push(
      `Server: ready in ${(m.startupMs / 1000).toFixed(1)} s from process start` +
        (m.seedMs !== null ? ` (demo seed ${m.seedMs} ms)` : '') +
        `; memory (PSS, app${m.mode === 'embedded' ? ' + its PostgreSQL' : ''}) idle ${m.memory.idleMiB ?? '?'} MiB, ` +
        `peak under load ${m.memory.peakMiB} MiB, after the run ${m.memory.afterRunMiB ?? '?'} MiB.`,
    );
    for (const k of m.skipped) out.push(`Not measured: ${k.name} (${k.reason}).`);
    out.push('');
  }

  const by = (mode: ModeResult['mode']) => r.modes.find((m) => m.mode === mode);
  const pgm = by('postgres');
  const emb = by('embedded');
  const summary: string[] = [];
  for (const m of [pgm, emb]) {
    if (!m) continue;
    const where = m.mode === 'postgres' ? 'PostgreSQL server' : 'embedded server';
    const read = m.scenarios.find((x) => x.name === 'GET /api/patients/{id}');
    const health = m.scenarios.find((x) => x.name === 'GET /healthz');
    if (read) {
      const r = read.ratioToBare;
      const ratios = spread(
        read.rounds.map((x) => x.ratio),
        pct,
      );
      const p99s = spread(
        read.rounds.map((x) => x.p99),
        (v) => `${v} ms`,
      );
      summary.push(
        `${where}: authenticated patient read at ${pct(r)} of the bare route (target ≥ 8%: ${r >= 0.08 ? 'met' : 'not met'}; ` +
          `aim 25%, product bar 50%; rounds ${ratios}), p99 ${read.latencyMs.p99} ms at ${read.connections} connections ` +
          `(target < 20 ms: ${read.latencyMs.p99 < 20 ? 'met' : 'not met'}; rounds ${p99s}).`,
      );
    }
    if (health) {
      const r = health.ratioToBare;
      const ratios = spread(
        health.rounds.map((x) => x.ratio),
        pct,
      );
      summary.push(
        `${where}: /healthz at ${pct(r)} of the bare route (target ≥ 60%: ${r >= 0.6 ? 'met' : 'not met'}; rounds ${ratios}).`,
      );
    }
  }
  const alt = r.oneClientAlternated;
  if (alt) {
    const list = (xs: number[]) => xs.map(num).join(', ');
    out.push(
      '## One client, the two modes in turn',
      '',
      `${alt.rounds} rounds of ${s.singleClientDurationS} s each, the mode that goes first alternating, both servers up ` +
        `(req/s of GET /api/patients/{id}): embedded ${list(alt.embeddedRps)}; PostgreSQL server ${list(alt.postgresRps)}.`,
      '',
    );
    const ratio = alt.ratioOfMedians;
    summary.push(
      `Embedded mode, one client: ${pct(ratio)} of the PostgreSQL-server mode's throughput, median of ${alt.rounds} alternated runs each (target ≥ 90%: ${ratio >= 0.9 ? 'met' : 'not met'}).`,
    );
  } else if (pgm && emb) {
    const ratio = emb.singleClient.rps / pgm.singleClient.rps;
    summary.push(
      `Embedded mode, one client: ${pct(ratio)} of the PostgreSQL-server mode's throughput (target ≥ 90%: ${ratio >= 0.9 ? 'met' : 'not met'}).`,
    );
  }
  if (emb) {
    summary.push(
      `Embedded mode memory, app + PostgreSQL (PSS): ${emb.memory.idleMiB ?? '?'} MiB idle (target < 300), ` +
        `${emb.memory.peakMiB} MiB under load (target < 600).`,
    );
  }
  if (summary.length || r.notes.length)
    out.push('## Summary', '', ...[...summary, ...r.notes].map((l) => `- ${l}`), '');
  return out.join('\n');
}
