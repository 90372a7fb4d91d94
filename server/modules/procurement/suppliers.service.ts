// Suppliers: add, change, take out of use (never deleted once an order names them), import from
// CSV, and what each supplies at what price, with at most one preferred supplier per medicine.
import {
  CreateSupplier,
  SUPPLIER_CSV_COLUMNS,
  type SetSupplierItem,
  type Supplier,
  type SupplierItem,
  type SupplierSearch,
  type UpdateSupplier,
} from '../../../contracts/procurement';
import type { ImportReport } from '../../../contracts/pharmacy';
import { requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import { readCsvRecords } from '../../platform/csv';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import * as repo from './suppliers.repo';

const MAX_ROWS = 5_000;

function toSupplier(r: repo.SupplierWithFigures): Supplier {
  return {
    id: r.id,
    hospitalId: r.hospitalId,
    name: r.name,
    contactName: r.contactName,
    email: r.email,
    phone: r.phone,
    addressLine: r.addressLine,
    taxId: r.taxId,
    paymentTerms: r.paymentTerms,
    leadTimeDays: r.leadTimeDays,
    active: r.active,
    itemCount: r.itemCount,
    used: r.used,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listSuppliers(ctx: Ctx, q: SupplierSearch) {
  const hospitalId = requireHospital(ctx.actor);
  const { rows, total } = await repo.searchSuppliers(ctx.db, hospitalId, {
    text: q.q?.trim() || undefined,
    active: q.active === 'all' ? null : q.active === 'true',
    limit: q.limit,
    offset: q.offset,
  });
  return { items: rows.map(toSupplier), total, limit: q.limit, offset: q.offset };
}

export async function getSupplier(ctx: Ctx, id: string): Promise<Supplier> {
  const row = await repo.findSupplier(ctx.db, requireHospital(ctx.actor), id);
  if (!row) throw notFound('Supplier');
  return toSupplier(row);
}

export async function createSupplier(ctx: Ctx, input: CreateSupplier): Promise<Supplier> {
  const hospitalId = requireHospital(ctx.actor);
  const id = await ctx.db.transaction(async (tx) => {
    const id = await repo.insertSupplier(tx, { ...input, hospitalId, createdBy: ctx.actor.userId });
    await audit(tx, ctx, { action: 'supplier.created', entityType: 'supplier', entityId: id, after: input });
    return id;
  });
  return getSupplier(ctx, id);
}

export async function updateSupplier(ctx: Ctx, id: string, input: UpdateSupplier): Promise<Supplier> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const before = await repo.findSupplier(tx, hospitalId, id, true);
    if (!before) throw notFound('Supplier');
    await repo.updateSupplier(tx, hospitalId, id, input);
    const changed = Object.fromEntries(
      Object.keys(input).map((k) => [k, before[k as keyof repo.SupplierWithFigures]]),
    );
    await audit(tx, ctx, {
      action: input.active === false ? 'supplier.deactivated' : 'supplier.updated',
      entityType: 'supplier',
      entityId: id,
      before: changed,
      after: input,
    });
  });
  return getSupplier(ctx, id);
}

export async function listSupplierItems(ctx: Ctx, supplierId: string): Promise<{ items: SupplierItem[] }> {
  const supplier = await repo.findSupplier(ctx.db, requireHospital(ctx.actor), supplierId);
  if (!supplier) throw notFound('Supplier');
  const rows = await repo.listSupplierItems(ctx.db, supplierId);
  return { items: rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })) };
}

/** Records that the supplier supplies the medicine (its price per pack, whether preferred). */
export async function setSupplierItem(
  ctx: Ctx,
  supplierId: string,
  medicineId: string,
  input: SetSupplierItem,
): Promise<{ items: SupplierItem[] }> {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const supplier = await repo.findSupplier(tx, hospitalId, supplierId, true);
    if (!supplier) throw notFound('Supplier');
    const medicine = await repo.medicineOfHospital(tx, hospitalId, medicineId);
    if (!medicine) throw notFound('Medicine');
    if (input.preferred && !supplier.active) {
      throw new AppError('CONFLICT', 'A supplier that is out of use cannot be the preferred one.');
    }
    if (input.preferred) await repo.clearPreferred(tx, medicineId, supplierId);
    await repo.upsertSupplierItem(tx, { supplierId, medicineId, ...input });
    await audit(tx, ctx, {
      action: 'supplier.item_set',
      entityType: 'supplier',
      entityId: supplierId,
      after: { medicineId, ...input },
    });
  });
  return listSupplierItems(ctx, supplierId);
}

