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
  /** Throughput as a fraction of the bare Fastify route measured just before (filled in by run.ts). */
  ratioToBare?: number;
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
}

/** A warm-up (discarded), then the measured run, sampling the server's memory every 250 ms. */
export async function measure(o: RunOptions): Promise<Measurement> {
  const url = o.baseUrl + o.path;
  const headers = o.headers ?? {};
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
    };
  } finally {
    clearInterval(timer);
  }
}
