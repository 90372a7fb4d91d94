// Backup under write load → restore into an empty database → the restore is whole: row counts as in
// the manifest, the audit chain and the stock ledger verify, uploaded files byte-identical. Runs on
// the embedded PostgreSQL 18 (the logical dump) and on PostgreSQL 15 with TEST_DATABASE_URL (pg_dump).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { documentsKit, form, JPEG, PDF, PNG } from '../../modules/documents/documents.test-support';
import { desk, register } from '../../modules/patients/patients.test-helpers';
import { inDays, key, medicine, pharmacy, receive } from '../../modules/pharmacy/pharmacy.test-helpers';
import { buildTestApp, type TestApp } from '../../test/harness';
import { createScratchDatabase, runCli } from '../../test/spawn';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/client';
import { verifyStock } from '../../modules/pharmacy';
import { checkAudit } from '../audit-check';
import { takeBackup, type BackupResult } from './backup';
import { countsIn, scratchFolders } from './backup.test-support';
import { findPgTool } from './pgdump';
import { openRestoreTarget, restoreBackup } from './restore';

let t: TestApp;
let backup: BackupResult;
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
const { tmp, removeAll } = scratchFolders();
let writesDuringBackup = 0;

const { upload, filesRoot, storedFiles, scene } = documentsKit(() => t);

beforeAll(async () => {
  t = await buildTestApp();
  // Uploaded files of three kinds, and a pharmacy with stock.
  const s = await scene();
  for (const [name, type, content] of [
    ['report.pdf', 'application/pdf', PDF],
    ['scan.png', 'image/png', PNG],
    ['photo.jpg', 'image/jpeg', JPEG],
  ] as const) {
    const res = await upload(
      s.staffHeaders,
      s.patient.id,
      form({ kind: 'other' }, [{ filename: name, type, content }]),
    );
    expect(res.statusCode).toBe(201);
  }
  const p = await pharmacy(t, s.hospital);
  const m = await medicine(t, p);
  await receive(t, p, m.id, [{ batchNumber: 'B1', expiryDate: inDays(300), quantity: 100_000 }]);
  const d = await desk(t, 'receptionist', s.hospital);

  // Another connection keeps writing (patients, stock movements, and their audit rows) all along.
  let stop = false;
  let writes = 0;
  const writer = (async () => {
    while (!stop) {
      await register(t, d);
      const sale = await t.app.inject({
        method: 'POST',
        url: '/api/pharmacy/sales',
        headers: p.headers,
        payload: { idempotencyKey: key(), lines: [{ medicineId: m.id, quantity: 1 }] },
      });
      if (sale.statusCode !== 201) throw new Error(`sale: ${sale.statusCode} ${sale.body}`);
      writes++;
    }
  })();
  const waitWrites = async (n: number) => {
    const target = writes + n;
    while (writes < target) await new Promise((r) => setTimeout(r, 10));
  };
  await waitWrites(3);
  const before = writes;
  backup = await takeBackup({ database: t.database, dataDir: t.dataDir, outDir: tmp('hospitium-backups-') });
  writesDuringBackup = writes - before;
  await waitWrites(2);
  stop = true;
  await writer;
  scratch = await createScratchDatabase(inject('pgServerUrl'), 'hospitium_restore');
});

afterAll(async () => {
  await scratch?.drop();
  await t?.close();
  removeAll();
});

describe('backup under write load', () => {
  it('is read at one instant: the manifest counts what the snapshot held, not what came after', async () => {
    const m = backup.manifest;
    const dump = findPgTool('pg_dump');
    const major = Number(m.source.serverVersion.split('.')[0]);
    expect(m.database.format).toBe(dump && dump.major >= major ? 'pg_dump-custom' : 'hospitium-logical');
    expect(m.files.map((f) => f.path.replace(/^files\//, ''))).toEqual(storedFiles());
    // Writes went on during the backup and after it; the source now holds more than the backup.
    expect(writesDuringBackup).toBeGreaterThan(0);
    const now = await countsIn(t.database.url, [
      'public.patients',
      'public.stock_ledger',
      'public.audit_events',
    ]);
    for (const table of Object.keys(now)) expect(now[table]).toBeGreaterThan(m.rowCounts[table]!);
    expect(m.rowCounts['public.patients']).toBeGreaterThan(3);
  });

  it('restores into an empty database, whole: row counts, verify-audit, verify-stock and files', async () => {
    const dataDir = tmp('hospitium-restored-');
    const r = await runCli(['restore', backup.dir, '--into', scratch.url], { DATA_DIR: dataDir });
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toContain('Restore is whole');
    expect(r.stdout).toMatch(/audit chain intact: \d+ rows/);
    expect(r.stdout).toMatch(/stock matches the ledger: \d+ batches/);
    expect(r.stdout).toContain(`files: ${storedFiles().length} byte-identical`);
    expect(r.stderr).toContain('Checking checksums');

    const tables = Object.keys(backup.manifest.rowCounts);
    expect(await countsIn(scratch.url, tables)).toEqual(backup.manifest.rowCounts);

    for (const rel of storedFiles()) {
      const copy = fs.readFileSync(path.join(dataDir, 'files', rel));
      expect(copy.equals(fs.readFileSync(path.join(filesRoot(), rel))), rel).toBe(true);
    }
    // What verify-audit and verify-stock check, asked again here of the restored database.
    const restored = await openDatabase({ url: scratch.url, poolSize: 2 });
    try {
      const audit = await checkAudit(restored, dataDir);
      expect(audit.breaks).toEqual([]);
      expect(audit.checked).toBeGreaterThan(0);
      expect((await verifyStock(restored.db)).differences).toEqual([]);
    } finally {
      await restored.close();
    }
  }, 60_000);

  it('restores into the embedded server of a fresh DATA_DIR', async () => {
    const dataDir = tmp('hospitium-fresh-');
    const target = await openRestoreTarget(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
    try {
      expect(target.describe).toBe(`embedded database in ${dataDir}/pg`);
      const { report } = await restoreBackup({ backupDir: backup.dir, target });
      expect(report.problems).toEqual([]);
      expect(report.whole).toBe(true);
    } finally {
      await target.release();
    }
    expect(fs.readdirSync(path.join(dataDir, 'files')).length).toBeGreaterThan(0);
  }, 60_000);
});
