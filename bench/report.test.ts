// The bench's summary of a scenario's rounds: what the README quotes against the targets.
import { describe, expect, it } from 'vitest';
import type { Measurement } from './measure';
import { renderMarkdown, summarise, type BenchResults } from './report';

const run = (rps: number, p99: number, o: Partial<Measurement> = {}): Measurement => ({
  name: 'x',
  path: '/x',
  connections: 20,
  durationS: 5,
  rps,
  latencyMs: { p50: p99 / 4, p97_5: p99 / 2, p99, max: p99 * 2 },
  requests: rps * 5,
  non2xx: 0,
  errors: 0,
  peakPssMiB: null,
  ...o,
});

describe('summarise', () => {
  it('takes the median of the rounds, each ratio against the bare run beside it', () => {
    // The bare route drifts from 10,000 to 30,000 req/s; the scenario keeps pace at half of it,
    // except in one round. A ratio of medians (5,000 / 20,000) would say 25%.
    const s = summarise('GET /healthz', [
      { app: run(5_000, 10), bare: run(10_000, 1) },
      { app: run(15_000, 30), bare: run(30_000, 1) },
      { app: run(4_000, 12, { non2xx: 2, peakPssMiB: 300 }), bare: run(20_000, 1) },
      { app: run(10_000, 11), bare: run(20_000, 1) },
      { app: run(14_000, 40, { errors: 1, peakPssMiB: 320 }), bare: run(28_000, 1) },
    ]);
    expect(s.ratioToBare).toBe(0.5);
    expect(s.rps).toBe(10_000);
    expect(s.bareRps).toBe(20_000);
    expect(s.latencyMs).toEqual({ p50: 3, p97_5: 6, p99: 12, max: 80 });
    expect(s.rounds.map((r) => r.ratio)).toEqual([0.5, 0.5, 0.2, 0.5, 0.5]);
    expect(s.rounds.map((r) => r.p99)).toEqual([10, 30, 12, 11, 40]);
    expect(s.requests).toBe(240_000);
    expect(s.non2xx + s.errors).toBe(3);
    expect(s.peakPssMiB).toBe(320);
  });

  it('refuses to summarise nothing', () => {
    expect(() => summarise('x', [])).toThrow(/no rounds/);
  });
});

describe('renderMarkdown', () => {
  it('judges the targets on the medians and shows every round beside them', () => {
    const read = summarise('GET /api/patients/{id}', [
      { app: run(900, 25), bare: run(10_000, 1) },
      { app: run(1_000, 18), bare: run(10_000, 1) },
      { app: run(1_100, 19), bare: run(10_000, 1) },
    ]);
    const health = summarise('GET /healthz', [
      { app: run(5_900, 2), bare: run(10_000, 1) },
      { app: run(6_100, 2), bare: run(10_000, 1) },
      { app: run(5_000, 2), bare: run(10_000, 1) },
    ]);
    const results: BenchResults = {
      startedAt: '2026-12-06T23:00:00.000Z',
      machine: { cpus: 2, cpuModel: 'test', memoryGiB: 24, node: 'v20', loadAverage: [0, 0, 0] },
      settings: { durationS: 5, warmupS: 1, rounds: 3, connections: 20, singleClientDurationS: 5 },
      modes: [
        {
          mode: 'postgres',
          startupMs: 1000,
          seedMs: null,
          memory: { idleMiB: 100, peakMiB: 200, afterRunMiB: 150 },
          scenarios: [read, health],
          singleClient: run(500, 3),
          skipped: [],
        },
      ],
      notes: [],
    };
    const md = renderMarkdown(results);
    expect(md).toContain(
      'PostgreSQL server: authenticated patient read at 10% of the bare route (target ≥ 8%: met; aim 25%, product bar 50%; rounds 9% to 11%), p99 19 ms at 20 connections (target < 20 ms: met; rounds 18 ms to 25 ms).',
    );
    expect(md).toContain('/healthz at 59% of the bare route (target ≥ 60%: not met; rounds 50% to 61%).');
    expect(md).toContain('| 10% | 9%, 25; 10%, 18; 11%, 19 |'); // the median, then every round
  });
});
