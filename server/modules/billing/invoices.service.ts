// Draft invoices ("Generate bill"): made by hand at the front desk or by a finished consultation,
// their lines priced on the server from the price list, the pharmacy's catalog or as given, and
// changed until finalised. A draft never issued is discarded, never deleted.
import type {
  CreateInvoice,
  DiscardInvoice,
  Invoice,
  InvoiceLineInput,
  InvoiceSource,
  UpdateInvoice,
  UpdateInvoiceLine,
} from '../../../contracts/billing';
import type { Executor, Tx } from '../../db/client';
import { can, requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { departmentBelongsToHospital } from '../organisation';
import { registeredPatient } from '../patients';
import { readInvoice, staffMaySee } from './invoices.read';
import * as repo from './invoices.repo';
import { priceInvoiceLine, type Discount } from './money';
import * as prices from './price-list.repo';
import { serviceInUse } from './price-list.service';

type PricedLine = Omit<repo.NewLineRow, 'invoiceId' | 'position'>;

function discountColumns(d: Discount | null | undefined) {
  if (!d) return { discountKind: null, discountValue: null, discountReason: null };
  return {
    discountKind: d.kind,
    discountValue: d.kind === 'amount' ? d.amountMinor : d.percentBp,
    discountReason: d.reason,
  };
}

function mayDiscount(ctx: Ctx, d: Discount | null | undefined): void {
  if (d && !can(ctx.actor, 'discounts:apply')) {
    throw new AppError('FORBIDDEN', 'Giving a discount needs the permission to apply discounts.');
  }
}

/** Prices lines to add: services and medicines at their listed price and tax, others as given. */
export async function priceLines(
  tx: Executor,
  ctx: Ctx,
  hospitalId: string,
  lines: InvoiceLineInput[],
  path: (i: number) => string,
): Promise<PricedLine[]> {
  const services = await prices.servicesByIds(
    tx,
    hospitalId,
    lines.flatMap((l) => (l.serviceId ? [l.serviceId] : [])),
  );
  const medicines = await prices.medicinePrices(
    tx,
    hospitalId,
    lines.flatMap((l) => (l.medicineId ? [l.medicineId] : [])),
  );
  return lines.map((l, i) => {
    mayDiscount(ctx, l.discount);
    const quantity = l.quantity ?? 1;
    let base: Pick<PricedLine, 'kind' | 'refId' | 'description' | 'unitPriceMinor' | 'taxRateBp'>;
    if (l.serviceId) {
      const s = services.get(l.serviceId);
      if (!s)
        throw new AppError('NOT_FOUND', 'Service not found.', {
          errors: [{ path: `${path(i)}.serviceId`, message: 'Not on the price list' }],
        });
      serviceInUse(s, path(i));
      base = {
        kind: 'service',
        refId: s.id,
        description: s.name,
        unitPriceMinor: s.priceMinor,
        taxRateBp: s.taxRateBp,
      };
    } else if (l.medicineId) {
      const m = medicines.get(l.medicineId);
      if (!m)
        throw new AppError('NOT_FOUND', 'Medicine not found.', {
          errors: [{ path: `${path(i)}.medicineId`, message: 'Not in the catalog' }],
        });
      if (!m.active) throw new AppError('MEDICINE_INACTIVE', `${m.label} is no longer in use.`);
      base = {
        kind: 'medicine',
        refId: m.id,
        description: m.label,
        unitPriceMinor: m.salePriceMinor,
        taxRateBp: m.taxRateBp,
      };
    } else {
      base = {
        kind: 'other',
        refId: null,
        description: l.description!,
        unitPriceMinor: l.unitPriceMinor!,
        taxRateBp: l.taxRateBp!,
      };
    }
    const amounts = priceInvoiceLine({ ...base, quantity, discount: l.discount }, path(i));
    return { ...base, quantity, ...discountColumns(l.discount), ...amounts };
  });
}

async function checkParties(
  tx: Executor,
  hospitalId: string,
  p: { departmentId?: string | null; doctorId?: string | null },
) {
  if (p.departmentId && !(await departmentBelongsToHospital(tx, hospitalId, p.departmentId)))
    throw notFound('Department');
  if (p.doctorId && !(await prices.doctorOf(tx, hospitalId, p.doctorId))) throw notFound('Doctor');
}

/** A new draft with its lines priced, in the caller's transaction. */
export async function createDraft(
  tx: Tx,
  ctx: Ctx,
  d: {
    hospitalId: string;
    patientId: string | null;
    source: InvoiceSource;
    sourceId?: string | null;
    departmentId?: string | null;
    doctorProfileId?: string | null;
    notes?: string | null;
    lines: PricedLine[];
  },
): Promise<repo.InvoiceRow> {
  const hospital = await prices.hospitalFacts(tx, d.hospitalId);
  const row = await repo.insertInvoice(tx, {
    hospitalId: d.hospitalId,
    source: d.source,
    sourceId: d.sourceId ?? null,
    patientId: d.patientId,
    departmentId: d.departmentId ?? null,
    doctorProfileId: d.doctorProfileId ?? null,
    currency: hospital.currency,
    notes: d.notes ?? null,
    createdBy: ctx.actor.userId,
  });
  await repo.insertLines(
    tx,
    d.lines.map((l, i) => ({ ...l, invoiceId: row.id, position: i + 1 })),
  );
  const totals = await repo.recomputeTotals(tx, row.id);
  await audit(tx, ctx, {
    action: 'invoice.created',
    entityType: 'invoice',
    entityId: row.id,
    patientId: d.patientId,
    hospitalId: d.hospitalId,
    after: { source: d.source, sourceId: d.sourceId ?? null, lines: d.lines, totalMinor: totals.totalMinor },
  });
  return totals;
}

/** "Generate bill": a draft for a patient registered at the active hospital. */
export async function createInvoice(ctx: Ctx, input: CreateInvoice): Promise<Invoice> {
  const hospitalId = requireHospital(ctx.actor);
  const row = await ctx.db.transaction(async (tx) => {
    if (!(await registeredPatient(tx, input.patientId, hospitalId))) throw notFound('Patient');
    await checkParties(tx, hospitalId, input);
    const lines = await priceLines(tx, ctx, hospitalId, input.lines ?? [], (i) => `body.lines.${i}`);
    return createDraft(tx, ctx, {
      hospitalId,
      patientId: input.patientId,
      source: 'manual',
      departmentId: input.departmentId,
      doctorProfileId: input.doctorId,
      notes: input.notes,
      lines,
    });
  });
  return readInvoice(ctx.db, row.id);
}

/** A draft of the active hospital the caller may see, locked; anything else is refused. */
export async function lockDraft(tx: Tx, ctx: Ctx, id: string): Promise<repo.InvoiceRow> {
  const row = await repo.lockInvoice(tx, requireHospital(ctx.actor), id);
  if (!row || !staffMaySee(ctx.actor, row)) throw notFound('Invoice');
  if (row.status !== 'draft') {
    throw new AppError('INVALID_TRANSITION', `The invoice is ${row.status}: only a draft changes.`, {
      currentStatus: row.status,
    });
  }
  return row;
}

async function changeDraft(
  ctx: Ctx,
  id: string,
  action: string,
  change: (tx: Tx, row: repo.InvoiceRow) => Promise<unknown>,
) {
  await ctx.db.transaction(async (tx) => {
    const row = await lockDraft(tx, ctx, id);
    const after = await change(tx, row);
    const totals = await repo.recomputeTotals(tx, id);
    await audit(tx, ctx, {
      action,
      entityType: 'invoice',
      entityId: id,
      patientId: row.patientId,
      before: { totalMinor: row.totalMinor },
      after: { ...(after as object), totalMinor: totals.totalMinor },
    });
  });
  return readInvoice(ctx.db, id);
}

export function updateInvoice(ctx: Ctx, id: string, input: UpdateInvoice): Promise<Invoice> {
  return changeDraft(ctx, id, 'invoice.updated', async (tx, row) => {
    await checkParties(tx, row.hospitalId, input);
    const patch: Partial<repo.NewInvoiceRow> = {};
    if (input.departmentId !== undefined) patch.departmentId = input.departmentId;
    if (input.doctorId !== undefined) patch.doctorProfileId = input.doctorId;
    if (input.notes !== undefined) patch.notes = input.notes;
    await repo.updateInvoice(tx, id, patch);
    return input;
  });
}

export function addLine(ctx: Ctx, id: string, input: InvoiceLineInput): Promise<Invoice> {
  return changeDraft(ctx, id, 'invoice.line_added', async (tx, row) => {
    const [line] = await priceLines(tx, ctx, row.hospitalId, [input], () => 'body');
    await repo.insertLines(tx, [{ ...line!, invoiceId: id, position: await repo.nextPosition(tx, id) }]);
    return { line };
  });
}

async function lineOf(tx: Tx, invoiceId: string, lineId: string) {
  const line = (await repo.linesOf(tx, invoiceId)).find((l) => l.id === lineId);
  if (!line) throw notFound('Invoice line');
  return line;
}

export function updateLine(ctx: Ctx, id: string, lineId: string, input: UpdateInvoiceLine): Promise<Invoice> {
  return changeDraft(ctx, id, 'invoice.line_changed', async (tx) => {
    const line = await lineOf(tx, id, lineId);
    if (input.discount !== undefined) mayDiscount(ctx, input.discount);
    const quantity = input.quantity ?? line.quantity;
    const discount: Discount | null =
      input.discount !== undefined
        ? input.discount
        : line.discountKind === 'amount'
          ? { kind: 'amount', amountMinor: line.discountValue!, reason: line.discountReason! }
          : line.discountKind === 'percent'
            ? { kind: 'percent', percentBp: line.discountValue!, reason: line.discountReason! }
            : null;
    const amounts = priceInvoiceLine(
      { quantity, unitPriceMinor: line.unitPriceMinor, taxRateBp: line.taxRateBp, discount },
      'body',
    );
    await repo.updateLine(tx, lineId, { quantity, ...discountColumns(discount), ...amounts });
    return {
      lineId,
      before: { quantity: line.quantity, discountMinor: line.discountMinor },
      quantity,
      discount,
      ...amounts,
    };
  });
}

export function removeLine(ctx: Ctx, id: string, lineId: string): Promise<Invoice> {
  return changeDraft(ctx, id, 'invoice.line_removed', async (tx) => {
    const line = await lineOf(tx, id, lineId);
    await repo.deleteLine(tx, lineId);
    return { lineId, description: line.description, totalMinor: line.totalMinor };
  });
}

/** A draft that will not be issued: kept, marked discarded, with the reason. */
export async function discardInvoice(ctx: Ctx, id: string, input: DiscardInvoice): Promise<Invoice> {
  await ctx.db.transaction(async (tx) => discardDraft(tx, ctx, await lockDraft(tx, ctx, id), input.reason));
  return readInvoice(ctx.db, id);
}

/** Marks a draft locked by the caller discarded, with the reason, in the caller's transaction. */
export async function discardDraft(tx: Tx, ctx: Ctx, row: repo.InvoiceRow, reason: string): Promise<void> {
  await repo.updateInvoice(tx, row.id, {
    status: 'discarded',
    discardedAt: new Date(),
    discardReason: reason,
  });
  await audit(tx, ctx, {
    action: 'invoice.discarded',
    entityType: 'invoice',
    entityId: row.id,
    patientId: row.patientId,
    before: { status: 'draft' },
    after: { status: 'discarded', reason },
  });
}
