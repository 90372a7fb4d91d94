// `npm run bench:booking`: booking on the PostgreSQL server, two parts in one run.
//
// 1. Throughput: CLIENTS receptionist clients book distinct slots of one doctor (5-minute slots,
//    round the clock, starting tomorrow), each client for its own patient, as fast as the server
//    answers, for SECONDS. Next to it, in the same run and on the same server: pgbench's built-in
//    simple-update script at the same client count (the database's own ceiling for small
//    write transactions). Target: Hospitium's bookings per second ≥ 25% of pgbench's TPS, p99 < 100 ms.
// 2. Race: CLIENTS clients, half through each of two app instances, book the SAME slot at once.
//    Exactly one appointment may exist afterwards, and every other answer must be 409 SLOT_TAKEN.
// Each booking queues an SMS confirmation, sent by the instances' job workers. pgbench runs only once
// the last of them has gone out (it would otherwise share the cores with their sending), and the
// report gives the bookings per second counting that time too.
//
// Settings: CLIENTS (50), SECONDS (15), WARMUP_SECONDS (2), SLOT_DAYS (180), DRAIN_SECONDS (300),
// BENCH_PG_URL. Results: bench/results/booking.* The instances inherit the environment (e.g.
// JOBS_YIELD_MS=0 to compare job workers that never yield). To find where the slow answers come
// from: BENCH_TRACE=<file> writes each counted booking's start (ms into the window), latency and
// instance; BENCH_NODE_ARGS adds flags to the instances' node (e.g. --trace-gc, their output kept
// with BENCH_SERVER_LOGS=<dir>); BENCH_PROFILE=<dir> keeps their CPU profiles.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { LeanConnection } from './lean-http';
import { createScratchDatabase, ROOT, startServer, stop } from '../server/test/spawn';

const CLIENTS = Number(process.env.CLIENTS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 15);
/** How long after the window the confirmations may take to go out before the run fails. */
const DRAIN_SECONDS = Number(process.env.DRAIN_SECONDS ?? 300);
/** Bookings before the window, not counted: the instances' connections, plans and code warm up (as `npm run bench`). */
const WARMUP_SECONDS = Number(process.env.WARMUP_SECONDS ?? 2);
/** Days of free 5-minute slots to book from: 288 a day. */
const SLOT_DAYS = Number(process.env.SLOT_DAYS ?? 180);
const pgServerUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'Hospitium-demo-2026';
const SLOT_MINUTES = 5;
const log = (m: string) => process.stderr.write(`[booking] ${m}\n`);
const run = promisify(execFile);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const round1 = (n: number) => Math.round(n * 10) / 10;
const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

