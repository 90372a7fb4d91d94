// The load of bench/cluster-proof.ts: an HTTP client that keeps what each request came back with
// (status, code, nginx's request id, when it started and ended), clients looping until told to stop,
// and the demo data the writes need (a doctor's slots round the clock, patients, a stocked medicine).
import { randomUUID } from 'node:crypto';
import type pg from 'pg';

export type Headers = Record<string, string>;
export const DEMO_PASSWORD = 'Hospitium-demo-2026';

export interface Outcome {
  status: number; // 0: no answer at all
  code?: string;
  requestId?: string;
  startedAt: number;
  endedAt: number;
  json?: Record<string, unknown>;
}

/** One request; never throws: a failure is an outcome with status 0 and the error as code. */
export async function call(
  base: string,
  headers: Headers,
  method: string,
  url: string,
  body?: unknown,
): Promise<Outcome> {
  const startedAt = Date.now();
  try {
    const r = await fetch(base + url, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    });
    const text = await r.text();
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = undefined; // nginx's own error pages are HTML
    }
    const code = typeof json?.code === 'string' ? json.code : undefined;
    const requestId = r.headers.get('x-request-id') ?? undefined;
    return { status: r.status, code, requestId, startedAt, endedAt: Date.now(), json };
  } catch (err) {
    return { status: 0, code: (err as Error).message, startedAt, endedAt: Date.now() };
  }
}

/** `call` that must succeed with `expected`; the parsed body. */
export async function must<T>(expected: number, ...args: Parameters<typeof call>): Promise<T> {
  const o = await call(...args);
  if (o.status !== expected)
    throw new Error(`${args[2]} ${args[3]}: HTTP ${o.status} ${o.code ?? ''} ${JSON.stringify(o.json)}`);
  return o.json as T;
}

/** A bearer token of a demo account, acting at `hospitalId`. */
export async function signIn(base: string, login: string, hospitalId: string): Promise<Headers> {
  const email = `${login}@hospitium.example`;
  const t = await must<{ accessToken: string }>(200, base, {}, 'POST', '/api/auth/token', {
    email,
    password: DEMO_PASSWORD,
  });
  return { authorization: `Bearer ${t.accessToken}`, 'x-hospital-id': hospitalId };
}

/** `clients` loops of `step` until `until()` says stop or a step returns false; every outcome kept. */
export async function runClients(
  clients: number,
  until: () => boolean,
  step: (client: number) => Promise<Outcome | null>,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (!until()) {
        const o = await step(c);
        if (!o) return;
        outcomes.push(o);
      }
    }),
  );
  return outcomes;
}

export const isoDay = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export interface BookingSetup {
  doctorId: string;
  /** Free 5-minute slots, in order, from tomorrow on. */
  slots: string[];
  /** Patients registered at the hospital, one per client. */
  patients: string[];
}

/**
 * The demo doctor at City General works round the clock in 5-minute slots from tomorrow (the demo's
 * weekday hours replaced), and `patients` new patients are registered.
 */
export async function prepareBookings(
  base: string,
  db: pg.Client,
  admin: Headers,
  desk: Headers,
  o: { hospitalId: string; patients: number; days: number },
): Promise<BookingSetup> {
  const { rows } = await db.query<{ id: string }>(
    `select d.id from doctor_profiles d join users u on u.id = d.user_id
      where u.email = 'doctor@hospitium.example' and d.hospital_id = $1`,
    [o.hospitalId],
  );
  const doctorId = rows[0]!.id;
  await db.query('delete from availability_templates where doctor_profile_id = $1', [doctorId]);
  const week = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '00:00', endTime: '23:55' }));
  for (const hours of week) {
    await must(201, base, admin, 'POST', '/api/availability/templates', {
      ...hours,
      doctorId,
      slotMinutes: 5,
      effectiveFrom: isoDay(1),
    });
  }
  const slots: string[] = [];
  for (let from = 1; from <= o.days; from += 30) {
    const to = Math.min(o.days, from + 29);
    const page = await must<{ slots: { startsAt: string }[] }>(
      200,
      base,
      admin,
      'GET',
      `/api/doctors/${doctorId}/slots?from=${isoDay(from)}&to=${isoDay(to)}`,
    );
    slots.push(...page.slots.map((s) => s.startsAt));
  }
  const patients: string[] = [];
  for (let i = 0; i < o.patients; i++) {
    const p = await must<{ id: string }>(201, base, desk, 'POST', '/api/patients', {
      givenName: `Cluster${i.toString(36)}`,
      familyName: `Load ${randomUUID().slice(0, 8)}`,
      phone: `+9197${String(10_000_000 + i * 7919).slice(0, 8)}`,
      confirmNotDuplicate: true,
    });
    patients.push(p.id);
  }
  return { doctorId, slots, patients };
}

/** A new over-the-counter medicine with `units` in two batches in the pharmacy store. */
export async function stockedMedicine(base: string, pharmacist: Headers, units: number): Promise<string> {
  const med = await must<{ id: string }>(201, base, pharmacist, 'POST', '/api/medicines', {
    genericName: `Clustermol ${randomUUID().slice(0, 6)}`,
    form: 'tablet',
    strength: '250 mg',
    dispensingUnit: 'tablet',
    salePriceMinor: 150,
    taxRateBp: 0,
  });
  const stores = await must<{ items: { id: string; kind: string }[] }>(
    200,
    base,
    pharmacist,
    'GET',
    '/api/stores',
  );
  const half = Math.floor(units / 2);
  const batch = (n: number, quantity: number) => ({
    medicineId: med.id,
    batchNumber: `CLUSTER-${n}`,
    expiryDate: isoDay(100 * n),
    quantity,
    unitCostMinor: 80,
  });
  await must(201, base, pharmacist, 'POST', '/api/stock/receipts', {
    storeId: stores.items.find((s) => s.kind === 'pharmacy')!.id,
    lines: [batch(1, half), batch(2, units - half)],
  });
  return med.id;
}

/** Percentile of a list of numbers (nearest rank). */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** Outcomes grouped as "status code" → count, for the report. */
export function tally(outcomes: Outcome[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of outcomes) {
    const k = `${o.status}${o.code ? ` ${o.code}` : ''}`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
