import fs from 'node:fs';
import autocannon from 'autocannon';

export interface Measurement {
  name: string;
  path: string;
  connections: number;
  durationS: number;
  rps: number;
  latencyMs: { p50: number; p97_5: number; p99: number; max: number };
  requests: number;
  non2xx: number;
  errors: number;
  /** Largest memory (PSS, app and its database server) seen during the run (MiB), if a pid was given. */
  peakPssMiB: number | null;
  /**
   * With `quiet`: how long the run waited for the machine to fall quiet before it began (the work
   * an earlier run left behind: audit rows to chain, autovacuum), and whether it did within the limit.
   */
  quiet?: { waitedS: number; reached: boolean };
}

/** Busy and total CPU time of the whole machine so far, from /proc/stat (Linux), in clock ticks. */
function cpuTicks(): { busy: number; total: number } {
  const fields = fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  // idle and iowait
  return { busy: total - fields[3]! - (fields[4] ?? 0), total };
}

/**
 * Waits until the machine's CPUs are less than `busyBelow` busy over a whole second, for at most
 * `maxS`: a run that starts while the previous one's left-over work still runs (the sealer chaining
 * its audit rows, autovacuum after its writes) is charged for that work, and so is its baseline.
 */
export async function waitForQuiet(
  maxS = 60,
  busyBelow = 0.15,
): Promise<{ waitedS: number; reached: boolean }> {
  const started = performance.now();
  let last = cpuTicks();
  while (performance.now() - started < maxS * 1000) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpuTicks();
    const busy = (now.busy - last.busy) / Math.max(1, now.total - last.total);
    last = now;
    if (busy < busyBelow)
      return { waitedS: Math.round((performance.now() - started) / 100) / 10, reached: true };
  }
  return { waitedS: maxS, reached: false };
}

/** Every pid in the tree below (and including) `pid`, from /proc (Linux). */
function processTree(pid: number): number[] {
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    try {
      for (const task of fs.readdirSync(`/proc/${p}/task`)) {
        const children = fs.readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        for (const c of children ? children.split(/\s+/) : []) walk(Number(c));
      }
    } catch {
      // the process ended while we looked
    }
  };
  walk(pid);
  return out;
}

/**
 * Memory of a process and its descendants (the app and the PostgreSQL server it runs), in MiB, as
 * PSS: pages shared between processes (PostgreSQL's shared buffers, libraries) are divided among
 * them instead of counted once per process, as summing RSS would. Null when the process is gone.
 */
export function treePssMiB(pid: number): number | null {
  let kb = 0;
  for (const p of processTree(pid)) {
    try {
      kb += Number(/^Pss:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // ended while we looked
    }
  }
  return kb > 0 ? Math.round(kb / 1024) : null;
}

export interface RunOptions {
  baseUrl: string;
  path: string;
  name: string;
  headers?: Record<string, string>;
  connections: number;
  durationS: number;
  warmupS: number;
  /** Server process whose memory is sampled during the run. */
  pid?: number;
  /** Wait for a quiet machine (`waitForQuiet`) before the warm-up. */
  quiet?: boolean;
}

/** A warm-up (discarded), then the measured run, sampling the server's memory every 250 ms. */
export async function measure(o: RunOptions): Promise<Measurement> {
  const url = o.baseUrl + o.path;
  const headers = o.headers ?? {};
  const quiet = o.quiet ? await waitForQuiet() : undefined;
  if (o.warmupS > 0) await autocannon({ url, headers, connections: o.connections, duration: o.warmupS });
  let peak: number | null = null;
  const sample = () => {
    if (o.pid === undefined) return;
    const pss = treePssMiB(o.pid);
    if (pss !== null) peak = Math.max(peak ?? 0, pss);
  };
  const timer = setInterval(sample, 250);
  try {
    const r = await autocannon({ url, headers, connections: o.connections, duration: o.durationS });
    sample();
    return {
      name: o.name,
      path: o.path,
      connections: o.connections,
      durationS: o.durationS,
      rps: Math.round(r.requests.total / r.duration),
      latencyMs: { p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99, max: r.latency.max },
      requests: r.requests.total,
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
      peakPssMiB: peak,
      ...(quiet ? { quiet } : {}),
    };
  } finally {
    clearInterval(timer);
  }
}
