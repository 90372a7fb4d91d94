// `npm run bench:search`: patient search over a large hospital, through the API. A scratch database
// on the PostgreSQL server gets the demo data (by starting Hospitium on it), then PATIENTS generated
// patients registered at City General; the demo receptionist then searches by a misspelt name, an
// exact phone, the end of a phone number and an MRN, one request at a time, and the latency of each
// kind is reported (target: p95 under 50 ms at 1,000,000 patients).
// Settings: PATIENTS (1000000), SEARCHES (200 per kind), BENCH_PG_URL, KEEP_DB (keep the scratch
// database for a look with psql). Results: bench/results/patient-search.*
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createScratchDatabase, ROOT, startServer, stop } from '../server/test/spawn';
import { BENCH_USER } from './scenarios';

const PATIENTS = Number(process.env.PATIENTS ?? 1_000_000);
const SEARCHES = Number(process.env.SEARCHES ?? 200);
const pgServerUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const log = (m: string) => process.stderr.write(`[search] ${m}\n`);

const GIVEN = `aarav aditi aditya akash amit ananya anjali anil arjun asha deepak divya gaurav geeta harish
  isha jaya karan kavya kiran krishna lakshmi manish meera mohan neha nikhil pooja priya rahul raj
  rajesh ramesh ravi rohit sanjay sara shreya simran sneha sunil suresh tanvi uma varun vijay vikram
  yash zara farhan ayesha imran fatima joseph mary thomas anita george maria david sarah peter grace`
  .split(/\s+/)
  .filter(Boolean);
const FAMILY = `sharma verma gupta singh kumar patel reddy nair iyer menon rao joshi mehta shah desai kulkarni
  pillai das bose banerjee chatterjee mukherjee ghosh sen khan ahmed qureshi siddiqui fernandes dsouza
  pereira thomas george kurian mathew varghese chopra malhotra kapoor khanna arora bhatia saxena
  srivastava tiwari pandey mishra dubey yadav chauhan rathore shetty hegde naidu chowdhury`
  .split(/\s+/)
  .filter(Boolean);

const sqlArray = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;

/** PATIENTS patients registered at the hospital, in chunks, with realistic name combinations. */
async function generate(url: string, hospitalId: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const chunk = 100_000;
    for (let from = 0; from < PATIENTS; from += chunk) {
      const to = Math.min(PATIENTS, from + chunk) - 1;
      await c.query(`
        with g as (
          select i, gen_random_uuid() as id,
                 initcap((${sqlArray(GIVEN)})[1 + (hashint4(i) & 2147483647) % ${GIVEN.length}]) as given,
                 initcap((${sqlArray(FAMILY)})[1 + (hashint4(i # 1431655765) & 2147483647) % ${FAMILY.length}]) as family
            from generate_series(${from}, ${to}) i),
        p as (
          insert into patients (id, given_name, family_name, date_of_birth, sex, phone)
          select id, given, family, date '1940-01-01' + (hashint4(i # 123456789) & 2147483647) % 30000,
                 case when i % 2 = 0 then 'female' else 'male' end, '+9170' || lpad(i::text, 8, '0')
            from g
          returning id, phone)
        insert into patient_registrations (id, patient_id, hospital_id, mrn, registered_at)
        select gen_random_uuid(), p.id, '${hospitalId}', 'CGH-' || (1000000 + substr(p.phone, 6)::int),
               now() - make_interval(mins => (hashint4(substr(p.phone, 6)::int) & 2147483647) % 5000000)
          from p`);
      log(`generated ${to + 1} / ${PATIENTS}`);
    }
    // A hospital's tables have been vacuumed long before anyone searches them: without this, the
    // first reads of each freshly written row set its hint bits (writes) while autovacuum works
    // through the same million rows, and the figures measure the bulk load rather than the search.
    await c.query('vacuum analyze patients');
    await c.query('vacuum analyze patient_registrations');
    await c.query('vacuum analyze patient_name_words');
  } finally {
    await c.end();
  }
}

