// The hospital's medicine catalog: search as you type (a scanned barcode finds its item), add,
// change, take out of use, and import from CSV with a report of every refused row.
import { z } from 'zod';
import {
  CreateMedicine,
  type ImportReport,
  type Medicine,
  type UpdateMedicine,
} from '../../../contracts/pharmacy';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import { readCsvRecords } from '../../platform/csv';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import * as repo from './catalog.repo';
import { toMedicine } from './pharmacy.dto';

/** A page of the active hospital's catalog with stock figures. */
export async function listMedicines(
  ctx: Ctx,
  q: { q?: string; form?: string; low?: string; includeInactive?: string; limit: number; offset: number },
) {
  const hospitalId = requireHospital(ctx.actor);
  const { rows, total } = await repo.searchMedicines(
    ctx.db,
    hospitalId,
    { q: q.q, form: q.form, low: q.low === 'true', includeInactive: q.includeInactive === 'true' },
    q.limit,
    q.offset,
  );
  return { items: rows.map(toMedicine), total, limit: q.limit, offset: q.offset };
}

/** One medicine of the active hospital, with its stock. */
export async function getMedicine(ctx: Ctx, id: string): Promise<Medicine> {
  const row = await repo.findMedicine(ctx.db, requireHospital(ctx.actor), id);
  if (!row) throw notFound('Medicine');
  return toMedicine(row);
}

/** Adds a medicine to the active hospital's catalog. */
export async function createMedicine(ctx: Ctx, input: CreateMedicine): Promise<Medicine> {
  const hospitalId = requireHospital(ctx.actor);
  const id = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertMedicine(tx, { ...input, hospitalId });
    await audit(tx, ctx, {
      action: 'medicine.created',
      entityType: 'medicine',
      entityId: row.id,
      after: input,
    });
    return row.id;
  });
  return getMedicine(ctx, id);
}

/** Changes a medicine; `active: false` takes it out of use (it is never deleted). */
export async function updateMedicine(ctx: Ctx, id: string, input: UpdateMedicine): Promise<Medicine> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const before = await repo.findMedicine(tx, hospitalId, id);
    if (!before) throw notFound('Medicine');
    if (Object.keys(input).length === 0) return;
    await repo.updateMedicine(tx, hospitalId, id, input);
    const was = Object.fromEntries(Object.keys(input).map((k) => [k, before[k as keyof typeof before]]));
    await audit(tx, ctx, {
      action: 'medicine.updated',
      entityType: 'medicine',
      entityId: id,
      before: was,
      after: input,
    });
  });
  return getMedicine(ctx, id);
}

// ---------------------------------------------------------------- CSV import

export const CSV_COLUMNS = [
  'generic_name',
  'brand_name',
  'form',
  'strength',
  'dispensing_unit',
  'pack_size',
  'manufacturer',
  'prescription_only',
  'controlled',
  'reorder_level',
  'sale_price',
  'tax_rate_percent',
  'barcode',
] as const;

const MAX_ROWS = 5000;
const yes = (v: string | undefined) => /^(yes|y|true|1)$/i.test((v ?? '').trim());
const blank = (v: string | undefined) => (v ?? '').trim() === '';

