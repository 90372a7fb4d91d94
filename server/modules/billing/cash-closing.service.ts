// A cashier closes their day (the hospital's local day): what they recorded, by method, against the
// cash they counted; the difference is kept. One closing per cashier per day, never changed; once
// closed, the cashier takes no more money under that day (payments answer DAY_CLOSED).
import type {
  CashClosing,
  CashClosingSearch,
  CashDay,
  CloseCashDay,
  MethodTotal,
} from '../../../contracts/billing-reports';
import { MoneyMethod } from '../../../contracts/billing';
import type { Executor } from '../../db/client';
import { can, requireHospital } from '../../platform/auth/actor';
import { audit } from '../../platform/audit/audit.service';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { findUserNames } from '../identity';
import { lockCashierDay } from './payments.repo';
import { hospitalFacts } from './price-list.repo';
import * as repo from './reports.repo';

/** Every method money changes hands by, with what the cashier took in and paid out that day. */
async function byMethod(
  exec: Executor,
  hospitalId: string,
  cashierId: string,
  day: string,
  timeZone: string,
) {
  const rows = await repo.cashierDay(exec, hospitalId, cashierId, day, timeZone);
  const totals: MethodTotal[] = MoneyMethod.options.map((method) => {
    const r = rows.find((x) => x.method === method) ?? { in: 0, out: 0 };
    return { method, inMinor: r.in, outMinor: r.out, netMinor: r.in - r.out };
  });
  return { totals, expectedCash: totals.find((m) => m.method === 'cash')!.netMinor };
}

function toClosing(r: repo.ClosingRow, names: Map<string, string>): CashClosing {
  return {
    id: r.id,
    cashierId: r.cashierId,
    cashierName: names.get(r.cashierId) ?? null,
    businessDate: r.businessDate,
    byMethod: MoneyMethod.options.map((method) => ({ method, netMinor: r.recordedByMethod[method] ?? 0 })),
    expectedCashMinor: r.expectedCashMinor,
    countedCashMinor: r.countedCashMinor,
    differenceMinor: r.differenceMinor,
    notes: r.notes,
    closedAt: r.closedAt.toISOString(),
  };
}

function notAfterToday(day: string, today: string, path: string) {
  if (day > today) {
    throw new AppError('VALIDATION_FAILED', 'That day has not come yet at the hospital.', {
      errors: [{ path, message: `Not after ${today}` }],
    });
  }
}

/** The caller's takings on a day (today at the hospital by default) and its closing, if closed. */
export async function getCashDay(ctx: Ctx, date?: string): Promise<CashDay> {
  const hospitalId = requireHospital(ctx.actor);
  const hospital = await hospitalFacts(ctx.db, hospitalId);
  const day = date ?? hospital.today;
  notAfterToday(day, hospital.today, 'querystring.date');
  const { totals, expectedCash } = await byMethod(
    ctx.db,
    hospitalId,
    ctx.actor.userId,
    day,
    hospital.timeZone,
  );
  const closing = await repo.findClosing(ctx.db, hospitalId, ctx.actor.userId, day);
  const names = await findUserNames(ctx.db, [ctx.actor.userId]);
  return {
    businessDate: day,
    currency: hospital.currency,
    byMethod: totals,
    expectedCashMinor: expectedCash,
    closing: closing ? toClosing(closing, names) : null,
  };
}

/** Closes the caller's day with the cash they counted; a day is closed once. */
export async function closeCashDay(ctx: Ctx, input: CloseCashDay): Promise<CashClosing> {
  const hospitalId = requireHospital(ctx.actor);
  const row = await ctx.db.transaction(async (tx) => {
    const hospital = await hospitalFacts(tx, hospitalId);
    notAfterToday(input.businessDate, hospital.today, 'body.businessDate');
    await lockCashierDay(tx, hospitalId, ctx.actor.userId, input.businessDate);
    if (await repo.findClosing(tx, hospitalId, ctx.actor.userId, input.businessDate)) {
      throw new AppError('CONFLICT', `You closed ${input.businessDate} already.`);
    }
    const { totals, expectedCash } = await byMethod(
      tx,
      hospitalId,
      ctx.actor.userId,
      input.businessDate,
      hospital.timeZone,
    );
    const closing = await repo.insertClosing(tx, {
      hospitalId,
      cashierId: ctx.actor.userId,
      businessDate: input.businessDate,
      recordedByMethod: Object.fromEntries(totals.map((m) => [m.method, m.netMinor])),
      expectedCashMinor: expectedCash,
      countedCashMinor: input.countedCashMinor,
      differenceMinor: input.countedCashMinor - expectedCash,
      notes: input.notes ?? null,
    });
    await audit(tx, ctx, {
      action: 'cash.closed',
      entityType: 'cash_closing',
      entityId: closing.id,
      after: {
        businessDate: input.businessDate,
        byMethod: closing.recordedByMethod,
        expectedCashMinor: expectedCash,
        countedCashMinor: input.countedCashMinor,
        differenceMinor: closing.differenceMinor,
        notes: input.notes ?? null,
      },
    });
    return closing;
  });
  return toClosing(row, await findUserNames(ctx.db, [row.cashierId]));
}

/** Closings of the active hospital: one's own, or everyone's for those who read billing reports. */
export async function listClosings(ctx: Ctx, q: CashClosingSearch) {
  const hospitalId = requireHospital(ctx.actor);
  const everyone = can(ctx.actor, 'billing-reports:read');
  const cashierId = everyone ? q.cashierId : ctx.actor.userId;
  if (!everyone && q.cashierId && q.cashierId !== ctx.actor.userId) {
    throw new AppError('FORBIDDEN', "Other cashiers' closings need the permission to read billing reports.");
  }
  const [{ rows, total }, hospital] = await Promise.all([
    repo.listClosings(ctx.db, hospitalId, { ...q, cashierId }),
    hospitalFacts(ctx.db, hospitalId),
  ]);
  const names = await findUserNames(
    ctx.db,
    rows.map((r) => r.cashierId),
  );
  return {
    items: rows.map((r) => toClosing(r, names)),
    total,
    limit: q.limit,
    offset: q.offset,
    currency: hospital.currency,
  };
}
