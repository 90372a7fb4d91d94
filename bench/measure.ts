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
  /** Largest resident memory of the measured server seen during the run (MiB), if one was given. */
  peakRssMiB: number | null;
  /** Throughput as a fraction of the bare Fastify route measured just before (filled in by run.ts). */
  ratioToBare?: number;
}

/** Resident memory of a process and its descendants, in MiB (Linux /proc), or null when it is gone. */
export function treeRssMiB(pid: number): number | null {
  const kb = (p: number): number => {
    let total = 0;
    try {
      total += Number(/VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
      for (const task of fs.readdirSync(`/proc/${p}/task`)) {
        const children = fs.readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        for (const c of children ? children.split(/\s+/) : []) total += kb(Number(c));
      }
    } catch {
      // the process (or a child) ended while we looked
    }
    return total;
  };
  const total = kb(pid);
  return total > 0 ? Math.round(total / 1024) : null;
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
    const rss = treeRssMiB(o.pid);
    if (rss !== null) peak = Math.max(peak ?? 0, rss);
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
      peakRssMiB: peak,
    };
  } finally {
    clearInterval(timer);
  }
}
