// `npm run bench:dispense`: CLIENTS pharmacists' clients dispensing one medicine at once, on the
// PostgreSQL server, until the shelf is empty. Hospitium starts on a scratch database with the demo
// data; a new medicine gets START units in three batches; each client dispenses 1–3 units at a time
// against its own paper prescription, as fast as the server answers. Reported: dispenses per second,
// latency (p50/p95/p99), refusals, and the check that matters: final stock = START − what was
// acknowledged, never below zero, every refusal INSUFFICIENT_STOCK, and the ledger agreeing.
// Settings: CLIENTS (50), START (3000), BENCH_PG_URL. Results: bench/results/dispense-race.*
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createScratchDatabase, ROOT, runCli, startServer, stop } from '../server/test/spawn';

const CLIENTS = Number(process.env.CLIENTS ?? 50);
const START = Number(process.env.START ?? 3000);
const pgServerUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PHARMACIST = { email: 'pharmacist@hospitium.example', password: 'Hospitium-demo-2026' };
const log = (m: string) => process.stderr.write(`[dispense] ${m}\n`);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function api<T>(
  base: string,
  headers: Record<string, string>,
  method: string,
  url: string,
  body?: unknown,
) {
  const r = await fetch(base + url, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await r.json()) as T & { code?: string };
  return { status: r.status, json };
}

