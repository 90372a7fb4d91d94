// The phases of bench/cluster-proof.ts that write through nginx: the booking and stock races, a
// kill -9 of an instance under writes, and a rolling restart under reads and writes. Each returns
// its figures and the invariants it checked (true: held).
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { runCli } from '../server/test/spawn';
import type { Cluster } from './cluster';
import { call, runClients, tally, type BookingSetup, type Headers, type Outcome } from './cluster-load';

export interface PhaseContext {
  cluster: Cluster;
  db: pg.Client;
  hospitalId: string;
  desk: Headers;
  pharmacist: Headers;
  booking: BookingSetup;
  /** The next free slot to book (shared by every phase, so none books a slot twice). */
  cursor: { next: number };
  readPath: string;
  log(m: string): void;
}

export interface PhaseResult {
  figures: Record<string, unknown>;
  checks: Record<string, boolean>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const count = async (db: pg.Client, sql: string, params: unknown[]) =>
  Number((await db.query<{ n: number }>(sql, params)).rows[0]!.n);

interface Booked {
  outcome: Outcome;
  body: Record<string, string>;
}

/** One booking of the next free slot for client `c`'s patient; null when the slots run out. */
async function bookNext(ctx: PhaseContext, c: number, into: Booked[]): Promise<Outcome | null> {
  const i = ctx.cursor.next++;
  const startsAt = ctx.booking.slots[i];
  if (startsAt === undefined) return null;
  const body = {
    idempotencyKey: randomUUID(),
    doctorId: ctx.booking.doctorId,
    patientId: ctx.booking.patients[c % ctx.booking.patients.length]!,
    startsAt,
  };
  const outcome = await call(ctx.cluster.url, ctx.desk, 'POST', '/api/appointments', body);
  into.push({ outcome, body });
  return outcome;
}

/** Every booking answered 201 is in the database. */
async function acknowledgedStored(ctx: PhaseContext, booked: Booked[]) {
  const ids = booked.filter((b) => b.outcome.status === 201).map((b) => String(b.outcome.json!.id));
  const stored = await count(
    ctx.db,
    'select count(*)::int as n from appointments where id = any($1::uuid[])',
    [ids],
  );
  return { acknowledged: ids.length, stored };
}

/** `clients` clients book one slot at once: exactly one appointment, the rest 409 SLOT_TAKEN. */
export async function bookingRace(ctx: PhaseContext, clients: number): Promise<PhaseResult> {
  const startsAt = ctx.booking.slots[ctx.cursor.next++]!;
  const answers = await Promise.all(
    Array.from({ length: clients }, (_, c) =>
      call(ctx.cluster.url, ctx.desk, 'POST', '/api/appointments', {
        idempotencyKey: randomUUID(),
        doctorId: ctx.booking.doctorId,
        patientId: ctx.booking.patients[c % ctx.booking.patients.length],
        startsAt,
      }),
    ),
  );
  const won = answers.filter((a) => a.status === 201).length;
  const slotTaken = answers.filter((a) => a.status === 409 && a.code === 'SLOT_TAKEN').length;
  const rows = await count(
    ctx.db,
    'select count(*)::int as n from appointments where doctor_profile_id = $1 and starts_at = $2',
    [ctx.booking.doctorId, startsAt],
  );
  return {
    figures: { clients, won, slotTaken, answers: tally(answers), rowsForSlot: rows },
    checks: {
      bookingRaceOneWinner: won === 1 && rows === 1,
      bookingRaceOthersSlotTaken: slotTaken === clients - 1,
    },
  };
}

/** `clients` clients sell 1–3 units of a medicine holding `units` until it is gone. */
export async function stockRace(
  ctx: PhaseContext,
  clients: number,
  units: number,
  medicineId: string,
): Promise<PhaseResult> {
  let acknowledged = 0;
  let empty = false;
  const outcomes = await runClients(
    clients,
    () => empty,
    async (c) => {
      const quantity = 1 + (c % 3);
      const o = await call(ctx.cluster.url, ctx.pharmacist, 'POST', '/api/pharmacy/sales', {
        idempotencyKey: randomUUID(),
        lines: [{ medicineId, quantity }],
      });
      if (o.status === 201) acknowledged += quantity;
      else if (o.code !== 'INSUFFICIENT_STOCK' || o.json?.available === 0) empty = true;
      return o;
    },
  );
  const s = (
    await ctx.db.query<{ on_hand: number; min: number; ledger: number }>(
      `select coalesce(sum(on_hand), 0)::int as on_hand, min(on_hand)::int as min,
              (select coalesce(sum(quantity), 0)::int from stock_ledger where medicine_id = $1) as ledger
         from stock_batches where medicine_id = $1`,
      [medicineId],
    )
  ).rows[0]!;
  const verify = await runCli(['verify-stock'], {
    DATABASE_URL: ctx.cluster.databaseUrl,
    DATA_DIR: ctx.cluster.dataDir,
  });
  const refusals = outcomes.filter((o) => o.status !== 201);
  return {
    figures: {
      clients,
      units,
      sales: outcomes.length - refusals.length,
      acknowledgedUnits: acknowledged,
      finalOnHand: s.on_hand,
      answers: tally(outcomes),
      verifyStockExit: verify.code,
    },
    checks: {
      stockFinalIsStartMinusAcknowledged: s.on_hand === units - acknowledged,
      stockNeverNegative: s.min >= 0,
      stockLedgerAgrees: s.ledger === s.on_hand,
      stockRefusalsOnlyInsufficient: refusals.every(
        (o) => o.status === 409 && o.code === 'INSUFFICIENT_STOCK',
      ),
      verifyStockPasses: verify.code === 0,
    },
  };
}

interface LogEntry {
  status: number;
  startMs: number;
  endMs: number;
  upstreams: string[];
}

/** nginx's access log (the `hospitium` format of deploy/nginx), by request id. */
export function readAccessLog(file: string): Map<string, LogEntry> {
  const out = new Map<string, LogEntry>();
  const line = /" (\d{3}) \d+ request_time=([\d.]+) msec=([\d.]+) id=(\w+) upstream=(.*) upstream_status=/;
  for (const l of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = line.exec(l);
    if (!m) continue;
    const endMs = Number(m[3]) * 1000;
    out.set(m[4]!, {
      status: Number(m[1]),
      endMs,
      startMs: endMs - Number(m[2]) * 1000,
      upstreams: m[5]!.split(/[,:]\s+/).filter((u) => u !== '-'),
    });
  }
  return out;
}

/**
 * `clients` clients book distinct slots for `seconds`; halfway, one instance is killed with
 * SIGKILL. Every acknowledged booking must be stored; every failure must be a request nginx had
 * passed to that instance and that was unfinished when it died; each failed request sent again
 * with its idempotency key must be applied exactly once.
 */
export async function killUnderWrites(
  ctx: PhaseContext,
  clients: number,
  seconds: number,
): Promise<PhaseResult> {
  const victim = ctx.cluster.instances[Math.min(1, ctx.cluster.instances.length - 1)]!;
  const victimAddr = `127.0.0.1:${victim.port}`;
  const booked: Booked[] = [];
  const endAt = Date.now() + seconds * 1000;
  let killedAt = 0;
  let diedAt = 0;
  const killer = (async () => {
    await sleep((seconds * 1000) / 2);
    killedAt = Date.now();
    ctx.log(`kill -9 instance ${victim.index + 1} (pid ${victim.proc?.proc.pid})`);
    await ctx.cluster.stopInstance(victim.index, 'SIGKILL');
    diedAt = Date.now(); // when its exit was seen: an upper bound of the moment it died
  })();
  await runClients(
    clients,
    () => Date.now() > endAt,
    (c) => bookNext(ctx, c, booked),
  );
  await killer;
  const { acknowledged, stored } = await acknowledgedStored(ctx, booked);

  await sleep(500); // nginx writes its log line after the answer
  const log = readAccessLog(ctx.cluster.accessLog);
  const failed = booked.filter((b) => b.outcome.status !== 201);
  const onVictim = (e: LogEntry | undefined) => e !== undefined && e.upstreams.at(-1) === victimAddr;
  const explained = failed.filter((b) => {
    const e = b.outcome.requestId ? log.get(b.outcome.requestId) : undefined;
    return onVictim(e) && e!.endMs >= killedAt;
  });
  // In flight on the instance when it died: passed to it before its exit was seen, unanswered at the kill.
  const inFlightAtDeath = [...log.values()].filter(
    (e) => e.upstreams.includes(victimAddr) && e.startMs <= diedAt && e.endMs >= killedAt,
  ).length;
  // Failures nginx sent on a connection to it after its exit was seen (it had not yet noticed the close).
  const sentAfterDeath = explained.filter((b) => log.get(b.outcome.requestId!)!.startMs > diedAt).length;

  // The client's side of an unanswered write: send it again with the same key.
  const retries = await Promise.all(
    failed.map((b) => call(ctx.cluster.url, ctx.desk, 'POST', '/api/appointments', b.body)),
  );
  const keys = booked.map((b) => b.body.idempotencyKey);
  const perKey = await ctx.db.query<{ n: number }>(
    `select count(*)::int as n from appointments where idempotency_key = any($1::text[]) group by idempotency_key`,
    [keys],
  );
  ctx.log(`restarting instance ${victim.index + 1}`);
  await ctx.cluster.startInstance(victim.index);
  return {
    figures: {
      clients,
      seconds,
      requests: booked.length,
      acknowledged,
      storedOfAcknowledged: stored,
      failed: failed.length,
      failedAnswers: tally(failed.map((b) => b.outcome)),
      failedOnKilledInstanceUnfinishedAtKill: explained.length,
      inFlightOnKilledInstanceAtDeath: inFlightAtDeath,
      failedSentToItAfterDeath: sentAfterDeath,
      msFromKillToExitSeen: diedAt - killedAt,
      retriedWithSameKey: retries.length,
      retriesAnswered201: retries.filter((r) => r.status === 201).length,
    },
    checks: {
      killNoAcknowledgedWriteLost: stored === acknowledged,
      // Every failure is a write nginx had passed to the killed instance, unanswered when it was
      // killed: no more than were in flight on it when it died (plus any nginx sent on a connection
      // to it after that, before it saw the close, reported on their own).
      killFailuresOnlyInFlightOnKilled:
        explained.length === failed.length && failed.length <= inFlightAtDeath + sentAfterDeath,
      killRetriesAppliedOnce:
        retries.every((r) => r.status === 201) &&
        perKey.rows.every((r) => r.n === 1) &&
        perKey.rowCount === keys.length,
    },
  };
}

/**
 * Readers and writers run while each instance in turn is stopped with SIGTERM (drained), started
 * again and left `settleSeconds` before the next: no request may fail.
 */
export async function rollingRestart(
  ctx: PhaseContext,
  readers: number,
  writers: number,
  settleSeconds: number,
): Promise<PhaseResult> {
  const booked: Booked[] = [];
  let done = false;
  const reads = runClients(
    readers,
    () => done,
    () => call(ctx.cluster.url, ctx.desk, 'GET', ctx.readPath),
  );
  const writes = runClients(
    writers,
    () => done,
    (c) => bookNext(ctx, c, booked),
  );
  const restarts: { instance: number; exit: number | string; drainMs: number; startMs: number }[] = [];
  try {
    await sleep(settleSeconds * 1000);
    for (const inst of ctx.cluster.instances) {
      ctx.log(`rolling: SIGTERM to instance ${inst.index + 1}`);
      const t0 = Date.now();
      const exit = await ctx.cluster.stopInstance(inst.index, 'SIGTERM');
      const t1 = Date.now();
      await ctx.cluster.startInstance(inst.index);
      restarts.push({ instance: inst.index + 1, exit, drainMs: t1 - t0, startMs: Date.now() - t1 });
      await sleep(settleSeconds * 1000); // nginx tries it again once fail_timeout has passed
    }
  } finally {
    done = true;
  }
  const readOutcomes = await reads;
  await writes;
  const writeOutcomes = booked.map((b) => b.outcome);
  const { acknowledged, stored } = await acknowledgedStored(ctx, booked);
  const failedReads = readOutcomes.filter((o) => o.status !== 200);
  const failedWrites = writeOutcomes.filter((o) => o.status !== 201);
  return {
    figures: {
      readers,
      writers,
      reads: readOutcomes.length,
      writes: writeOutcomes.length,
      failedReads: tally(failedReads),
      failedWrites: tally(failedWrites),
      restarts,
      acknowledged,
      storedOfAcknowledged: stored,
    },
    checks: {
      rollZeroFailedRequests: failedReads.length + failedWrites.length === 0 && readOutcomes.length > 0,
      rollEveryInstanceExited0: restarts.every((r) => r.exit === 0),
      rollNoAcknowledgedWriteLost: stored === acknowledged,
    },
  };
}
