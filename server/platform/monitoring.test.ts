// The monitoring files in deploy/monitoring/ against the metrics the app really exposes: a metric
// renamed or dropped in the code, or misspelt in a rule or a panel, fails here. (promtool is not on
// this machine; this checks names and shape, not PromQL grammar.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildTestApp, type TestApp } from '../test/harness';

const dir = path.resolve(import.meta.dirname, '../../deploy/monitoring');
const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

/** Series Prometheus makes itself for every target; the app cannot expose them. */
const FROM_PROMETHEUS = new Set(['up']);
const NOT_METRICS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool']);
const OPERATORS = new Set(['and', 'or', 'unless', 'offset', 'inf', 'nan']);

/** The metric names a PromQL expression reads (functions, labels, keywords and Grafana variables left out). */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // label values
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // ranges
    .replace(/\$\{?\w+\}?/g, ' ') // Grafana variables
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' '); // label lists
  const names = [...bare.matchAll(/(?<![\w.])([a-zA-Z_:][\w:]*)\s*(\()?/g)]
    .filter((m) => !m[2]) // a function call
    .map((m) => m[1]!)
    .filter((n) => !NOT_METRICS.has(n) && !OPERATORS.has(n));
  return [...new Set(names)];
}

/** Every series name in a /metrics text, histograms and summaries with their suffixes. */
function exposedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name, type] = m as unknown as [string, string, string];
    names.add(name);
    if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(name + s);
    if (type === 'summary') for (const s of ['_sum', '_count']) names.add(name + s);
  }
  return names;
}

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const rules = (
  parse(read('prometheus-rules.yml')) as { groups: { name: string; rules: Rule[] }[] }
).groups.flatMap((g) => g.rules);

interface Panel {
  title: string;
  type: string;
  targets?: { expr: string }[];
  panels?: Panel[];
}
const dashboard = JSON.parse(read('grafana-dashboard.json')) as { panels: Panel[]; uid: string };
const panels = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]).filter((p) => p.type !== 'row');

const TOKEN = 'monitoring-test-token-0123456789';
let t: TestApp;
let exposed: Set<string>;
let backupDir: string;

beforeAll(async () => {
  // A backup directory, so the backup gauges have something to read if they need one.
  backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-monitoring-'));
  t = await buildTestApp({ METRICS_TOKEN: TOKEN, BACKUP_DIR: backupDir });
  const res = await t.app.inject({
    method: 'GET',
    url: '/metrics',
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(res.statusCode).toBe(200);
  exposed = exposedNames(res.body);
});

afterAll(async () => {
  await t?.close();
  if (backupDir) fs.rmSync(backupDir, { recursive: true, force: true });
});

const unknown = (expr: string) => metricNames(expr).filter((n) => !exposed.has(n) && !FROM_PROMETHEUS.has(n));

describe('the name check itself', () => {
  it('finds the metrics of an expression and nothing else', () => {
    expect(
      metricNames(
        'histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{job="hospitium", route!~".*/events"}[$__rate_interval]))) > 1 and sum(up{job=~"a|b"}) > 0.2 or absent(foo_total) unless time() - bar_seconds > 26 * 3600',
      ).sort(),
    ).toEqual(['bar_seconds', 'foo_total', 'http_request_duration_seconds_bucket', 'up']);
  });

  it('catches a metric the app does not expose', () => {
    expect(unknown('sum(rate(hospitium_job_total[5m]))')).toEqual(['hospitium_job_total']);
    expect(unknown('sum(rate(hospitium_jobs_total[5m]))')).toEqual([]);
  });
});

describe('deploy/monitoring/prometheus-rules.yml', () => {
  it('has the alerts the operations need', () => {
    const names = rules.map((r) => r.alert);
    for (const a of [
      'HospitiumHighErrorRate',
      'HospitiumHighLatency',
      'HospitiumInstanceDown',
      'HospitiumJobsFailed',
      'HospitiumJobBacklog',
      'HospitiumJobsStuck',
      'HospitiumBackupTooOld',
      'HospitiumNoBackup',
      'HospitiumDataDirLowSpace',
      'HospitiumDataDirFillingUp',
    ])
      expect(names).toContain(a);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives every alert a severity, a summary and what to do', () => {
    for (const r of rules) {
      expect(r.alert, JSON.stringify(r)).toMatch(/^Hospitium[A-Z]\w+$/);
      expect(['critical', 'warning', 'info'], r.alert).toContain(r.labels?.severity);
      expect(r.annotations?.summary?.length, r.alert).toBeGreaterThan(10);
      expect(r.annotations?.description?.length, r.alert).toBeGreaterThan(40);
      if (r.for) expect(r.for, r.alert).toMatch(/^\d+[smhd]$/);
    }
  });

  it('reads only metrics the app exposes', () => {
    for (const r of rules) {
      expect(metricNames(r.expr).length, r.alert).toBeGreaterThan(0);
      expect(unknown(r.expr), r.alert).toEqual([]);
    }
  });
});

describe('deploy/monitoring/grafana-dashboard.json', () => {
  it('has the panels the operations need', () => {
    const exprs = panels.flatMap((p) => p.targets ?? []).map((x) => x.expr);
    const used = new Set(exprs.flatMap(metricNames));
    for (const n of [
      'http_requests_total',
      'http_request_duration_seconds_bucket',
      'hospitium_jobs_total',
      'hospitium_job_queue_depth',
      'hospitium_db_pool_waiting_requests',
      'nodejs_eventloop_lag_p99_seconds',
      'process_resident_memory_bytes',
      'hospitium_backup_last_success_timestamp_seconds',
      'hospitium_data_dir_free_bytes',
    ])
      expect(used, n).toContain(n);
    expect(new Set(panels.map((p) => p.title)).size).toBe(panels.length);
  });

  it('reads only metrics the app exposes', () => {
    for (const p of panels) {
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
      for (const x of p.targets ?? []) expect(unknown(x.expr), `${p.title}: ${x.expr}`).toEqual([]);
    }
  });
});

describe('deploy/monitoring/prometheus.yml', () => {
  it('loads the rules and scrapes the app instances and the worker with the metrics token', () => {
    const config = parse(read('prometheus.yml')) as {
      rule_files: string[];
      scrape_configs: {
        job_name: string;
        authorization?: { type: string };
        static_configs: { targets: string[] }[];
      }[];
    };
    expect(config.rule_files).toContain('prometheus-rules.yml');
    const jobs = Object.fromEntries(config.scrape_configs.map((s) => [s.job_name, s]));
    expect(jobs['hospitium']?.static_configs[0]?.targets).toHaveLength(3);
    expect(jobs['hospitium-worker']?.static_configs[0]?.targets).toHaveLength(1);
    for (const s of config.scrape_configs) expect(s.authorization?.type).toBe('Bearer');
    // The job names the rules and the dashboard select on.
    expect(read('prometheus-rules.yml')).toContain('job="hospitium"');
    expect(read('grafana-dashboard.json')).toContain('hospitium-worker');
  });
});