async function main(): Promise<void> {
  const scratch = await createScratchDatabase(pgServerUrl, 'hospitium_dispense');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-dispense-'));
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    log('starting Hospitium (demo data)');
    server = await startServer({ dataDir, databaseUrl: scratch.url, env: { NODE_ENV: 'production' } });
    const base = server.url;
    const db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
    const hospitalId = (await db.query<{ id: string }>(`select id from hospitals where code = 'CGH'`))
      .rows[0]!.id;
    const token = await api<{ accessToken: string }>(base, {}, 'POST', '/api/auth/token', PHARMACIST);
    if (token.status !== 200) throw new Error(`sign-in: ${JSON.stringify(token.json)}`);
    const h = { authorization: `Bearer ${token.json.accessToken}`, 'x-hospital-id': hospitalId };

    const med = await api<{ id: string }>(base, h, 'POST', '/api/medicines', {
      genericName: `Benchmol ${randomBytes(3).toString('hex')}`,
      form: 'tablet',
      strength: '500 mg',
      dispensingUnit: 'tablet',
      salePriceMinor: 200,
      taxRateBp: 500,
    });
    if (med.status !== 201) throw new Error(`medicine: ${JSON.stringify(med.json)}`);
    const stores = await api<{ items: { id: string; kind: string }[] }>(base, h, 'GET', '/api/stores');
    const pharmacy = stores.json.items.find((s) => s.kind === 'pharmacy')!;
    const third = Math.floor(START / 3);
    const received = await api(base, h, 'POST', '/api/stock/receipts', {
      storeId: pharmacy.id,
      lines: [
        {
          medicineId: med.json.id,
          batchNumber: 'RACE-1',
          expiryDate: inDays(120),
          quantity: third,
          unitCostMinor: 90,
        },
        {
          medicineId: med.json.id,
          batchNumber: 'RACE-2',
          expiryDate: inDays(240),
          quantity: third,
          unitCostMinor: 95,
        },
        {
          medicineId: med.json.id,
          batchNumber: 'RACE-3',
          expiryDate: inDays(360),
          quantity: START - 2 * third,
          unitCostMinor: 99,
        },
      ],
    });
    if (received.status !== 201) throw new Error(`receive: ${JSON.stringify(received.json)}`);

    const patientId = (
      await db.query<{ patient_id: string }>(
        'select patient_id from patient_registrations where hospital_id = $1 limit 1',
        [hospitalId],
      )
    ).rows[0]!.patient_id;
    const prescriptions: { id: string; lineId: string }[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const p = await api<{ id: string; lines: { id: string }[] }>(base, h, 'POST', '/api/prescriptions', {
        patientId,
        prescriberName: `Dr Bench ${i}`,
        writtenOn: inDays(0),
        lines: [{ medicineId: med.json.id, quantity: START }],
      });
      if (p.status !== 201) throw new Error(`prescription: ${JSON.stringify(p.json)}`);
      prescriptions.push({ id: p.json.id, lineId: p.json.lines[0]!.id });
    }

    log(`${CLIENTS} clients dispensing ${START} units`);
    const times: number[] = [];
    const refusals = new Map<string, number>();
    let acknowledged = 0;
    let dispenses = 0;
    let empty = false;
    const t0 = performance.now();
    await Promise.all(
      prescriptions.map(async (rx, c) => {
        let n = 0;
        while (!empty) {
          const quantity = 1 + ((c + n++) % 3);
          const start = performance.now();
          const r = await api<{ available?: number }>(
            base,
            h,
            'POST',
            `/api/prescriptions/${rx.id}/dispense`,
            {
              idempotencyKey: `race-${c}-${n}-${randomBytes(4).toString('hex')}`,
              lines: [{ lineId: rx.lineId, quantity }],
            },
          );
          times.push(performance.now() - start);
          if (r.status === 200) {
            acknowledged += quantity;
            dispenses++;
          } else {
            const code = `${r.status} ${r.json.code ?? '?'}`;
            refusals.set(code, (refusals.get(code) ?? 0) + 1);
            if (r.json.code === 'INSUFFICIENT_STOCK' && r.json.available === 0) empty = true;
            if (r.json.code !== 'INSUFFICIENT_STOCK') empty = true; // anything else stops the run
          }
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;

    const stock = await db.query<{ on_hand: number; ledger: number; min: number }>(
      `select coalesce(sum(b.on_hand), 0)::int as on_hand, min(b.on_hand)::int as min,
              (select coalesce(sum(quantity), 0)::int from stock_ledger where medicine_id = $1) as ledger
         from stock_batches b where b.medicine_id = $1`,
      [med.json.id],
    );
    await db.end();
    const s = stock.rows[0]!;
    const verify = await runCli(['verify-stock'], { DATABASE_URL: scratch.url, DATA_DIR: dataDir });
    const onlyInsufficient = [...refusals.keys()].every((k) => k === '409 INSUFFICIENT_STOCK');
    const checks = {
      finalStockIsStartMinusAcknowledged: s.on_hand === START - acknowledged,
      neverNegative: s.min >= 0,
      ledgerAgrees: s.ledger === s.on_hand,
      everyRefusalInsufficientStock: onlyInsufficient,
      verifyStockExit: verify.code,
    };
    const result = {
      clients: CLIENTS,
      start: START,
      acknowledgedUnits: acknowledged,
      finalOnHand: s.on_hand,
      dispenses,
      refusals: Object.fromEntries(refusals),
      seconds: Math.round(seconds * 10) / 10,
      dispensesPerSecond: Math.round(dispenses / seconds),
      p50: Math.round(pct(times, 50) * 10) / 10,
      p95: Math.round(pct(times, 95) * 10) / 10,
      p99: Math.round(pct(times, 99) * 10) / 10,
      checks,
    };
    const ok =
      checks.finalStockIsStartMinusAcknowledged &&
      checks.neverNegative &&
      checks.ledgerAgrees &&
      onlyInsufficient &&
      verify.code === 0;
    const md = [
      `# Dispense race (${new Date().toISOString()})`,
      '',
      `${CLIENTS} clients dispensing 1–3 units at a time from one medicine (${START} units in three batches), against`,
      `their own prescriptions, through \`POST /api/prescriptions/:id/dispense\`, on PostgreSQL at ${new URL(pgServerUrl).host}.`,
      '',
      '| dispenses | per second | p50 ms | p95 ms | p99 ms | units acknowledged | final on hand | refusals |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
      `| ${dispenses} | ${result.dispensesPerSecond} | ${result.p50} | ${result.p95} | ${result.p99} | ${acknowledged} | ${s.on_hand} | ${[...refusals].map(([k, v]) => `${v} × ${k}`).join(', ') || 'none'} |`,
      '',
      `Final stock = ${START} − ${acknowledged} acknowledged: **${checks.finalStockIsStartMinusAcknowledged ? 'yes' : 'NO'}**;`,
      `never below zero: **${checks.neverNegative ? 'yes' : 'NO'}**; ledger sum equals on hand: **${checks.ledgerAgrees ? 'yes' : 'NO'}**;`,
      `every refusal INSUFFICIENT_STOCK: **${onlyInsufficient ? 'yes' : 'NO'}**; \`hospitium verify-stock\` exit code: **${verify.code}**.`,
      '',
      `Load average at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}.`,
      '',
    ].join('\n');
    const out = path.join(ROOT, 'bench', 'results');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'dispense-race.json'), JSON.stringify(result, null, 2) + '\n');
    fs.writeFileSync(path.join(out, 'dispense-race.md'), md);
    process.stdout.write(md);
    if (!ok) process.exitCode = 1;
  } finally {
    if (server) await stop(server, 'SIGTERM');
    await scratch.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error('dispense race bench failed:', err);
  process.exit(1);
});
