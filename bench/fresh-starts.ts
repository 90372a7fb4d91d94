// `npm run bench:starts`: N fresh starts of Hospitium as a new user makes them (`npm start` on an
// empty DATA_DIR, embedded database), each followed by what a receptionist does first: a name search,
// a registration that trips the duplicate check, and a new registration. Every answer must arrive
// within 1 s and none may hang. Then each data directory is started once more, to time a start on an
// existing directory, and memory is read at idle (app plus its PostgreSQL).
// Settings: STARTS (default 30). Results: bench/results/fresh-starts.{json,md}.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startServer, stop, type RunningServer } from '../server/test/spawn';
import { treePssMiB } from './measure';

const STARTS = Number(process.env.STARTS ?? 30);
const ANSWER_LIMIT_MS = 1000;
const log = (m: string) => process.stderr.write(`[fresh-starts] ${m}\n`);

interface Answer {
  what: string;
  status: number;
  ms: number;
}

async function timed(what: string, url: string, init: RequestInit): Promise<Answer> {
  const t0 = performance.now();
  try {
    const r = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    await r.arrayBuffer();
    return { what, status: r.status, ms: Math.round(performance.now() - t0) };
  } catch {
    return { what, status: 0, ms: Math.round(performance.now() - t0) };
  }
}

async function receptionistDay(server: RunningServer, i: number): Promise<Answer[]> {
  const token = (await (
    await fetch(`${server.url}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'receptionist@hospitium.example', password: 'Hospitium-demo-2026' }),
    })
  ).json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${token.accessToken}` };
  const json = { ...auth, 'content-type': 'application/json' };
  return [
    await timed('name search', `${server.url}/api/patients?q=Verma`, { headers: auth }),
    await timed('duplicate check', `${server.url}/api/patients`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        givenName: 'Rahul',
        familyName: 'Verma',
        dateOfBirth: '1990-01-19',
        sex: 'male',
        phone: '+919845012345',
      }),
    }),
    await timed('registration', `${server.url}/api/patients`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        givenName: 'Fresh',
        familyName: `Start${i}`,
        dateOfBirth: '1999-09-09',
        sex: 'female',
      }),
    }),
  ];
}

const expected: Record<string, number> = { 'name search': 200, 'duplicate check': 409, registration: 201 };

async function main(): Promise<void> {
  const rows: {
    run: number;
    firstStartMs: number;
    restartMs: number;
    idlePssMiB: number | null;
    answers: Answer[];
  }[] = [];
  const failures: string[] = [];
  for (let i = 1; i <= STARTS; i++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-fresh-'));
    try {
      let t0 = Date.now();
      const first = await startServer({ dataDir, env: { NODE_ENV: 'production' } }, 60_000);
      const firstStartMs = Date.now() - t0;
      const answers = await receptionistDay(first, i);
      for (const a of answers) {
        if (a.status !== expected[a.what] || a.ms > ANSWER_LIMIT_MS) {
          failures.push(`start ${i}: ${a.what} answered ${a.status || 'nothing'} in ${a.ms} ms`);
        }
      }
      await new Promise((r) => setTimeout(r, 3000)); // settle, then read memory at idle
      const idlePssMiB = treePssMiB(first.pid);
      if ((await stop(first, 'SIGTERM')) !== 0) failures.push(`start ${i}: SIGTERM did not exit 0`);
      t0 = Date.now();
      const again = await startServer(
        { dataDir, env: { NODE_ENV: 'production', SEED_DEMO: 'true' } },
        60_000,
      );
      const restartMs = Date.now() - t0;
      if ((await stop(again, 'SIGTERM')) !== 0) failures.push(`restart ${i}: SIGTERM did not exit 0`);
      rows.push({ run: i, firstStartMs, restartMs, idlePssMiB, answers });
      log(
        `${i}/${STARTS}: first start ${firstStartMs} ms, restart ${restartMs} ms, idle ${idlePssMiB} MiB, ` +
          answers.map((a) => `${a.what} ${a.status} ${a.ms} ms`).join(', '),
      );
    } catch (err) {
      failures.push(`start ${i}: ${(err as Error).message.split('\n')[0]}`);
      log(`${i}/${STARTS}: FAILED ${(err as Error).message}`);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const pct = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
  };
  const col = (f: (r: (typeof rows)[number]) => number) => rows.map(f);
  const answerMs = rows.flatMap((r) => r.answers.map((a) => a.ms));
  const summary = {
    when: new Date().toISOString(),
    starts: STARTS,
    completed: rows.length,
    failures,
    firstStartMs: {
      median: pct(
        col((r) => r.firstStartMs),
        50,
      ),
      max: Math.max(...col((r) => r.firstStartMs)),
    },
    restartMs: {
      median: pct(
        col((r) => r.restartMs),
        50,
      ),
      max: Math.max(...col((r) => r.restartMs)),
    },
    idlePssMiB: {
      median: pct(
        col((r) => r.idlePssMiB ?? NaN),
        50,
      ),
      max: Math.max(...col((r) => r.idlePssMiB ?? 0)),
    },
    answerMs: { median: pct(answerMs, 50), p95: pct(answerMs, 95), max: Math.max(...answerMs) },
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
  const md = [
    `# Fresh starts (${summary.when})`,
    '',
    `${summary.completed}/${STARTS} fresh starts of \`npm start\` on an empty DATA_DIR (embedded PostgreSQL), each`,
    'followed by a name search, a duplicate check and a registration as the demo receptionist.',
    '',
    '| measure | median | worst | target |',
    '| --- | ---: | ---: | --- |',
    `| first start to healthy (initdb, migrate, seed) | ${summary.firstStartMs.median} ms | ${summary.firstStartMs.max} ms | 10 s |`,
    `| start on an existing DATA_DIR | ${summary.restartMs.median} ms | ${summary.restartMs.max} ms | 5 s |`,
    `| answers (search, duplicate check, registration) | ${summary.answerMs.median} ms | ${summary.answerMs.max} ms (p95 ${summary.answerMs.p95} ms) | each within 1 s |`,
    `| memory at idle, app + PostgreSQL (PSS) | ${summary.idlePssMiB.median} MiB | ${summary.idlePssMiB.max} MiB | 300 MiB |`,
    '',
    failures.length
      ? `**Failures (${failures.length}):**\n\n${failures.map((f) => `- ${f}`).join('\n')}`
      : 'No failures: every answer arrived in time, none hung.',
    '',
    `Times include starting Node.js and tsx (what \`npm start\` runs). Load average at the end: ${summary.loadAverage.join(', ')}.`,
    '',
  ].join('\n');
  const out = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'fresh-starts.json'), JSON.stringify({ summary, rows }, null, 2) + '\n');
  fs.writeFileSync(path.join(out, 'fresh-starts.md'), md);
  process.stdout.write(md);
  process.exit(failures.length ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error('fresh-starts failed:', err);
  process.exit(1);
});