/** "12.50" in major units to 1250 minor units (2 decimals; the hospital's currency). */
function toMinor(v: string | undefined): number | string {
  const t = (v ?? '').trim();
  if (!/^\d{1,10}(\.\d{1,2})?$/.test(t)) return 'sale_price must be an amount such as 12.50';
  const [whole, frac = ''] = t.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** A CSV row as a CreateMedicine, or the reasons it is refused. */
function readRow(r: Record<string, string>): { ok: CreateMedicine } | { errors: string[] } {
  const price = toMinor(r.sale_price);
  const taxPct = (r.tax_rate_percent ?? '').trim();
  const taxBp = blank(taxPct)
    ? 0
    : /^\d{1,3}(\.\d{1,2})?$/.test(taxPct)
      ? Math.round(Number(taxPct) * 100)
      : NaN;
  const candidate = {
    genericName: r.generic_name,
    brandName: blank(r.brand_name) ? undefined : r.brand_name,
    form: (r.form ?? '').trim().toLowerCase(),
    strength: r.strength,
    dispensingUnit: r.dispensing_unit,
    packSize: blank(r.pack_size) ? 1 : Number(r.pack_size),
    manufacturer: blank(r.manufacturer) ? undefined : r.manufacturer,
    prescriptionOnly: yes(r.prescription_only),
    controlled: yes(r.controlled),
    reorderLevel: blank(r.reorder_level) ? 0 : Number(r.reorder_level),
    salePriceMinor: typeof price === 'number' ? price : -1,
    taxRateBp: taxBp,
    barcode: blank(r.barcode) ? undefined : r.barcode,
  };
  const parsed = CreateMedicine.safeParse(candidate);
  const errors: string[] = [];
  if (typeof price === 'string') errors.push(price);
  if (Number.isNaN(taxBp)) errors.push('tax_rate_percent must be a percentage such as 12 or 5.5');
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const field = String(i.path[0] ?? '');
      if (field === 'salePriceMinor' || field === 'taxRateBp') continue; // reported above
      errors.push(`${field}: ${i.message}`);
    }
  }
  return errors.length || !parsed.success ? { errors } : { ok: parsed.data };
}

/**
 * Imports medicines from CSV (a header row with CSV_COLUMNS). New medicines are added and known ones
 * (same name, brand, strength, form) updated; every refused row is reported with its reasons and
 * changes nothing. Rows are applied one by one, each in its own savepoint, in one transaction.
 */
export async function importMedicines(ctx: Ctx, csv: string): Promise<ImportReport> {
  const hospitalId = requireHospital(ctx.actor);
  const records = readCsvRecords(csv, {
    required: ['generic_name', 'form', 'strength', 'dispensing_unit', 'sale_price'],
    maxRows: MAX_ROWS,
  });
  const report: ImportReport = { created: 0, updated: 0, rejected: [] };
  const reads = records.map(readRow);
  await ctx.db.transaction(async (tx) => {
    // The medicines the file changes are locked first, in id order, as a sale share-locks them: in
    // the file's order, an import and a sale of two of its medicines could wait for each other.
    const known = [];
    for (const read of reads) {
      if ('errors' in read) continue;
      const found = await repo.findByIdentity(tx, hospitalId, {
        ...read.ok,
        brandName: read.ok.brandName ?? null,
      });
      if (found) known.push(found.id);
    }
    await repo.lockMedicinesForChange(tx, hospitalId, known);
    for (const [i, read] of reads.entries()) {
      const row = i + 2; // the header is row 1
      if ('errors' in read) {
        report.rejected.push({ row, errors: read.errors });
        continue;
      }
      const m = read.ok;
      try {
        await tx.transaction(async (sp) => {
          const known = await repo.findByIdentity(sp, hospitalId, { ...m, brandName: m.brandName ?? null });
          if (known) {
            await repo.updateMedicine(sp, hospitalId, known.id, { ...m, active: true });
            report.updated++;
          } else {
            await repo.insertMedicine(sp, { ...m, hospitalId });
            report.created++;
          }
        });
      } catch (err) {
        if (!/unique|duplicate/i.test(String((err as { cause?: Error }).cause?.message ?? err))) throw err;
        report.rejected.push({ row, errors: ['barcode is already used by another medicine'] });
      }
    }
    await audit(tx, ctx, {
      action: 'medicine.imported',
      entityType: 'medicine',
      after: { created: report.created, updated: report.updated, rejected: report.rejected.length },
    });
  });
  return report;
}

/** The contract's CSV body: plain text, not too large. */
export const CsvBody = z.string().min(1, 'The file is empty').max(2_000_000, 'The file is too large');