type Headers = Record<string, string>;
// Setting up and the race go through node:http. The load itself shares the two cores with what it
// measures (as pgbench's client does), so each of its clients has a connection of bench/lean-http.ts,
// which costs it less than half the CPU a request; the report gives that cost.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
function api<T>(base: string, headers: Headers, method: string, url: string, body?: unknown) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<{ status: number; json: T & { code?: string } }>((resolve, reject) => {
    const req = http.request(
      base + url,
      {
        method,
        agent,
        headers: {
          ...headers,
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              json: JSON.parse(Buffer.concat(chunks).toString('utf8')),
            });
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function signIn(base: string, login: string, hospitalId: string): Promise<Headers> {
  const email = `${login}@hospitium.example`;
  const t = await api<{ accessToken: string }>(base, {}, 'POST', '/api/auth/token', {
    email,
    password: PASSWORD,
  });
  if (t.status !== 200) throw new Error(`sign-in ${login}: ${JSON.stringify(t.json)}`);
  return { authorization: `Bearer ${t.json.accessToken}`, 'x-hospital-id': hospitalId };
}

/** pgbench's simple-update at CLIENTS clients on a scratch database of the same server. */
async function pgbenchTps(): Promise<number> {
  const scratch = await createScratchDatabase(pgServerUrl, 'hospitium_pgbench');
  try {
    const u = new URL(scratch.url);
    // A Unix-socket URL (`?host=/var/run/postgresql`) reaches pgbench the same way as the app.
    const host = u.searchParams.get('host') ?? u.hostname;
    const conn = ['-h', host, '-p', u.port || '5432', '-U', decodeURIComponent(u.username)];
    const db = u.pathname.slice(1);
    await run('pgbench', [...conn, '-i', '-q', '-s', '10', db]);
    const { stdout } = await run('pgbench', [
      ...conn,
      '-b',
      'simple-update',
      '-c',
      String(CLIENTS),
      '-j',
      '2',
      '-T',
      String(SECONDS),
      db,
    ]);
    const m = /tps = ([\d.]+)/.exec(stdout);
    if (!m) throw new Error(`pgbench said: ${stdout}`);
    return Number(m[1]);
  } finally {
    await scratch.drop();
  }
}

/** BENCH_PROFILE=<dir>: each app instance writes a CPU profile there when it stops. */
const profileDir = process.env.BENCH_PROFILE;
const serverOptions = {
  env: { NODE_ENV: 'production' },
  nodeArgs: [
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
  ],
};

async function main(): Promise<void> {
  const scratch = await createScratchDatabase(pgServerUrl, 'hospitium_booking');
  const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-booking-')));
  const servers: Awaited<ReturnType<typeof startServer>>[] = [];
  try {
    log('starting two Hospitium instances on one database (demo data)');
    servers.push(await startServer({ dataDir: dirs[0]!, databaseUrl: scratch.url, ...serverOptions }));
    servers.push(await startServer({ dataDir: dirs[1]!, databaseUrl: scratch.url, ...serverOptions }));
    const [a, b] = servers.map((s) => s.url) as [string, string];
    const db = new pg.Client({ connectionString: scratch.url });
    // Dropping the scratch database on a failure ends this connection: the failure is what to report.
    db.on('error', () => undefined);
    await db.connect();
    const hospitalId = (await db.query<{ id: string }>(`select id from hospitals where code = 'CGH'`))
      .rows[0]!.id;
    const admin = await signIn(a, 'cgh.admin', hospitalId);
    const desk = [await signIn(a, 'receptionist', hospitalId), await signIn(b, 'receptionist', hospitalId)];

    // A doctor of the demo data who works round the clock in 5-minute slots, every day.
    const doctorId = (
      await db.query<{ id: string }>(
        `select d.id from doctor_profiles d join users u on u.id = d.user_id
          where u.email = 'doctor@hospitium.example' and d.hospital_id = $1`,
        [hospitalId],
      )
    ).rows[0]!.id;
    // The demo gives the doctor weekday hours; the bench replaces them with its own.
    await db.query('delete from availability_templates where doctor_profile_id = $1', [doctorId]);
    for (let weekday = 1; weekday <= 7; weekday++) {
      const r = await api(a, admin, 'POST', '/api/availability/templates', {
        doctorId,
        weekday,
        startTime: '00:00',
        endTime: '23:55',
        slotMinutes: SLOT_MINUTES,
        effectiveFrom: isoDay(1),
      });
      if (r.status !== 201) throw new Error(`hours: ${JSON.stringify(r.json)}`);
    }
    // The free slots, from the API, 30 days at a time from tomorrow: enough that no client runs
    // out (a run that does fails), the last one kept for the race.
    const slots: string[] = [];
    for (let first = 1; first < SLOT_DAYS; first += 30) {
      const r = await api<{ slots: { startsAt: string }[] }>(
        a,
        admin,
        'GET',
        `/api/doctors/${doctorId}/slots?from=${isoDay(first)}&to=${isoDay(Math.min(first + 29, SLOT_DAYS))}`,
      );
      if (r.status !== 200) throw new Error(`slots: ${JSON.stringify(r.json)}`);
      slots.push(...r.json.slots.map((s) => s.startsAt));
    }
    const contested = slots.pop()!;
    log(`${slots.length} free slots`);

    // One patient per client, so no client's bookings overlap another's patient.
    const patients: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const r = await api<{ id: string }>(a, desk[0]!, 'POST', '/api/patients', {
        givenName: `Bench${i.toString(36)}`,
        familyName: `Booking ${randomUUID().slice(0, 8)}`,
        phone: `+9198${String(10_000_000 + i * 7919).slice(0, 8)}`,
        confirmNotDuplicate: true,
      });
      if (r.status !== 201) throw new Error(`patient: ${JSON.stringify(r.json)}`);
      patients.push(r.json.id);
    }

    // ---- 1. throughput: distinct slots, half the clients on each instance ----
    // Each client books every CLIENTS-th slot from its own first, through the warm-up and the window.
    const next = patients.map((_, c) => c);
    const times: number[] = [];
    const warmupTimes: number[] = [];
    /** Each counted booking: when it started (ms after the window opened), its latency, its instance. */
    const trace: [number, number, number][] = [];
    const refusals = new Map<string, number>();
    let booked = 0;
    /** Every booking answered 201, the warm-up's included: each must be in the database. */
    let acknowledged = 0;
    let ranOut = 0;
    /** When the counted window opened. */
    let t0 = 0;
    // Each client's own keep-alive connection to its instance, as pgbench's clients hold theirs.
    const connections = patients.map((_, c) => new LeanConnection(c % 2 === 0 ? a : b, desk[c % 2]!));
    const load = (seconds: number, into: number[], counted: boolean) => {
      const deadline = performance.now() + seconds * 1000;
      return Promise.all(
        patients.map(async (patientId, c) => {
          const connection = connections[c]!;
          while (performance.now() < deadline) {
            const i = next[c]!;
            if (i >= slots.length) {
              ranOut++;
              return;
            }
            next[c] = i + CLIENTS;
            const body = JSON.stringify({
              idempotencyKey: randomUUID(),
              doctorId,
              patientId,
              startsAt: slots[i],
            });
            const start = performance.now();
            const r = await connection.request('POST', '/api/appointments', body);
            into.push(performance.now() - start);
            if (counted) trace.push([start - t0, performance.now() - start, c % 2]);
            if (r.status === 201) {
              acknowledged++;
              if (counted) booked++;
            } else {
              // Only a refusal's body is read: its code is what the report counts.
              const refusal = `${r.status} ${(JSON.parse(r.body) as { code?: string }).code}`;
              refusals.set(refusal, (refusals.get(refusal) ?? 0) + 1);
            }
          }
        }),
      );
    };
    if (WARMUP_SECONDS > 0) {
      log(`${CLIENTS} clients booking distinct slots for a ${WARMUP_SECONDS} s warm-up (not counted)`);
      await load(WARMUP_SECONDS, warmupTimes, false);
    }
    log(`${CLIENTS} clients booking distinct slots for ${SECONDS} s`);
    t0 = performance.now();
    const clientCpu = process.cpuUsage();
    await load(SECONDS, times, true);
    const { user: clientUser, system: clientSystem } = process.cpuUsage(clientCpu);
    for (const connection of connections) connection.close();
    if (ranOut > 0) throw new Error(`${ranOut} clients ran out of free slots: raise SLOT_DAYS`);
    const seconds = (performance.now() - t0) / 1000;
    if (process.env.BENCH_TRACE)
      fs.writeFileSync(
        process.env.BENCH_TRACE,
        JSON.stringify({ windowStartedAt: performance.timeOrigin + t0, trace }),
      );
    const bookingsPerSecond = booked / seconds;
    const unsent = async () =>
      Number(
        (
          await db.query<{ n: number }>(
            `select count(*)::int as n from notification_deliveries
              where template = 'scheduling.appointment_booked' and status in ('queued', 'retrying')`,
          )
        ).rows[0]!.n,
      );
    const backlog = await unsent();
    const inDb = Number(
      (
        await db.query<{ n: number }>(
          // The bench's patients' only: the demo has appointments of its own with this doctor.
          `select count(*)::int as n from appointments where doctor_profile_id = $1 and patient_id = any($2::uuid[])`,
          [doctorId, patients],
        )
      ).rows[0]!.n,
    );

    // ---- 2. the race: every client for one slot, through both instances at once ----
    log(`${CLIENTS} clients racing for ${contested}`);
    const answers = await Promise.all(
      patients.map((patientId, c) =>
        api(c % 2 === 0 ? a : b, desk[c % 2]!, 'POST', '/api/appointments', {
          idempotencyKey: randomUUID(),
          doctorId,
          patientId,
          startsAt: contested,
        }),
      ),
    );
    const won = answers.filter((r) => r.status === 201).length;
    const slotTaken = answers.filter((r) => r.status === 409 && r.json.code === 'SLOT_TAKEN').length;
    const others = new Map<string, number>();
    for (const r of answers) {
      if (r.status === 201 || (r.status === 409 && r.json.code === 'SLOT_TAKEN')) continue;
      others.set(`${r.status} ${r.json.code}`, (others.get(`${r.status} ${r.json.code}`) ?? 0) + 1);
    }
    const rowsForSlot = Number(
      (
        await db.query<{ n: number }>(
          `select count(*)::int as n from appointments where doctor_profile_id = $1 and starts_at = $2`,
          [doctorId, contested],
        )
      ).rows[0]!.n,
    );

    // ---- the confirmations still queued: sent before pgbench runs, so it runs on a quiet machine ----
    log(`${backlog} confirmations were still queued when the window closed; waiting for them`);
    let drained = await unsent();
    while (drained > 0 && performance.now() - t0 < (seconds + DRAIN_SECONDS) * 1000) {
      await new Promise((r) => setTimeout(r, 250));
      drained = await unsent();
    }
    const drainSeconds = (performance.now() - t0) / 1000 - seconds;
    if (drained > 0)
      throw new Error(`${drained} confirmations still unsent ${DRAIN_SECONDS} s after the window`);
    await db.end();

    // ---- pgbench on the same server, after the app's load (and its confirmations) have stopped ----
    log('pgbench simple-update');
    const tps = await pgbenchTps();

    const ratio = bookingsPerSecond / tps;
    // Bookings per second counting the time until the last of their confirmations was sent.
    const sustained = booked / (seconds + drainSeconds);
    const p99 = pct(times, 99);
    const checks = {
      everyAcknowledgedBookingStored: inDb === acknowledged,
      noRefusalsOnDistinctSlots: refusals.size === 0,
      raceExactlyOneWinner: won === 1 && rowsForSlot === 1,
      raceOthersSlotTaken: slotTaken === CLIENTS - 1,
    };
    const targets = { ratioAtLeast25Percent: ratio >= 0.25, p99Under100ms: p99 < 100 };
    const result = {
      clients: CLIENTS,
      seconds: round1(seconds),
      booked,
      bookingsPerSecond: round1(bookingsPerSecond),
      pgbenchSimpleUpdateTps: round1(tps),
      ratio: Math.round(ratio * 1000) / 10,
      confirmations: {
        queuedAtWindowEnd: backlog,
        allSentSecondsAfterWindow: round1(drainSeconds),
        bookingsPerSecondUntilAllSent: round1(sustained),
        ratioUntilAllSent: Math.round((sustained / tps) * 1000) / 10,
      },
      p50: round1(pct(times, 50)),
      p95: round1(pct(times, 95)),
      p99: round1(p99),
      warmup: {
        seconds: WARMUP_SECONDS,
        bookings: warmupTimes.length,
        p99WithWindow: round1(pct([...warmupTimes, ...times], 99)),
      },
      /** The load client's own CPU (this process, user + system) per request of the window, in µs. */
      clientCpuMicrosPerRequest: Math.round((clientUser + clientSystem) / Math.max(1, times.length)),
      refusals: Object.fromEntries(refusals),
      race: { clients: CLIENTS, won, slotTaken, otherAnswers: Object.fromEntries(others), rowsForSlot },
      checks,
      targets,
      loadAverage: os.loadavg().map((l) => round1(l)),
    };
    const yes = (v: boolean) => (v ? 'yes' : 'NO');
    const md = [
      `# Booking (${new Date().toISOString()})`,
      '',
      `PostgreSQL at ${new URL(pgServerUrl).host}; two Hospitium instances (production mode) on one database; ${os.cpus().length} cores shared by everything.`,
      '',
      `## Distinct slots: ${CLIENTS} receptionist clients, half on each instance, ${round1(seconds)} s after a ${WARMUP_SECONDS} s warm-up`,
      '',
      '| bookings | per second | pgbench simple-update TPS (same clients) | ratio | p50 ms | p95 ms | p99 ms |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| ${booked} | ${result.bookingsPerSecond} | ${result.pgbenchSimpleUpdateTps} | ${result.ratio}% | ${result.p50} | ${result.p95} | ${result.p99} |`,
      '',
      `Targets: ratio ≥ 25%: **${yes(targets.ratioAtLeast25Percent)}** (${result.ratio}%); p99 < 100 ms: **${yes(targets.p99Under100ms)}** (${result.p99} ms).`,
      `Confirmations (one SMS each): ${backlog} still queued when the window closed, all sent ${round1(drainSeconds)} s after it (the race included); counting that time, ${result.confirmations.bookingsPerSecondUntilAllSent} bookings/s = ${result.confirmations.ratioUntilAllSent}% of pgbench.`,
      `Warm-up (not counted above): ${warmupTimes.length} bookings; p99 of the warm-up and the window together ${result.warmup.p99WithWindow} ms.`,
      `The load client's own CPU, on the same cores: ${result.clientCpuMicrosPerRequest} µs a request (one keep-alive connection per client, bench/lean-http.ts).`,
      `Every acknowledged booking is in the database: **${yes(checks.everyAcknowledgedBookingStored)}** (${inDb} rows); refusals: ${[...refusals].map(([k, v]) => `${v} × ${k}`).join(', ') || 'none'}.`,
      '',
      `## Race: ${CLIENTS} clients for one slot through two instances`,
      '',
      `Created: **${won}**; 409 SLOT_TAKEN: **${slotTaken}**; other answers: ${[...others].map(([k, v]) => `${v} × ${k}`).join(', ') || 'none'}; appointments for that slot in the database: **${rowsForSlot}**.`,
      '',
      `Load average at the end: ${result.loadAverage.join(', ')}.`,
      '',
    ].join('\n');
    const out = path.join(ROOT, 'bench', 'results');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'booking.json'), JSON.stringify(result, null, 2) + '\n');
    fs.writeFileSync(path.join(out, 'booking.md'), md);
    process.stdout.write(md);
    // The invariants fail the run; a missed speed target is reported, not hidden.
    if (!Object.values(checks).every(Boolean)) process.exitCode = 1;
  } finally {
    agent.destroy();
    for (const s of servers) await stop(s, 'SIGTERM');
    // BENCH_SERVER_LOGS=<dir>: each instance's log, to find out what an answer of 500 was.
    const logs = process.env.BENCH_SERVER_LOGS;
    if (logs)
      servers.forEach((s, i) => fs.writeFileSync(path.join(logs, `instance-${i}.log`), s.stdout + s.stderr));
    await scratch.drop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error('booking bench failed:', err);
  process.exit(1);
});
