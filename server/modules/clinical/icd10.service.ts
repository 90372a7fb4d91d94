// The ICD-10 code list shared by every hospital: the common codes every installation has (seeded
// at start-up), typo-tolerant search, and the platform admin's import of the full code set.
import { parse } from 'csv-parse/sync';
import { ICD10_PATTERN, type Icd10Code, type Icd10ImportReport } from '../../../contracts/clinical';
import type { Executor } from '../../db/client';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import * as repo from './clinical.repo';
import { chapterOf, COMMON_ICD10 } from './icd10.data';

/**
 * Adds the common codes the table lacks. Reference data, wanted in every database (production
 * too, not only the demo): run at every start-up of the web process, idempotent and cheap (one
 * insert of a few hundred rows that does nothing once they are there), and it never undoes what
 * an import changed since (a retitled or deactivated code stays so).
 */
export async function seedIcd10(exec: Executor): Promise<number> {
  return repo.insertMissingCodes(
    exec,
    COMMON_ICD10.map(([code, title]) => ({ code, title, chapter: chapterOf(code) })),
  );
}

const toDto = (r: repo.Icd10Row): Icd10Code => ({
  code: r.code,
  title: r.title,
  chapter: r.chapter,
  active: r.active,
});

/** Active codes for a query: code prefix first, then titles, then titles spelt alike. */
export async function searchIcd10(
  ctx: Ctx,
  q: { q: string; limit: number },
): Promise<{ items: Icd10Code[] }> {
  const rows = await ctx.db.transaction((tx) => repo.searchCodes(tx, q.q, q.limit));
  return { items: rows.map(toDto) };
}

// ---------------------------------------------------------------- import

export const MAX_IMPORT_ROWS = 100_000;
// A cell a spreadsheet would run as a formula, kept out of the code list altogether.
const FORMULA = /^[=+\-@\t\r]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

function readRow(cells: string[]): { ok: repo.Icd10In } | { errors: string[] } {
  const errors: string[] = [];
  const [rawCode = '', rawTitle = '', rawChapter = ''] = cells.map((c) => c.trim());
  if (cells.length > 3) errors.push('At most three columns: code, title, chapter');
  const code = rawCode.toUpperCase();
  if (!ICD10_PATTERN.test(code))
    errors.push(`code "${rawCode.slice(0, 20)}" is not an ICD-10 code such as I10 or E11.9`);
  if (!rawTitle) errors.push('title is empty');
  else if (rawTitle.length > 500) errors.push('title is longer than 500 characters');
  for (const [name, value] of [
    ['title', rawTitle],
    ['chapter', rawChapter],
  ] as const) {
    if (FORMULA.test(value)) errors.push(`${name} starts like a spreadsheet formula (= + - @)`);
    if (CONTROL.test(value) || /[\r\n]/.test(value))
      errors.push(`${name} contains characters that are not allowed`);
  }
  if (rawChapter.length > 200) errors.push('chapter is longer than 200 characters');
  if (errors.length > 0) return { errors };
  return { ok: { code, title: rawTitle, chapter: rawChapter || chapterOf(code) } };
}

/**
 * Imports codes from CSV: `code,title[,chapter]`, with or without that header row. Every row is
 * checked first; if any is refused, nothing changes and the answer (422) lists each refused line
 * with its reasons. Otherwise new codes are added and known ones updated (and made active again)
 * in one transaction.
 */
export async function importIcd10(ctx: Ctx, csv: string): Promise<Icd10ImportReport> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(csv, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    throw new AppError('VALIDATION_FAILED', `The file is not valid CSV: ${(err as Error).message}`);
  }
  const first = records[0]?.record.map((c) => c.trim().toLowerCase());
  if (first && first[0] === 'code' && first[1] === 'title') records = records.slice(1);
  if (records.length === 0) throw new AppError('VALIDATION_FAILED', 'The file has no codes.');
  if (records.length > MAX_IMPORT_ROWS) {
    throw new AppError('VALIDATION_FAILED', `At most ${MAX_IMPORT_ROWS} codes per file.`);
  }
  const rows: repo.Icd10In[] = [];
  const rejected: Icd10ImportReport['rejected'] = [];
  const lineOf = new Map<string, number>();
  for (const { record, info } of records) {
    const read = readRow(record);
    if ('errors' in read) {
      rejected.push({ line: info.lines, errors: read.errors });
      continue;
    }
    const seen = lineOf.get(read.ok.code);
    if (seen !== undefined) {
      rejected.push({ line: info.lines, errors: [`${read.ok.code} is also on line ${seen}`] });
      continue;
    }
    lineOf.set(read.ok.code, info.lines);
    rows.push(read.ok);
  }
  if (rejected.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${rejected.length} of ${records.length} rows cannot be imported; nothing was changed.`,
      {
        errors: rejected
          .slice(0, 100)
          .map((r) => ({ path: `file.line.${r.line}`, message: r.errors.join('; ') })),
        rejected: rejected.slice(0, 1000),
      },
    );
  }
  const report = await ctx.db.transaction(async (tx) => {
    let added = 0;
    let updated = 0;
    for (let i = 0; i < rows.length; i += 5000) {
      const done = await repo.upsertCodes(tx, rows.slice(i, i + 5000));
      added += done.added;
      updated += done.updated;
    }
    const out = { added, updated, unchanged: rows.length - added - updated, rejected: [] };
    await audit(tx, ctx, {
      action: 'icd10.imported',
      entityType: 'icd10_code',
      hospitalId: null,
      after: { added, updated, unchanged: out.unchanged },
    });
    return out;
  });
  return report;
}
