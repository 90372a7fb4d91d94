import type { Measurement } from './measure';

export interface ModeResult {
  mode: 'embedded' | 'postgres';
  startupMs: number;
  seedMs: number | null;
  /** PSS of the app and its database server processes (MiB). */
  memory: { idleMiB: number | null; peakMiB: number; afterRunMiB: number | null };
  /** The bare route before each scenario and after the last: scenario i is between bares i and i + 1. */
  bares: Measurement[];
  scenarios: Measurement[];
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
  settings: { durationS: number; warmupS: number; connections: number; singleClientDurationS: number };
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

function row(m: Measurement, ratio: string): string {
  const l = m.latencyMs;
  const waited = m.quiet ? `${m.quiet.waitedS}${m.quiet.reached ? '' : ' (never quiet)'}` : '';
  return `| ${m.name} | ${m.connections} | ${num(m.rps)} | ${l.p50} | ${l.p97_5} | ${l.p99} | ${ratio} | ${m.non2xx + m.errors} | ${waited} |`;
}

/** The results as the markdown committed in bench/results/latest.md (and quoted by the README). */
export function renderMarkdown(r: BenchResults): string {
  const s = r.settings;
  const out: string[] = [
    '# Hospitium benchmark',
    '',
    `Run ${r.startedAt} on ${r.machine.cpus} CPU(s) (${r.machine.cpuModel}), ${r.machine.memoryGiB} GiB, Node ${r.machine.node}; ` +
      `load average at start ${r.machine.loadAverage.join(' / ')}. autocannon runs on the same machine as the servers.`,
    `Each scenario: ${s.warmupS} s warm-up, then ${s.durationS} s with ${s.connections} connections. ` +
      'Authenticated scenarios use a bearer token of the demo receptionist acting at City General Hospital. ' +
      '"vs bare" is throughput relative to a bare Fastify route measured just before and just after the ' +
      'scenario (the mean of the two), in the same run. Each run begins once the machine is quiet (under ' +
      '15% busy for a second): "waited" is how long the work left by the run before it kept it busy.',
    '',
  ];
  for (const m of r.modes) {
    out.push(`## ${TITLES[m.mode]}`, '');
    out.push(
      '| Scenario | Conn. | req/s | p50 ms | p97.5 ms | p99 ms | vs bare | non-2xx / errors | waited s |',
    );
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    m.bares.forEach((b, i) => {
      out.push(row(b, '100%'));
      const x = m.scenarios[i];
      if (x) out.push(row(x, pct(x.ratioToBare)));
    });
    out.push(row(m.singleClient, ''));
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
      const r = read.ratioToBare ?? 0;
      summary.push(
        `${where}: authenticated patient read at ${pct(r)} of the bare route (target ≥ 8%: ${r >= 0.08 ? 'met' : 'not met'}; ` +
          `aim 25%, product bar 50%), p99 ${read.latencyMs.p99} ms at ${read.connections} connections ` +
          `(target < 20 ms: ${read.latencyMs.p99 < 20 ? 'met' : 'not met'}).`,
      );
    }
    if (health) {
      const r = health.ratioToBare ?? 0;
      summary.push(
        `${where}: /healthz at ${pct(r)} of the bare route (target ≥ 60%: ${r >= 0.6 ? 'met' : 'not met'}).`,
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