/** Misspells a name the way people do: two neighbouring letters swapped. */
function typo(word: string, seed: number): string {
  if (word.length < 4) return word;
  const i = 1 + (seed % (word.length - 2));
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

interface Kind {
  name: string;
  queries: string[];
}

async function samples(url: string): Promise<Kind[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('select setseed(0.42)'); // the same people every run
    const { rows } = await c.query<{ given_name: string; family_name: string; phone: string; mrn: string }>(
      `select p.given_name, p.family_name, p.phone, r.mrn from patients p
         join patient_registrations r on r.patient_id = p.id
        where p.phone like '+9170%' order by random() limit 100`,
    );
    return [
      {
        name: 'name with a typo',
        queries: rows.map((r, i) => `${typo(r.family_name, i)} ${r.given_name}`),
      },
      { name: 'phone, exact', queries: rows.map((r) => r.phone) },
      { name: 'phone, last 8 digits', queries: rows.map((r) => r.phone.slice(-8)) },
      { name: 'MRN', queries: rows.map((r) => r.mrn) },
    ];
  } finally {
    await c.end();
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function main(): Promise<void> {
  const scratch = await createScratchDatabase(pgServerUrl, 'hospitium_search');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-search-'));
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    log('starting Hospitium (demo data)');
    server = await startServer({ dataDir, databaseUrl: scratch.url, env: { NODE_ENV: 'production' } });
    const c = new pg.Client({ connectionString: scratch.url });
    await c.connect();
    const hospitalId = (await c.query<{ id: string }>(`select id from hospitals where code = 'CGH'`)).rows[0]!
      .id;
    await c.end();
    const t0 = Date.now();
    await generate(scratch.url, hospitalId);
    const generateS = Math.round((Date.now() - t0) / 1000);

    const token = (await (
      await fetch(`${server.url}/api/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(BENCH_USER),
      })
    ).json()) as { accessToken: string };
    const headers = { authorization: `Bearer ${token.accessToken}`, 'x-hospital-id': hospitalId };
    const results = [];
    for (const kind of await samples(scratch.url)) {
      const times: number[] = [];
      let found = 0;
      // One warm-up pass over a few queries, then SEARCHES measured requests.
      for (const q of kind.queries.slice(0, 5))
        await fetch(`${server.url}/api/patients?q=${encodeURIComponent(q)}`, { headers });
      for (let i = 0; i < SEARCHES; i++) {
        const q = kind.queries[i % kind.queries.length]!;
        const start = performance.now();
        const r = await fetch(`${server.url}/api/patients?q=${encodeURIComponent(q)}&limit=20`, { headers });
        const body = (await r.json()) as { items: unknown[]; total: number };
        times.push(performance.now() - start);
        if (r.status !== 200)
          throw new Error(`${kind.name} "${q}": HTTP ${r.status} ${JSON.stringify(body)}`);
        if (body.items.length > 0) found++;
      }
      const row = {
        kind: kind.name,
        p50: Math.round(pct(times, 50) * 10) / 10,
        p95: Math.round(pct(times, 95) * 10) / 10,
        p99: Math.round(pct(times, 99) * 10) / 10,
        max: Math.round(Math.max(...times) * 10) / 10,
        found: `${found}/${SEARCHES}`,
      };
      log(`${row.kind}: p50 ${row.p50} ms, p95 ${row.p95} ms, p99 ${row.p99} ms, found ${row.found}`);
      results.push(row);
    }
    const md = [
      `# Patient search over ${PATIENTS.toLocaleString('en-US')} patients (${new Date().toISOString()})`,
      '',
      `PostgreSQL at ${new URL(pgServerUrl).host} (DATABASE_URL mode); ${PATIENTS.toLocaleString('en-US')} generated patients`,
      `registered at one hospital (generated in ${generateS} s), searched through \`GET /api/patients?q=…&limit=20\``,
      `as the demo receptionist, ${SEARCHES} requests per kind, one at a time. Target: p95 under 50 ms.`,
      '',
      '| search | p50 ms | p95 ms | p99 ms | max ms | found |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...results.map((r) => `| ${r.kind} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.max} | ${r.found} |`),
      '',
      `Load average at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}.`,
      '',
    ].join('\n');
    const out = path.join(ROOT, 'bench', 'results');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(
      path.join(out, 'patient-search.json'),
      JSON.stringify({ patients: PATIENTS, results }, null, 2) + '\n',
    );
    fs.writeFileSync(path.join(out, 'patient-search.md'), md);
    process.stdout.write(md);
  } finally {
    if (server) await stop(server, 'SIGTERM');
    if (process.env.KEEP_DB) log(`kept database ${scratch.url}`);
    else await scratch.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error('patient search bench failed:', err);
  process.exit(1);
});
