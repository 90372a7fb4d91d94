// After a restore: is it whole? Row counts against the manifest, the audit chain (verify-audit), the
// stock against its ledger (verify-stock), and every restored file against its checksum.
import type { Database } from '../../db/client';
import { verifyStock } from '../../modules/pharmacy';
import { checkAudit } from '../audit-check';
import { checkRestoredFiles } from './files';
import type { Manifest } from './manifest';
import { countRows, listTables } from './snapshot';

export interface RestoreReport {
  whole: boolean;
  /** What was checked and found right. */
  checked: string[];
  /** Exactly what differs. */
  problems: string[];
}

/** Rows per table now, against the manifest's counts (taken before any check writes). */
async function compareRows(
  database: Database,
  manifest: Manifest,
): Promise<{ problems: string[]; rows: number }> {
  const client = await database.pool.connect();
  let counts: Record<string, number>;
  try {
    counts = await countRows(client, await listTables(client));
  } finally {
    client.release();
  }
  const problems: string[] = [];
  for (const [table, expected] of Object.entries(manifest.rowCounts)) {
    const got = counts[table];
    if (got === undefined) problems.push(`table ${table}: missing (the backup has ${expected} rows)`);
    else if (got !== expected) problems.push(`table ${table}: ${got} rows, the backup has ${expected}`);
  }
  for (const [table, got] of Object.entries(counts)) {
    if (!(table in manifest.rowCounts) && got > 0)
      problems.push(`table ${table}: ${got} rows, not in the backup`);
  }
  return { problems, rows: Object.values(manifest.rowCounts).reduce((a, b) => a + b, 0) };
}

export async function verifyRestore(
  database: Database,
  manifest: Manifest,
  dataDir: string,
): Promise<RestoreReport> {
  const checked: string[] = [];
  const problems: string[] = [];

  const rows = await compareRows(database, manifest);
  problems.push(...rows.problems);
  if (!rows.problems.length) {
    checked.push(
      `row counts: ${rows.rows} rows in ${Object.keys(manifest.rowCounts).length} tables, as in the backup`,
    );
  }

  const audit = await checkAudit(database, dataDir);
  for (const b of audit.breaks) problems.push(`audit log seq ${b.seq}: ${b.reason}`);
  if (!audit.breaks.length) {
    checked.push(
      `audit chain intact: ${audit.checked} rows, against ${audit.checkpoints.length} checkpoint(s) (verify-audit)`,
    );
  }

  const stock = await verifyStock(database.db);
  for (const d of stock.differences) {
    problems.push(
      `stock batch ${d.batchNumber} of ${d.medicineName} (${d.batchId}): on hand ${d.onHand}, ledger ${d.ledger}`,
    );
  }
  if (!stock.differences.length)
    checked.push(`stock matches the ledger: ${stock.checked} batches (verify-stock)`);

  const files = await checkRestoredFiles(dataDir, manifest.files);
  problems.push(...files.map((f) => `file ${f}`));
  if (!files.length) checked.push(`files: ${manifest.files.length} byte-identical to the backup`);

  return { whole: problems.length === 0, checked, problems };
}