export async function removeSupplierItem(ctx: Ctx, supplierId: string, medicineId: string) {
  const hospitalId = requireHospital(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    const supplier = await repo.findSupplier(tx, hospitalId, supplierId, true);
    if (!supplier) throw notFound('Supplier');
    if (!(await repo.deleteSupplierItem(tx, supplierId, medicineId))) throw notFound('Supplier item');
    await audit(tx, ctx, {
      action: 'supplier.item_removed',
      entityType: 'supplier',
      entityId: supplierId,
      before: { medicineId },
    });
  });
  return listSupplierItems(ctx, supplierId);
}

const blank = (v: string | undefined) => v === undefined || v.trim() === '';

/** One CSV record as a supplier, or the reasons it is refused. */
function readRow(r: Record<string, string>): { ok: CreateSupplier } | { errors: string[] } {
  const lead = r.lead_time_days;
  const candidate = {
    name: r.name,
    contactName: blank(r.contact_name) ? undefined : r.contact_name,
    email: blank(r.email) ? undefined : r.email,
    phone: blank(r.phone) ? undefined : r.phone,
    addressLine: blank(r.address) ? undefined : r.address,
    taxId: blank(r.tax_id) ? undefined : r.tax_id,
    paymentTerms: blank(r.payment_terms) ? undefined : r.payment_terms,
    leadTimeDays: blank(lead) ? undefined : /^\d+$/.test(lead!.trim()) ? Number(lead) : Number.NaN,
  };
  const parsed = CreateSupplier.safeParse(candidate);
  if (parsed.success) return { ok: parsed.data };
  return { errors: parsed.error.issues.map((i) => `${String(i.path[0] ?? 'row')}: ${i.message}`) };
}

/**
 * Imports suppliers from CSV (a header naming SUPPLIER_CSV_COLUMNS; `name` required). A name the
 * hospital already has updates that supplier (and brings it back into use); refused rows are
 * reported by line and change nothing; a file that is not CSV, or lacks the name column, changes
 * nothing at all.
 */
export async function importSuppliers(ctx: Ctx, csv: string): Promise<ImportReport> {
  const hospitalId = requireHospital(ctx.actor);
  const records = readCsvRecords(csv, {
    required: ['name'],
    maxRows: MAX_ROWS,
    columns: SUPPLIER_CSV_COLUMNS,
  });
  const report: ImportReport = { created: 0, updated: 0, rejected: [] };
  const seen = new Set<string>();
  await ctx.db.transaction(async (tx) => {
    for (const [i, record] of records.entries()) {
      const row = i + 2; // the header is row 1
      const read = readRow(record);
      if ('errors' in read) {
        report.rejected.push({ row, errors: read.errors });
        continue;
      }
      const key = read.ok.name.toLowerCase();
      if (seen.has(key)) {
        report.rejected.push({ row, errors: ['name: appears earlier in the file'] });
        continue;
      }
      seen.add(key);
      const known = await repo.findSupplierByName(tx, hospitalId, read.ok.name);
      if (known) {
        await repo.updateSupplier(tx, hospitalId, known, { ...read.ok, active: true });
        report.updated++;
      } else {
        await repo.insertSupplier(tx, { ...read.ok, hospitalId, createdBy: ctx.actor.userId });
        report.created++;
      }
    }
    await audit(tx, ctx, {
      action: 'supplier.imported',
      entityType: 'supplier',
      after: { created: report.created, updated: report.updated, rejected: report.rejected.length },
    });
  });
  return report;
}
